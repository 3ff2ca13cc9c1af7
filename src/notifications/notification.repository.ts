import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { entityFromRow, entityJsonSql, paginateJson, paginateRows } from '../common/database/paginate';
import { rowToEntity, updateReturning } from '../common/database/update-returning';
import { Page } from '../common/http/pagination';
import type { LocalizedText } from '../common/i18n/languages';
import type { EmailKind } from '../mail/email-kinds';
import { Member } from '../members/member.entity';
import { NotificationQuery } from './dto/notification-query.dto';
import { Notification, SubjectType } from './notification.entity';
import { SentEmail } from './sent-email.entity';

export interface PlannedNotification {
  key: string;
  /** `skipped` for a reminder whose moment had passed when it was planned: kept for the record, never sent. */
  status?: 'scheduled' | 'skipped';
  lastError?: string | null;
  kind: EmailKind;
  subjectType: SubjectType;
  subjectId: string | null;
  subjectVersion?: number | null;
  recipientId: string | null;
  recipientEmail: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

export interface RescheduledNotification {
  id: string;
  dueAt: Date;
  status: 'scheduled' | 'skipped';
  lastError: string | null;
  payload: Record<string, unknown>;
}

export type PlannedRow = Pick<Notification, 'id' | 'version' | 'dueAt'> & { kind?: string };

export interface Claimed {
  notification: Notification;
  recipient: Member | null;
}

export interface ScheduledForRecipient {
  id: string;
  kind: EmailKind;
  due_at: Date;
  payload: Record<string, unknown>;
  meeting_starts_at: Date | null;
}

/** A row left in `sending`; `claimed_at_cursor` is PostgreSQL's text of `claimed_at`, for the next page. */
export interface StuckRow {
  id: string;
  version: number;
  claimed_at_cursor: string;
}

/** A scheduled row coming due; `due_at_cursor` is PostgreSQL's text of `due_at`, for the next page. */
export interface DueRow {
  id: string;
  version: number;
  due_at: Date;
  due_at_cursor: string;
  kind: string;
}

export interface FailedEmail {
  id: string;
  recipient_email: string;
  kind: string;
  last_error: string | null;
}

// Counting millions of rows for every page costs more than the page: beyond this the total is "at least".
export const NOTIFICATIONS_COUNTED_UP_TO = 10_000;

const INSERTED_COLUMNS =
  'key, kind, subject_type, subject_id, subject_version, recipient_id, recipient_email, due_at, status, last_error, payload';

function rowValues(desired: PlannedNotification[], firstParam: number): { values: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows = desired.map((d) => {
    const values = [
      d.key,
      d.kind,
      d.subjectType,
      d.subjectId,
      d.subjectVersion ?? null,
      d.recipientId,
      d.recipientEmail,
      d.dueAt,
      d.status ?? 'scheduled',
      d.lastError ?? null,
      JSON.stringify(d.payload ?? {}),
    ];
    const start = firstParam + params.length;
    params.push(...values);
    return `(${values.map((_, j) => `$${start + j}`).join(', ')})`;
  });
  return { values: rows.join(', '), params };
}

const selectRowValues = (values: string) =>
  `SELECT v.key, v.kind, v.subject_type, v.subject_id::uuid, v.subject_version::int, v.recipient_id::uuid, v.recipient_email, v.due_at::timestamptz, v.status::notification_status, v.last_error, v.payload::jsonb
   FROM (VALUES ${values}) AS v(key, kind, subject_type, subject_id, subject_version, recipient_id, recipient_email, due_at, status, last_error, payload)`;

const toPlanned = (row: { id: string; version: number; due_at: Date; kind: string }): PlannedRow => ({
  id: row.id,
  version: row.version,
  dueAt: row.due_at,
  kind: row.kind,
});

/** The only place that writes a row's `status`. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A key planned before is left as it is: at most one email per occurrence. */
  async insertNew(manager: EntityManager, rows: PlannedNotification[]): Promise<PlannedRow[]> {
    const planned: PlannedRow[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows
        .slice(i, i + 500)
        .map((row) => ({ ...row, subjectVersion: row.subjectVersion ?? null, payload: row.payload ?? {} }));
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(chunk as never)
        .orIgnore()
        .returning(['id', 'version', 'dueAt', 'kind'])
        .execute();
      for (const raw of result.raw as { id: string; version: number; due_at: Date; kind: string }[])
        planned.push(toPlanned(raw));
    }
    return planned;
  }

