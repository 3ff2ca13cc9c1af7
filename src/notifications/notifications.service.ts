import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import type { EmailKind } from '../mail/email-kinds';
import { NotificationQuery } from './dto/notification-query.dto';
import { Notification, SubjectType } from './notification.entity';
import type { LocalizedText } from '../common/i18n/languages';
import { SentEmail } from './sent-email.entity';
import { NotificationRepository } from './notification.repository';
import type { PlannedNotification, PlannedRow, RescheduledNotification } from './notification.repository';
import { Outbox, UnitOfWork } from './unit-of-work';
import type { UnitOfWorkContext } from './unit-of-work';

/** At most the SMTP socket time-out: a re-plan waits this long for its subject's emails being sent. */
const MAX_WAIT_FOR_EMAILS_IN_FLIGHT_MS = 30_000;

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly repository: NotificationRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async plan({ manager, outbox }: UnitOfWorkContext, rows: PlannedNotification[]): Promise<PlannedRow[]> {
    if (rows.length === 0) return [];
    const planned = await this.repository.insertNew(manager, rows);
    outbox.add(planned);
    return planned;
  }

  async replanAfterEmailsInFlight(
    { manager, outbox }: UnitOfWorkContext,
    subjectType: SubjectType,
    subjectId: string,
    kinds: EmailKind[],
    desired: PlannedNotification[],
    reason: string,
  ): Promise<PlannedRow[]> {
    const planned = await this.repository.replanSubject(manager, subjectType, subjectId, kinds, desired, reason);
    await this.waitForEmailsInFlight(manager, subjectType, subjectId, kinds);
    outbox.add(planned);
    return planned;
  }

  /** A worker may be sending one of the subject's emails, composed from the state before this change. */
  private async waitForEmailsInFlight(
    manager: EntityManager,
    subjectType: SubjectType,
    subjectId: string,
    kinds: EmailKind[],
  ): Promise<void> {
    const deadline = Date.now() + MAX_WAIT_FOR_EMAILS_IN_FLIGHT_MS;
    for (;;) {
      const sending = await this.repository.countSending(manager, subjectType, subjectId, kinds);
      if (sending === 0) return;
      if (Date.now() > deadline) {
        this.logger.warn({
          msg: 'committing a change while its emails are still being sent',
          subjectType,
          subjectId,
          sending,
        });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  newSubjectInsertSql(
    desired: PlannedNotification[],
    firstParam: number,
    cte: string,
  ): { sql: string; params: unknown[]; planned: string } | null {
    return this.repository.newSubjectInsertSql(desired, firstParam, cte);
  }

  addInserted(outbox: Outbox, planned: { id: string; version: number; dueAt: string; kind: string }[]): void {
    outbox.add(this.repository.plannedFromJson(planned));
  }

  async reschedule({ manager, outbox }: UnitOfWorkContext, rows: RescheduledNotification[]): Promise<PlannedRow[]> {
    const planned = await this.repository.reschedule(manager, rows);
    outbox.add(planned);
    return planned;
  }

  cancelForRecipient(manager: EntityManager, recipientId: string, reason: string): Promise<number> {
    return this.repository.cancelForRecipient(manager, recipientId, reason);
  }

  cancelScheduledTo(
    manager: EntityManager,
    subjectType: SubjectType,
    subjectId: string,
    recipientId: string,
    reason: string,
  ): Promise<number> {
    return this.repository.cancelScheduledTo(manager, subjectType, subjectId, recipientId, reason);
  }

  cancelScheduled(
    manager: EntityManager,
    subjectType: SubjectType,
    subjectId: string,
    reason: string,
    kinds?: EmailKind[],
  ): Promise<number> {
    return this.repository.cancelScheduled(manager, subjectType, subjectId, reason, kinds);
  }

  /** The email as it was sent, when it was. */
  sentEmail(notificationId: string): Promise<SentEmail | null> {
    return this.repository.findSentEmail(notificationId);
  }

  /** What each row is about, by name: its meeting's title or its activity. */
  subjectNames(rows: Pick<Notification, 'subjectType' | 'subjectId'>[]): Promise<Map<string, LocalizedText>> {
    return this.repository.subjectNames(rows);
  }

  list(query: NotificationQuery): Promise<Page<Notification>> {
    return this.repository.list(query);
  }

  listJson(query: NotificationQuery): Promise<string> {
    return this.repository.listJson(query);
  }

  async get(id: string): Promise<Notification> {
    const notification = await this.repository.findById(id);
    if (!notification) throw ApiError.notFound('Notification', id);
    return notification;
  }

  /** A new row for the same email (new Message-ID), due now; the original stays as it was, for the record. */
  async resend(id: string): Promise<Notification> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const original = await this.repository.findById(id, manager);
      if (!original) throw ApiError.notFound('Notification', id);
      const resends = await this.repository.countResends(manager, original.key);
      const rows = await this.plan(unit, [
        {
          key: `${original.key}#resend${resends + 1}`,
          kind: original.kind,
          subjectType: original.subjectType,
          subjectId: original.subjectId,
          subjectVersion: original.subjectVersion,
          recipientId: original.recipientId,
          recipientEmail: original.recipientEmail,
          dueAt: new Date(),
          payload: { ...original.payload, resendOf: original.id },
        },
      ]);
      const created = await this.repository.findById(rows[0].id, manager);
      if (!created) throw ApiError.notFound('Notification', rows[0].id);
      await this.audit.record(manager, 'create', 'notification', created.id, null, created);
      return created;
    });
  }
}
