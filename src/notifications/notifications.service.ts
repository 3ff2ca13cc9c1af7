import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import type { EmailKind } from '../mail/email-kinds';
import { NotificationQuery } from './dto/notification-query.dto';
import { Notification, SubjectType } from './notification.entity';
import { NotificationQueue } from './notification-queue';

export interface PlannedNotification {
  key: string;
  kind: EmailKind;
  subjectType: SubjectType;
  subjectId: string | null;
  subjectVersion?: number | null;
  recipientId: string | null;
  recipientEmail: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

export type PlannedRow = Pick<Notification, 'id' | 'version' | 'dueAt'>;

/** Plans notifications inside the caller's transaction; the caller enqueues the rows after commit. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly repository: Repository<Notification>,
    private readonly dataSource: DataSource,
    private readonly queue: NotificationQueue,
    private readonly audit: AuditService,
  ) {}

  /** Inserts the rows whose key is new; a key planned before is left as it is (at most one email per occurrence). */
  async plan(manager: EntityManager, rows: PlannedNotification[]): Promise<PlannedRow[]> {
    if (rows.length === 0) return [];
    const planned: PlannedRow[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500).map((row) => ({ ...row, subjectVersion: row.subjectVersion ?? null, payload: row.payload ?? {} }));
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(chunk as never)
        .orIgnore()
        .returning(['id', 'version', 'dueAt'])
        .execute();
      for (const raw of result.raw as { id: string; version: number; due_at: Date }[]) planned.push({ id: raw.id, version: raw.version, dueAt: raw.due_at });
    }
    return planned;
  }

  /** Cancels the still-scheduled rows of a subject that `keep` rejects (obsolete after a change). */
  async cancelScheduled(manager: EntityManager, subjectType: SubjectType, subjectId: string, reason: string, kinds?: EmailKind[]): Promise<number> {
    const qb = manager
      .createQueryBuilder()
      .update(Notification)
      .set({ status: 'cancelled', lastError: reason, version: () => 'version + 1' })
      .where('subject_type = :subjectType AND subject_id = :subjectId AND status = :status', { subjectType, subjectId, status: 'scheduled' });
    if (kinds?.length) qb.andWhere('kind IN (:...kinds)', { kinds });
    return (await qb.execute()).affected ?? 0;
  }

  enqueue(rows: PlannedRow[]): Promise<void> {
    return this.queue.enqueue(rows);
  }

  async list(query: NotificationQuery): Promise<Page<Notification>> {
    const qb = this.repository.createQueryBuilder('n').orderBy('n.due_at', 'DESC').addOrderBy('n.id', 'DESC');
    if (query.subjectType) qb.andWhere('n.subject_type = :subjectType', { subjectType: query.subjectType });
    if (query.subjectId) qb.andWhere('n.subject_id = :subjectId', { subjectId: query.subjectId });
    if (query.recipientId) qb.andWhere('n.recipient_id = :recipientId', { recipientId: query.recipientId });
    if (query.status) qb.andWhere('n.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    if (query.from) qb.andWhere('n.due_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('n.due_at <= :to', { to: query.to });
    const [items, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<Notification> {
    const notification = await this.repository.findOneBy({ id });
    if (!notification) throw ApiError.notFound('Notification', id);
    return notification;
  }

  /** A new row for the same email (new Message-ID), due now; the original stays as it was, for the record. */
  async resend(id: string): Promise<Notification> {
    const [copy, planned] = await this.dataSource.transaction(async (manager) => {
      const original = await manager.findOneBy(Notification, { id });
      if (!original) throw ApiError.notFound('Notification', id);
      const resends = await manager.createQueryBuilder(Notification, 'n').where('n.key LIKE :prefix', { prefix: `${original.key.replace(/[\\%_]/g, '\\$&')}#resend%` }).getCount();
      const rows = await this.plan(manager, [
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
      const created = await manager.findOneByOrFail(Notification, { id: rows[0].id });
      await this.audit.record(manager, 'create', 'notification', created.id, null, created);
      return [created, rows] as const;
    });
    await this.enqueue([...planned]);
    return copy;
  }
}