  /** Cancels rows no longer wanted, inserts new ones, and revives wanted cancelled ones under a new version. */
  async replanSubject(
    manager: EntityManager,
    subjectType: SubjectType,
    subjectId: string,
    kinds: EmailKind[],
    desired: PlannedNotification[],
    reason: string,
  ): Promise<PlannedRow[]> {
    await manager.query(
      `UPDATE notification SET status = 'cancelled', version = version + 1, last_error = $5, updated_at = now()
       WHERE subject_type = $1 AND subject_id = $2 AND status = 'scheduled' AND kind = ANY($3) AND NOT (key = ANY($4))`,
      [subjectType, subjectId, kinds, desired.map((d) => d.key), reason],
    );
    const planned: PlannedRow[] = [];
    for (let i = 0; i < desired.length; i += 300) {
      const { values, params } = rowValues(desired.slice(i, i + 300), 1);
      const result: { id: string; version: number; due_at: Date; status: string; kind: string }[] = await manager.query(
        `INSERT INTO notification (${INSERTED_COLUMNS}) ${selectRowValues(values)}
         ON CONFLICT (key) DO UPDATE SET status = 'scheduled', version = notification.version + 1, due_at = EXCLUDED.due_at, last_error = NULL, updated_at = now()
         WHERE notification.status = 'cancelled' AND EXCLUDED.status = 'scheduled'
         RETURNING id, version, due_at, status, kind`,
        params,
      );
      for (const row of result) if (row.status === 'scheduled') planned.push(toPlanned(row));
    }
    return planned;
  }

  async countSending(
    manager: EntityManager,
    subjectType: SubjectType,
    subjectId: string,
    kinds: EmailKind[],
  ): Promise<number> {
    const [{ sending }]: { sending: number }[] = await manager.query(
      `SELECT count(*)::int AS sending FROM notification WHERE subject_type = $1 AND subject_id = $2 AND status = 'sending' AND kind = ANY($3)`,
      [subjectType, subjectId, kinds],
    );
    return sending;
  }

  /** New rows as an INSERT for the caller's statement (a CTE named `cte`). */
  newSubjectInsertSql(
    desired: PlannedNotification[],
    firstParam: number,
    cte: string,
  ): { sql: string; params: unknown[]; planned: string } | null {
    if (desired.length === 0) return null;
    const { values, params } = rowValues(desired, firstParam);
    return {
      sql: `INSERT INTO notification (${INSERTED_COLUMNS}) ${selectRowValues(values)} RETURNING id, version, due_at, kind, status`,
      params,
      planned: `(SELECT coalesce(json_agg(json_build_object('id', id, 'version', version, 'dueAt', due_at, 'kind', kind)) FILTER (WHERE status = 'scheduled'), '[]') FROM ${cte})`,
    };
  }

  plannedFromJson(rows: { id: string; version: number; dueAt: string; kind: string }[]): PlannedRow[] {
    return rows.map((row) => ({ id: row.id, version: row.version, dueAt: new Date(row.dueAt), kind: row.kind }));
  }

  /** A member's scheduled rows of these kinds, locked until the caller's commit so that no worker claims one meanwhile. */
  lockScheduledForRecipient(
    manager: EntityManager,
    recipientId: string,
    kinds: EmailKind[],
  ): Promise<ScheduledForRecipient[]> {
    return manager.query(
      `SELECT n.id, n.kind, n.due_at, n.payload, m.starts_at AS meeting_starts_at
       FROM notification n LEFT JOIN meeting m ON n.subject_type = 'meeting' AND m.id = n.subject_id AND m.sequence = n.subject_version
       WHERE n.recipient_id = $1 AND n.status = 'scheduled' AND n.kind = ANY($2)
       FOR UPDATE OF n`,
      [recipientId, kinds],
    );
  }

  /** A new version leaves queued jobs nothing to do; rows a worker claimed meanwhile are left as they are. */
  async reschedule(manager: EntityManager, rows: RescheduledNotification[]): Promise<PlannedRow[]> {
    const planned: PlannedRow[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const params: unknown[] = [];
      const values = rows.slice(i, i + 500).map((row) => {
        const start = params.length;
        params.push(row.id, row.dueAt, row.status, row.lastError, JSON.stringify(row.payload));
        return `($${start + 1}::uuid, $${start + 2}::timestamptz, $${start + 3}::notification_status, $${start + 4}, $${start + 5}::jsonb)`;
      });
      const result = await updateReturning<{ id: string; version: number; due_at: Date; status: string; kind: string }>(
        manager,
        `UPDATE notification n SET due_at = v.due_at, status = v.status, last_error = v.last_error, payload = v.payload, version = n.version + 1, updated_at = now()
         FROM (VALUES ${values.join(', ')}) AS v(id, due_at, status, last_error, payload)
         WHERE n.id = v.id AND n.status = 'scheduled'
         RETURNING n.id, n.version, n.due_at, n.status, n.kind`,
        params,
      );
      for (const row of result) if (row.status === 'scheduled') planned.push(toPlanned(row));
    }
    return planned;
  }

