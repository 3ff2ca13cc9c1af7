import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FailedEmailRow {
  recipient_email: string;
  kind: string;
  last_error: string | null;
}

/** Read queries over the outbox for the pages' summaries, each one SQL statement. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** How many emails are still to be sent within a day from `now`. */
  async scheduledWithinADay(now: Date): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM notification WHERE status = 'scheduled' AND due_at >= $1 AND due_at < $1::timestamptz + interval '1 day'`,
      [now],
    );
    return rows[0]?.n ?? 0;
  }

  /** The emails that failed, most recently changed first. */
  latestFailures(limit: number): Promise<FailedEmailRow[]> {
    return this.dataSource.query(`SELECT recipient_email, kind, last_error FROM notification WHERE status = 'failed' ORDER BY updated_at DESC LIMIT $1`, [limit]);
  }
}
