import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { DataSource } from 'typeorm';
import { updateReturning } from '../common/database/update-returning';
import { DeliveryJournal } from './delivery-journal';
import type { PlannedRow } from './notifications.service';
import { NotificationQueue } from './notification-queue';

/** Rows due this soon are (re)put on the queue on every pass, whatever Redis remembers. */
const HORIZON_MS = 2 * 60_000;
const PAGE = 1000;

/**
 * Repairs what Redis lost (a restart, a FLUSHALL) and what a killed worker left half-done: a row
 * left in `sending` longer than SENDING_TIMEOUT_MS whose worker no longer holds its job (the job's
 * lock expired: lockDuration, 30 s) is released and tried again, unless the delivery journal says
 * the SMTP server had already accepted it: then it is recorded as sent.
 */
@Injectable()
export class NotificationReconciler {
  private readonly logger = new Logger(NotificationReconciler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: NotificationQueue,
    private readonly journal: DeliveryJournal,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async reconcile(now = new Date()): Promise<{ released: number; recovered: number; enqueued: number }> {
    // Released a page at a time as well: after many workers died together, rows in sending are many.
    // A row whose worker is only slow (a loaded machine, a slow mail server) is left alone: that worker
    // still holds its job's lock, and releasing the row would send the email a second time.
    let released = 0;
    let recovered = 0;
    let after: { claimedAt: string; id: string } | null = null;
    const cutoff = new Date(now.getTime() - this.config.sendingTimeoutMs);
    for (;;) {
      const stuck: { id: string; version: number; claimed_at_cursor: string }[] = await this.dataSource.query(
        `SELECT id, version, claimed_at::text AS claimed_at_cursor FROM notification
         WHERE status = 'sending' AND claimed_at < $1 ${after ? 'AND (claimed_at, id) > ($2::timestamptz, $3)' : ''}
         ORDER BY claimed_at, id LIMIT ${PAGE}`,
        after ? [cutoff, after.claimedAt, after.id] : [cutoff],
      );
      if (stuck.length === 0) break;
      const held = await this.queue.heldByLiveWorker(stuck);
      const unheld = stuck.filter((_, i) => !held[i]);
      const accepted = await this.journal.accepted(unheld);
      recovered += await this.recordJournaled(unheld.flatMap((r, i) => (accepted[i] ? [{ ...r, ...accepted[i] }] : [])));
      const abandoned = unheld.filter((_, i) => !accepted[i]);
      if (abandoned.length) {
        const rows = await updateReturning<{ id: string; version: number; due_at: Date; kind: string }>(
          this.dataSource,
          `UPDATE notification n SET status = 'scheduled', version = n.version + 1, last_error = 'released: the worker stopped while sending', updated_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS a(id, version)
           WHERE n.id = a.id AND n.version = a.version AND n.status = 'sending'
           RETURNING n.id, n.version, n.due_at, n.kind`,
          [abandoned.map((r) => r.id), abandoned.map((r) => r.version)],
        );
        await this.queue.enqueue(rows.map((r) => ({ id: r.id, version: r.version, dueAt: r.due_at, kind: r.kind })), now.getTime());
        released += rows.length;
      }
      const last = stuck[stuck.length - 1];
      after = { claimedAt: last.claimed_at_cursor, id: last.id };
      if (stuck.length < PAGE) break;
    }

    // Pages by (due_at, id) so that a large backlog never loads at once. The cursor keeps due_at as
    // PostgreSQL's text: a Date drops the microseconds, and a page of rows sharing one due_at would repeat forever.
    let enqueued = 0;
    let cursor: { dueAt: string; id: string } | null = null;
    const horizon = new Date(now.getTime() + HORIZON_MS);
    for (;;) {
      const rows: { id: string; version: number; due_at: Date; due_at_cursor: string; kind: string }[] = await this.dataSource.query(
        `SELECT id, version, due_at, due_at::text AS due_at_cursor, kind FROM notification
         WHERE status = 'scheduled' AND due_at <= $1 ${cursor ? 'AND (due_at, id) > ($2::timestamptz, $3)' : ''}
         ORDER BY due_at, id LIMIT ${PAGE}`,
        cursor ? [horizon, cursor.dueAt, cursor.id] : [horizon],
      );
      if (rows.length === 0) break;
      const planned: PlannedRow[] = rows.map((r) => ({ id: r.id, version: r.version, dueAt: r.due_at, kind: r.kind }));
      await this.queue.enqueue(planned, now.getTime());
      enqueued += rows.length;
      const last = rows[rows.length - 1];
      cursor = { dueAt: last.due_at_cursor, id: last.id };
      if (rows.length < PAGE) break;
    }
    if (released) this.logger.warn({ msg: 'released notifications stuck in sending', count: released });
    if (recovered) this.logger.warn({ msg: 'recorded as sent from the delivery journal: their worker stopped after the SMTP server accepted them', count: recovered });
    return { released, recovered, enqueued };
  }

  private async recordJournaled(rows: { id: string; version: number; messageId: string; response: string; acceptedAt: string }[]): Promise<number> {
    if (rows.length === 0) return 0;
    const recorded = await updateReturning<{ id: string }>(
      this.dataSource,
      `UPDATE notification n SET status = 'sent', sent_at = j.accepted_at, message_id = j.message_id, smtp_response = j.response, last_error = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS j(id, version, message_id, response, accepted_at)
       WHERE n.id = j.id AND n.version = j.version AND n.status = 'sending'
       RETURNING n.id`,
      [rows.map((r) => r.id), rows.map((r) => r.version), rows.map((r) => r.messageId), rows.map((r) => r.response), rows.map((r) => r.acceptedAt)],
    );
    await this.journal.forget(rows);
    return recorded.length;
  }
}
