import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { RedisClient } from '../queue/redis.provider';

export interface JournaledRow {
  id: string;
  version: number;
}

export interface AcceptedEmail {
  messageId: string;
  response: string;
  acceptedAt: string;
}

/** Outlives the PostgreSQL record of a sent email only until that record commits, and a worker killed in between. */
const KEEP_SECONDS = 2 * 24 * 3600;

/** Notes, in one Redis round trip the moment the SMTP server accepts an email, that it went out. */
@Injectable()
export class DeliveryJournal {
  private readonly logger = new Logger(DeliveryJournal.name);
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:accepted:`;
  }

  /** Never fails the delivery: without Redis the email is still recorded in PostgreSQL, only the gap is wider. */
  async recordAccepted(row: JournaledRow, messageId: string, response: string): Promise<void> {
    const entry: AcceptedEmail = { messageId, response: response.slice(0, 1000), acceptedAt: new Date().toISOString() };
    try {
      await this.redis.redis.set(this.key(row), JSON.stringify(entry), 'EX', KEEP_SECONDS);
    } catch (error) {
      this.logger.warn({
        msg: 'could not journal an accepted email',
        notificationId: row.id,
        error: (error as Error).message,
      });
    }
  }

  async accepted(rows: JournaledRow[]): Promise<(AcceptedEmail | null)[]> {
    if (rows.length === 0) return [];
    const raw = await this.redis.redis.mget(rows.map((row) => this.key(row)));
    return raw.map((value) => (value ? (JSON.parse(value) as AcceptedEmail) : null));
  }

  /** Once PostgreSQL holds `sent`, the entry has served; expiry would remove it too, this keeps Redis small. */
  async forget(rows: JournaledRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.redis.redis.del(rows.map((row) => this.key(row))).catch(() => undefined);
  }

  /** By version too: a resend must not be taken for sent by its earlier attempt's entry. */
  private key(row: JournaledRow): string {
    return `${this.prefix}${row.id}:${row.version}`;
  }
}
