import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A minimal SMTP sink for benchmarks: it accepts everything and counts, without parsing. */
export async function startSmtpCounter(): Promise<{
  url: string;
  accepted: () => number;
  acceptedAt: Map<string, number>;
  stop: () => Promise<void>;
}> {
  let accepted = 0;
  const acceptedAt = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        accepted++;
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1];
        if (id) acceptedAt.set(id, Date.now());
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: () => accepted,
    acceptedAt,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The same sink in a child process, so that its work does not share a core with the code measured. */
export async function startSmtpCounterProcess(): Promise<{
  url: string;
  accepted: () => Promise<number>;
  acceptedAt: (ids: string[]) => Promise<(number | null)[]>;
  stop: () => Promise<void>;
}> {
  const { fork } = await import('node:child_process');
  const child = fork(require.resolve('./smtp-counter-process.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
  });
  const ask = <T>(type: string, extra: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const onMessage = (message: { type: string } & T) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ type, ...extra });
    });
  const url = await new Promise<string>((resolve) => child.once('message', (m: { url: string }) => resolve(m.url)));
  return {
    url,
    accepted: async () => (await ask<{ accepted: number }>('count')).accepted,
    acceptedAt: async (ids) => (await ask<{ times: (number | null)[] }>('times', { ids })).times,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}
