import { Inject, Injectable } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';

/** Any fixed number, the same in every process: the one key of the mailbox reader's advisory lock. */
const READER_LOCK_KEY = 7_311_402_121;

export interface HeldLock {
  /** Still ours: the connection answers (the server drops the lock with a dead connection). */
  alive(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Exactly one mailbox reader among all workers: a PostgreSQL session advisory lock on a connection of its
 * own (not the pool's), dropped by the server the moment its holder dies, so there is no renewal to get wrong.
 */
@Injectable()
export class MailboxLockRepository {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async tryAcquire(): Promise<HeldLock | null> {
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'wgs-mailbox-reader' });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        READER_LOCK_KEY,
      ]);
      if (!rows[0]?.locked) {
        await client.end();
        return null;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return {
      alive: () =>
        client.query('SELECT 1').then(
          () => true,
          () => false,
        ),
      release: () => client.end().catch(() => undefined),
    };
  }
}
