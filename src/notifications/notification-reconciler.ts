import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { DeliveryJournal } from './delivery-journal';
import { NotificationRepository } from './notification.repository';
import type { DueRow, StuckRow } from './notification.repository';
import { NotificationQueue } from './notification-queue';

/** Rows due this soon are (re)put on the queue on every pass, whatever Redis remembers. */
const HORIZON_MS = 2 * 60_000;
const PAGE = 1000;

/** Repairs what Redis lost (a restart, a FLUSHALL) and what a killed worker left half-done. */
@Injectable()
export class NotificationReconciler {
  private readonly logger = new Logger(NotificationReconciler.name);

  constructor(
    private readonly repository: NotificationRepository,
    private readonly queue: NotificationQueue,
    private readonly journal: DeliveryJournal,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async reconcile(now = new Date()): Promise<{ released: number; recovered: number; enqueued: number }> {
    // A slow worker still holds its job's lock: releasing its row would send the email a second time.
    let released = 0;
    let recovered = 0;
    let after: { claimedAt: string; id: string } | null = null;
    const cutoff = new Date(now.getTime() - this.config.sendingTimeoutMs);
    for (;;) {
      const stuck: StuckRow[] = await this.repository.findStuckSending(cutoff, after, PAGE);
      if (stuck.length === 0) break;
      const held = await this.queue.heldByLiveWorker(stuck);
      const unheld = stuck.filter((_, i) => !held[i]);
      const accepted = await this.journal.accepted(unheld);
      recovered += await this.recordJournaled(
        unheld.flatMap((r, i) => (accepted[i] ? [{ ...r, ...accepted[i] }] : [])),
      );
      const abandoned = unheld.filter((_, i) => !accepted[i]);
      if (abandoned.length) {
        const rows = await this.repository.releaseStuck(abandoned);
        await this.queue.enqueue(rows, now.getTime());
        released += rows.length;
      }
      const last = stuck[stuck.length - 1];
      after = { claimedAt: last.claimed_at_cursor, id: last.id };
      if (stuck.length < PAGE) break;
    }

    // The cursor keeps due_at as PostgreSQL's text: a Date drops microseconds and a page could repeat forever.
    let enqueued = 0;
    let cursor: { dueAt: string; id: string } | null = null;
    const horizon = new Date(now.getTime() + HORIZON_MS);
    for (;;) {
      const rows: DueRow[] = await this.repository.findDueScheduled(horizon, cursor, PAGE);
      if (rows.length === 0) break;
      await this.queue.enqueue(
        rows.map((r) => ({ id: r.id, version: r.version, dueAt: r.due_at, kind: r.kind })),
        now.getTime(),
      );
      enqueued += rows.length;
      const last = rows[rows.length - 1];
      cursor = { dueAt: last.due_at_cursor, id: last.id };
      if (rows.length < PAGE) break;
    }
    if (released) this.logger.warn({ msg: 'released notifications stuck in sending', count: released });
    if (recovered)
      this.logger.warn({
        msg: 'recorded as sent from the delivery journal: their worker stopped after the SMTP server accepted them',
        count: recovered,
      });
    return { released, recovered, enqueued };
  }

  private async recordJournaled(
    rows: { id: string; version: number; messageId: string; response: string; acceptedAt: string }[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const recorded = await this.repository.markSentFromJournal(rows);
    await this.journal.forget(rows);
    return recorded;
  }
}