  async cancelForRecipient(manager: EntityManager, recipientId: string, reason: string): Promise<number> {
    const result = await manager.query<[unknown, number | undefined]>(
      `UPDATE notification SET status = 'cancelled', version = version + 1, last_error = $2, updated_at = now() WHERE recipient_id = $1 AND status = 'scheduled'`,
      [recipientId, reason],
    );
    return result[1] ?? 0;
  }

  async cancelScheduledTo(
    manager: EntityManager,
    subjectType: SubjectType,
    subjectId: string,
    recipientId: string,
    reason: string,
  ): Promise<number> {
    const result = await manager.query<[unknown, number | undefined]>(
      `UPDATE notification SET status = 'cancelled', version = version + 1, last_error = $4, updated_at = now()
       WHERE subject_type = $1 AND subject_id = $2 AND recipient_id = $3 AND status = 'scheduled'`,
      [subjectType, subjectId, recipientId, reason],
    );
    return result[1] ?? 0;
  }

  async cancelScheduled(
    manager: EntityManager,
    subjectType: SubjectType,
    subjectId: string,
    reason: string,
    kinds?: EmailKind[],
  ): Promise<number> {
    const qb = manager
      .createQueryBuilder()
      .update(Notification)
      .set({ status: 'cancelled', lastError: reason, version: () => 'version + 1' })
      .where('subject_type = :subjectType AND subject_id = :subjectId AND status = :status', {
        subjectType,
        subjectId,
        status: 'scheduled',
      });
    if (kinds?.length) qb.andWhere('kind IN (:...kinds)', { kinds });
    return (await qb.execute()).affected ?? 0;
  }

  async lastManualChase(manager: EntityManager, meetingId: string, kind: EmailKind): Promise<Date | null> {
    const row = await manager
      .createQueryBuilder(Notification, 'n')
      .select('max(n.created_at)', 'at')
      .where("n.subject_type = 'meeting' AND n.subject_id = :id AND n.kind = :kind AND n.payload->>'manual' = 'true'", {
        id: meetingId,
        kind,
      })
      .getRawOne<{ at: Date | null }>();
    return row?.at ?? null;
  }

  /** The members a meeting's invitation or update reached (sent, or being sent). */
  async meetingInformedRecipients(manager: EntityManager, meetingId: string): Promise<string[]> {
    const rows = await manager
      .createQueryBuilder(Notification, 'n')
      .select('DISTINCT n.recipient_id', 'recipient')
      .where(
        "n.subject_type = 'meeting' AND n.subject_id = :id AND n.kind IN ('meeting-invitation', 'meeting-update') AND n.status IN ('sent', 'sending')",
        { id: meetingId },
      )
      .getRawMany<{ recipient: string }>();
    return rows.map((r) => r.recipient);
  }

  meetingInformed(manager: EntityManager, meetingId: string, recipientId: string): Promise<boolean> {
    return manager
      .createQueryBuilder(Notification, 'n')
      .where("n.subject_type = 'meeting' AND n.subject_id = :id AND n.recipient_id = :recipient", {
        id: meetingId,
        recipient: recipientId,
      })
      .andWhere("n.kind IN ('meeting-invitation', 'meeting-update') AND n.status IN ('sent', 'sending')")
      .getExists();
  }

  /** Claims each row only at the version its job was made for and only once due. */
  async claimDue(wanted: { id: string; version: number }[]): Promise<Map<string, Claimed>> {
    const rows = await this.dataSource.query<
      { claimed: Record<string, unknown>; recipient: Record<string, unknown> | null }[]
    >(
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
      byId.set(notification.id, {
        notification,
        recipient: row.recipient ? rowToEntity(this.dataSource, Member, row.recipient) : null,
      });
    }
    return byId;
  }

