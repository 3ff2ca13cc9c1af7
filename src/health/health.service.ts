import { Inject, Injectable } from '@nestjs/common';
import { answerWithin } from '../common/time/answer-within';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { RedisClient } from '../queue/redis.provider';
import { HealthRepository } from './health.repository';
import { ShutdownDrain } from './shutdown-drain';

interface Probe {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

const PROBE_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<Probe> {
  const started = Date.now();
  try {
    await answerWithin(check(), PROBE_TIMEOUT_MS, `no answer within ${PROBE_TIMEOUT_MS} ms`);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', latencyMs: Date.now() - started, error: (error as Error).message };
  }
}

@Injectable()
export class HealthService {
  constructor(
    private readonly database: HealthRepository,
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly drain: ShutdownDrain,
  ) {}

  /** The process runs and its event loop answers; a failure here is a reason to restart it. */
  live() {
    return { status: 'ok' as const, role: this.config.role, shuttingDown: this.drain.since !== null };
  }

  async ready() {
    const since = this.drain.since;
    if (since) {
      return {
        status: 'shutting_down' as const,
        role: this.config.role,
        message: `this process is shutting down since ${since.toISOString()}: it finishes the requests in hand and takes no new ones`,
      };
    }
    return this.check();
  }

  private inbound() {
    const inbound = this.config.inbound;
    if (!inbound)
      return { status: 'off' as const, message: 'INBOUND_IMAP_URL is not set: answers by email are not read' };
    return { status: 'on' as const, message: `${inbound.mailbox} on ${inbound.host}:${inbound.port}` };
  }

  async check() {
    const [database, redis] = await Promise.all([
      probe(() => this.database.ping()),
      probe(() => this.redis.redis.ping()),
    ]);
    return {
      status: database.status === 'up' && redis.status === 'up' ? ('ok' as const) : ('error' as const),
      role: this.config.role,
      database,
      redis,
      inbound: this.inbound(),
    };
  }
}
