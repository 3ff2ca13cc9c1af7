import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MicroBatch } from '../common/batching/micro-batch';
import { rowToEntity } from '../common/database/update-returning';
import { Member } from '../members/member.entity';
import { DeliveryJournal } from './delivery-journal';
import type { JournaledRow } from './delivery-journal';
import { Notification } from './notification.entity';

export interface Claimed {
  notification: Notification;
  recipient: Member | null;
}

/**
 * The two writes every email makes, each one statement for all the jobs running at that moment:
 * claiming (scheduled → sending, exactly once, only the version the job was made for and only once
 * due; the recipient comes back in the same round trip) and recording `sent` in PostgreSQL, after the
 * journal in Redis has noted the acceptance.
 */
@Injectable()
export class NotificationClaims {
  private readonly claims: MicroBatch<{ id: string; version: number }, Claimed | null>;
  private readonly sent: MicroBatch<{ id: string; version: number; messageId: string; response: string }, void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly journal: DeliveryJournal,
  ) {
    this.claims = new MicroBatch((wanted) => this.claimAll(wanted));
    // Accepted emails come one at a time through the acceptance gate: a longer wait lets their records
    // share a statement (reminder benchmark: 0.85 → 0.44 statements per email), and only PostgreSQL's
    // record waits, the journal has noted each acceptance already.
    this.sent = new MicroBatch((rows) => this.recordAllSent(rows), 256, 2, 10);
  }

  claim(id: string, version: number): Promise<Claimed | null> {
    return this.claims.call({ id, version });
  }

  /** Call the moment the SMTP server has accepted the email: one Redis round trip closes the gap until `recordSent` commits. */
  journalAccepted(row: JournaledRow, messageId: string, response: string): Promise<void> {
    return this.journal.recordAccepted(row, messageId, response);
  }

  /** After `journalAccepted`: PostgreSQL's record, with the batch. */
  async recordSent(row: JournaledRow, messageId: string, response: string): Promise<void> {
    await this.sent.call({ id: row.id, version: row.version, messageId, response: response.slice(0, 1000) });
  }

  private async claimAll(wanted: { id: string; version: number }[]): Promise<(Claimed | null)[]> {
    // The conditional UPDATE is the claim: of two workers holding jobs for the same row, only one matches it.
    const rows = await this.dataSource.query<{ claimed: Record<string, unknown>; recipient: Record<string, unknown> | null }[]>(
      `WITH claimed AS (
         UPDATE notification n SET status = 'sending', attempts = n.attempts + 1, claimed_at = now(), first_attempt_at = coalesce(n.first_attempt_at, now()), updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS w(id, version)
         WHERE n.id = w.id AND n.version = w.version AND n.status = 'scheduled' AND n.due_at <= now() + interval '2 seconds'
         RETURNING n.*)
       SELECT row_to_json(claimed) AS claimed, row_to_json(m) AS recipient FROM claimed LEFT JOIN member m ON m.id = claimed.recipient_id`,
      [wanted.map((w) => w.id), wanted.map((w) => w.version)],
    );
    const byId = new Map<string, Claimed>();
    for (const row of rows) {
      const notification = rowToEntity(this.dataSource, Notification, row.claimed);
      byId.set(notification.id, { notification, recipient: row.recipient ? rowToEntity(this.dataSource, Member, row.recipient) : null });
    }
    return wanted.map((w) => {
      const claimed = byId.get(w.id);
      return claimed && claimed.notification.version === w.version ? claimed : null;
    });
  }

  private async recordAllSent(rows: { id: string; version: number; messageId: string; response: string }[]): Promise<void[]> {
    await this.dataSource.query(
      `UPDATE notification n SET status = 'sent', sent_at = now(), message_id = s.message_id, smtp_response = s.response, last_error = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s(id, message_id, response)
       WHERE n.id = s.id AND n.status = 'sending'`,
      [rows.map((r) => r.id), rows.map((r) => r.messageId), rows.map((r) => r.response)],
    );
    void this.journal.forget(rows);
    return rows.map(() => undefined);
  }
}
