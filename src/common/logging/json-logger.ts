import { LoggerService } from '@nestjs/common';
import { requestContext } from '../request-context';
import { redact, redactValue } from './redact';

// Nest's start-up chatter (one line per module and route) is for debugging, not for the operator's console.
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

const LEVELS = { debug: 10, verbose: 10, info: 20, log: 20, warn: 30, error: 40, fatal: 50 } as const;
type Level = keyof typeof LEVELS;

/** One JSON object per line on stdout, with the request id of the request being served, if any. */
export class JsonLogger implements LoggerService {
  constructor(private readonly minimum: 'debug' | 'info' | 'warn' | 'error' = 'info') {}

  isEnabled(level: Level): boolean {
    return LEVELS[level] >= LEVELS[this.minimum];
  }

  log(message: unknown, ...rest: unknown[]) {
    const context = rest[rest.length - 1];
    this.write(typeof context === 'string' && START_UP_CONTEXTS.has(context) ? 'debug' : 'info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]) {
    if (!this.isEnabled(level)) return;
    // Nest passes the context as the last string argument, and a stack before it for errors.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const entry: Record<string, unknown> = { level, time: new Date().toISOString() };
    if (context) entry.context = context;
    const requestId = requestContext.get()?.requestId;
    if (requestId) entry.requestId = requestId;
    if (message instanceof Error) {
      entry.msg = redact(message.message);
      entry.stack = redact(message.stack ?? '');
    } else if (message !== null && typeof message === 'object') {
      Object.assign(entry, redactValue(message));
    } else {
      entry.msg = redact(String(message));
    }
    const stack = args.find((a) => typeof a === 'string' && a.includes('\n    at '));
    if (typeof stack === 'string') entry.stack = redact(stack);
    process.stdout.write(JSON.stringify(entry) + '\n');
  }
}
