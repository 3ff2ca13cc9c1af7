import { Inject, Injectable, Logger } from '@nestjs/common';
import { isTransientDatabaseError } from '../common/database/transient-error';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { Member } from '../members/member.entity';
import { DeliveryError, MailTransport } from '../mail/mail-transport';
import { ReplyAddressing } from '../mail/reply-addressing';
import { TemplateRenderer } from '../mail/template-renderer';
import { isDigestible, nextDigestSlot, slotKey } from '../reminders/reminder-policy';
import { NotificationClaims } from './notification-claims';
import { ComposerRegistry } from './notification-composer';
import { NotificationsService } from './notifications.service';
import { outboxCopyData } from './outbox-copy';
import { Notification } from './notification.entity';
import { NotificationRepository } from './notification.repository';
import type { PlannedRow } from './notification.repository';
import { UnitOfWork } from './unit-of-work';

/** Temporary failures are retried for this long after the first attempt, then the row fails. */
export const RETRY_WINDOW_MS = 24 * 3600_000;

export type DeliveryOutcome =
  | { outcome: 'not_claimable' }
  | { outcome: 'sent'; messageId: string; latenessMs: number }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'digested'; next: PlannedRow[] }
  | { outcome: 'failed'; error: string }
  | { outcome: 'retry'; error: string; next: PlannedRow };

export function backoffMs(attempts: number, baseMs: number, maxMs = 3600_000): number {
  const base = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** The path of one email: claim the row, re-check the subject, render, send, record. */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger(NotificationDelivery.name);
  private readonly appUrl: string;
  private readonly replyTo: string | null;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;

  constructor(
    private readonly repository: NotificationRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly claims: NotificationClaims,
    private readonly composers: ComposerRegistry,
    private readonly renderer: TemplateRenderer,
    private readonly transport: MailTransport,
    private readonly notifications: NotificationsService,
    private readonly addressing: ReplyAddressing,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.appUrl = config.appUrl;
    this.replyTo = config.replyTo;
    this.retryBaseMs = config.retryBaseMs;
    this.retryMaxMs = config.retryMaxMs;
  }

  messageIdFor(notificationId: string): string {
    return this.addressing.messageIdFor(notificationId);
  }

  async deliver(notificationId: string, version: number): Promise<DeliveryOutcome> {
    const claimed = await this.claims.claim(notificationId, version);
    if (!claimed) return { outcome: 'not_claimable' };
    const { notification, recipient } = claimed;
    if (notification.recipientId && (!recipient || !recipient.active)) {
      return this.skip(notification, 'the recipient is no longer active');
    }

    if (recipient && recipient.digest !== 'immediate' && isDigestible(notification.kind, notification.payload)) {
      return this.digest(notification, recipient, recipient.digest);
    }

    let composed;
    try {
      composed = await this.composers.get(notification.subjectType).compose(notification, recipient!);
    } catch (error) {
      // The database going away mid-compose (a restart, a failover) is no reason to give the email up.
      if (isTransientDatabaseError(error))
        return this.retryOrFail(notification, `could not compose: ${(error as Error).message}`);
      return this.fail(notification, `could not compose: ${(error as Error).message}`);
    }
    if (!composed.send) return this.skip(notification, composed.reason);

    const messageId = this.messageIdFor(notification.id);
    try {
      const rendered = this.renderer.render(composed.kind, composed.data);
      const headers: Record<string, string> = { 'X-WGS-Notification': notification.id };
      if (composed.nonEssential && composed.data.unsubscribeUrl) {
        headers['List-Unsubscribe'] = `<${composed.data.unsubscribeUrl}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      }
      const result = await this.transport.send(
        {
          messageId,
          to: { name: recipient?.fullName ?? notification.recipientEmail, address: notification.recipientEmail },
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          headers,
          calendar: composed.calendar,
          language: rendered.language,
          // A reply that loses In-Reply-To (some webmail) still names this email by its address.
          ...(this.replyTo ? { replyTo: this.addressing.replyAddressFor(this.replyTo, notification.id) } : {}),
        },
        (accepted) => this.claims.journalAccepted(notification, accepted.messageId, accepted.response),
      );
      const copy = outboxCopyData(composed.kind, composed.data, this.appUrl);
      const kept = copy.linkHidden ? this.renderer.render(composed.kind, copy.data) : rendered;
      await this.claims.recordSent(notification, result.messageId, result.response, {
        subject: kept.subject,
        html: kept.html,
        text: kept.text,
      });
      return { outcome: 'sent', messageId: result.messageId, latenessMs: Date.now() - notification.dueAt.getTime() };
    } catch (error) {
      if (error instanceof DeliveryError && !error.permanent) return this.retryOrFail(notification, error.message);
      // Only recording `sent` touches the database here: the email was accepted, so it must not be shown
      // as failed. The row stays in `sending`; the reconciler releases it once the job's lock lapses.
      if (isTransientDatabaseError(error)) throw error;
      return this.fail(notification, (error as Error).message);
    }
  }

  private async digest(
    notification: Notification,
    recipient: Member,
    period: 'daily' | 'weekly',
  ): Promise<DeliveryOutcome> {
    const slot = nextDigestSlot(new Date(), period, recipient.timeZone);
    const key = slotKey(slot, recipient.timeZone);
    return this.unitOfWork.run(async (unit) => {
      await this.repository.markDigested(unit.manager, notification.id, { digestPeriod: period, digestSlot: key });
      const next = await this.notifications.plan(unit, [
        {
          key: `digest:${recipient.id}:${period}:${key}`,
          kind: 'digest',
          subjectType: 'member_digest',
          subjectId: recipient.id,
          recipientId: recipient.id,
          recipientEmail: recipient.email,
          dueAt: slot,
          payload: { period, slot: key },
        },
      ]);
      return { outcome: 'digested' as const, next };
    });
  }

  private async skip(notification: Notification, reason: string): Promise<DeliveryOutcome> {
    await this.repository.markSkipped(notification.id, reason);
    return { outcome: 'skipped', reason };
  }

  private async fail(notification: Notification, error: string): Promise<DeliveryOutcome> {
    this.logger.warn({ msg: 'notification failed', notificationId: notification.id, kind: notification.kind, error });
    await this.repository.markFailed(notification.id, error);
    return { outcome: 'failed', error };
  }

  private async retryOrFail(notification: Notification, error: string): Promise<DeliveryOutcome> {
    const firstAttempt = notification.firstAttemptAt ?? notification.dueAt;
    const nextAt = new Date(Date.now() + backoffMs(notification.attempts, this.retryBaseMs, this.retryMaxMs));
    if (nextAt.getTime() - firstAttempt.getTime() > RETRY_WINDOW_MS) {
      return this.fail(notification, `gave up after ${notification.attempts} attempts over a day: ${error}`);
    }
    const next = await this.unitOfWork.runStatements(async ({ manager, outbox }) => {
      const row = await this.repository.scheduleRetry(manager, notification.id, nextAt, error);
      if (row) outbox.add([row]);
      return row;
    });
    if (!next) return { outcome: 'failed', error };
    return { outcome: 'retry', error, next };
  }
}