  async markSent(
    rows: {
      id: string;
      messageId: string;
      response: string;
      content: { subject: string; html: string; text: string };
    }[],
  ): Promise<void> {
    await this.dataSource.query(
      `WITH sent AS (
         UPDATE notification n SET status = 'sent', sent_at = now(), message_id = s.message_id, smtp_response = s.response, last_error = NULL, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS s(id, message_id, response, subject, html, text)
         WHERE n.id = s.id AND n.status = 'sending'
         RETURNING n.id, s.subject, s.html, s.text)
       INSERT INTO sent_email (notification_id, subject, html, text) SELECT id, subject, html, text FROM sent
       ON CONFLICT (notification_id) DO NOTHING`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.messageId),
        rows.map((r) => r.response),
        rows.map((r) => r.content.subject),
        rows.map((r) => r.content.html),
        rows.map((r) => r.content.text),
      ],
    );
  }

  async subjectNames(rows: Pick<Notification, 'subjectType' | 'subjectId'>[]): Promise<Map<string, LocalizedText>> {
    const ids = (type: SubjectType) => [
      ...new Set(rows.filter((r) => r.subjectType === type && r.subjectId).map((r) => r.subjectId!)),
    ];
    const found = await this.dataSource.query<{ id: string; name: LocalizedText }[]>(
      `SELECT id, title AS name FROM meeting WHERE id = ANY($1::uuid[]) OR id = ANY($3::uuid[])
       UNION ALL SELECT id, activity FROM work_plan_item WHERE id = ANY($2::uuid[])
       UNION ALL SELECT id, name FROM body WHERE id = ANY($3::uuid[])
       UNION ALL SELECT id, title FROM document WHERE id = ANY($4::uuid[])`,
      [ids('meeting'), ids('work_plan_item'), ids('documents'), ids('document')],
    );
    return new Map(found.map((r) => [r.id, r.name]));
  }

  findSentEmail(notificationId: string): Promise<SentEmail | null> {
    return this.dataSource.getRepository(SentEmail).findOneBy({ notificationId });
  }

  async markDigested(
    manager: EntityManager,
    id: string,
    digest: { digestPeriod: string; digestSlot: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE notification SET status = 'digested', payload = payload || $2::jsonb, updated_at = now() WHERE id = $1 AND status = 'sending'`,
      [id, JSON.stringify(digest)],
    );
  }

  async markSkipped(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET status = 'skipped', last_error = $2, updated_at = now() WHERE id = $1 AND status = 'sending'`,
      [id, reason],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1 AND status = 'sending'`,
      [id, error.slice(0, 1000)],
    );
  }

  /** Puts a claimed row back to `scheduled` at `nextAt` under a new version; null when it is no longer in `sending`. */
  async scheduleRetry(manager: EntityManager, id: string, nextAt: Date, error: string): Promise<PlannedRow | null> {
    const rows = await updateReturning<{ id: string; version: number; due_at: Date; kind: string }>(
      manager,
      `UPDATE notification SET status = 'scheduled', version = version + 1, due_at = $2, last_error = $3, updated_at = now()
       WHERE id = $1 AND status = 'sending' RETURNING id, version, due_at, kind`,
      [id, nextAt, error.slice(0, 1000)],
    );
    return rows[0] ? toPlanned(rows[0]) : null;
  }

  findStuckSending(cutoff: Date, after: { claimedAt: string; id: string } | null, limit: number): Promise<StuckRow[]> {
    return this.dataSource.query(
      `SELECT id, version, claimed_at::text AS claimed_at_cursor FROM notification
       WHERE status = 'sending' AND claimed_at < $1 ${after ? 'AND (claimed_at, id) > ($2::timestamptz, $3)' : ''}
       ORDER BY claimed_at, id LIMIT ${limit}`,
      after ? [cutoff, after.claimedAt, after.id] : [cutoff],
    );
  }

  async releaseStuck(rows: { id: string; version: number }[]): Promise<PlannedRow[]> {
    const released = await updateReturning<{ id: string; version: number; due_at: Date; kind: string }>(
      this.dataSource,
      `UPDATE notification n SET status = 'scheduled', version = n.version + 1, last_error = 'released: the worker stopped while sending', updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS a(id, version)
       WHERE n.id = a.id AND n.version = a.version AND n.status = 'sending'
       RETURNING n.id, n.version, n.due_at, n.kind`,
      [rows.map((r) => r.id), rows.map((r) => r.version)],
    );
    return released.map(toPlanned);
  }

  /** Records as `sent` rows in `sending` whose acceptance the delivery journal holds; returns how many. */
  async markSentFromJournal(
    rows: { id: string; version: number; messageId: string; response: string; acceptedAt: string }[],
  ): Promise<number> {
    const recorded = await updateReturning<{ id: string }>(
      this.dataSource,
      `UPDATE notification n SET status = 'sent', sent_at = j.accepted_at, message_id = j.message_id, smtp_response = j.response, last_error = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS j(id, version, message_id, response, accepted_at)
       WHERE n.id = j.id AND n.version = j.version AND n.status = 'sending'
       RETURNING n.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.version),
        rows.map((r) => r.messageId),
        rows.map((r) => r.response),
        rows.map((r) => r.acceptedAt),
      ],
    );
    return recorded.length;
  }

  findDueScheduled(horizon: Date, after: { dueAt: string; id: string } | null, limit: number): Promise<DueRow[]> {
    return this.dataSource.query(
      `SELECT id, version, due_at, due_at::text AS due_at_cursor, kind FROM notification
       WHERE status = 'scheduled' AND due_at <= $1 ${after ? 'AND (due_at, id) > ($2::timestamptz, $3)' : ''}
       ORDER BY due_at, id LIMIT ${limit}`,
      after ? [horizon, after.dueAt, after.id] : [horizon],
    );
  }

  gatheredForDigest(recipientId: string, slot: unknown, period: 'daily' | 'weekly'): Promise<Notification[]> {
    return this.dataSource.manager
      .createQueryBuilder(Notification, 'n')
      .where(
        "n.recipient_id = :recipient AND n.status = 'digested' AND n.payload->>'digestSlot' = :slot AND n.payload->>'digestPeriod' = :period",
        { recipient: recipientId, slot, period },
      )
      .orderBy('n.due_at')
      .getMany();
  }

  latestFailed(limit: number, since?: Date): Promise<FailedEmail[]> {
    return since
      ? this.dataSource.query(
          `SELECT id, recipient_email, kind, last_error FROM notification WHERE status = 'failed' AND updated_at > $1 ORDER BY updated_at DESC LIMIT ${limit}`,
          [since],
        )
      : this.dataSource.query(
          `SELECT id, recipient_email, kind, last_error FROM notification WHERE status = 'failed' ORDER BY updated_at DESC LIMIT ${limit}`,
          [],
        );
  }

  async countScheduledWithinDay(from: Date): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM notification WHERE status = 'scheduled' AND due_at >= $1 AND due_at < $1::timestamptz + interval '1 day'`,
      [from],
    );
    return n;
  }

  countByStatus(): Promise<{ status: string; n: number }[]> {
    return this.dataSource.query('SELECT status, count(*)::int AS n FROM notification GROUP BY status');
  }

  list(query: NotificationQuery): Promise<Page<Notification>> {
    return paginateRows(
      this.listQuery(query),
      query,
      (row) => entityFromRow(this.dataSource, Notification, row, 'n')!,
      { countUpTo: NOTIFICATIONS_COUNTED_UP_TO, statementOf: 'NotificationsService.list' },
    );
  }

  listJson(query: NotificationQuery): Promise<string> {
    return paginateJson(this.listQuery(query), query, entityJsonSql(this.dataSource, Notification, 'n'), {
      countUpTo: NOTIFICATIONS_COUNTED_UP_TO,
      statementOf: 'NotificationsService.listJson',
    });
  }

  private listQuery(query: NotificationQuery) {
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .orderBy('n.due_at', 'DESC')
      .addOrderBy('n.id', 'DESC');
    if (query.subjectType) qb.andWhere('n.subject_type = :subjectType', { subjectType: query.subjectType });
    if (query.subjectId) qb.andWhere('n.subject_id = :subjectId', { subjectId: query.subjectId });
    if (query.recipientId) qb.andWhere('n.recipient_id = :recipientId', { recipientId: query.recipientId });
    if (query.status) qb.andWhere('n.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    if (query.from) qb.andWhere('n.due_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('n.due_at <= :to', { to: query.to });
    return qb;
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Notification | null> {
    return manager.findOneBy(Notification, { id });
  }

  /** How many resends of the row with this key were made (their keys are `<key>#resend<n>`). */
  countResends(manager: EntityManager, key: string): Promise<number> {
    return manager
      .createQueryBuilder(Notification, 'n')
      .where('n.key LIKE :prefix', { prefix: `${key.replace(/[\\%_]/g, '\\$&')}#resend%` })
      .getCount();
  }
}
