import { entityFromRow, entityJsonSql, paginateJson, paginateRows } from '../common/database/paginate';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { updateReturning } from '../common/database/update-returning';
import { answerWithin } from '../common/time/answer-within';
import type { EmailKind } from '../mail/email-kinds';
import { NotificationQuery } from './dto/notification-query.dto';
import { Notification, SubjectType } from './notification.entity';
import { NotificationQueue } from './notification-queue';

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

/** A planned row's new moment; `skipped` (with its reason) when that moment has already passed. */
export interface RescheduledNotification {
  id: string;
  dueAt: Date;
  status: 'scheduled' | 'skipped';
  lastError: string | null;
  payload: Record<string, unknown>;
}

/**
 * The notification list stops counting here: years of email are millions of rows, and counting them
 * all for every page cost more than the page itself. Beyond it the total is "at least".
 */
export const NOTIFICATIONS_COUNTED_UP_TO = 10_000;

const INSERTED_COLUMNS = 'key, kind, subject_type, subject_id, subject_version, recipient_id, recipient_email, due_at, status, last_error, payload';

/** Planned rows as VALUES parameters numbered from `firstParam`. */
function rowValues(desired: PlannedNotification[], firstParam: number): { values: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows = desired.map((d) => {
    const values = [d.key, d.kind, d.subjectType, d.subjectId, d.subjectVersion ?? null, d.recipientId, d.recipientEmail, d.dueAt, d.status ?? 'scheduled', d.lastError ?? null, JSON.stringify(d.payload ?? {})];
    const start = firstParam + params.length;
    params.push(...values);
    return `(${values.map((_, j) => `$${start + j}`).join(', ')})`;
  });
  return { values: rows.join(', '), params };
}

const selectRowValues = (values: string) =>
  `SELECT v.key, v.kind, v.subject_type, v.subject_id::uuid, v.subject_version::int, v.recipient_id::uuid, v.recipient_email, v.due_at::timestamptz, v.status::notification_status, v.last_error, v.payload::jsonb
   FROM (VALUES ${values}) AS v(key, kind, subject_type, subject_id, subject_version, recipient_id, recipient_email, due_at, status, last_error, payload)`;

/** At most the SMTP socket time-out: a change waits this long for its subject's emails in flight. */
const IN_FLIGHT_WAIT_MS = 30_000;

/** Long enough for a busy Redis, short enough that a write does not hang on a Redis that is down. */
const ENQUEUE_WAIT_MS = 2000;

export type PlannedRow = Pick<Notification, 'id' | 'version' | 'dueAt'> & { kind?: string };

/**
 * Plans notifications inside the caller's transaction. Work run through `transaction()` has every
 * row it planned put on the queue right after the commit (and the reconciler catches any that a
 * crash between the two left out).
 */
@Injectable()
export class NotificationsService {
  private readonly pending = new WeakMap<EntityManager, PlannedRow[]>();
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectRepository(Notification) private readonly repository: Repository<Notification>,
    private readonly dataSource: DataSource,
    private readonly queue: NotificationQueue,
    private readonly audit: AuditService,
  ) {}

  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const planned: PlannedRow[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      this.pending.set(manager, planned);
      try {
        return await work(manager);
      } finally {
        this.pending.delete(manager);
      }
    });
    await this.enqueue(planned);
    return result;
  }

  private remember(manager: EntityManager, rows: PlannedRow[]): PlannedRow[] {
    this.pending.get(manager)?.push(...rows);
    return rows;
  }

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
        .returning(['id', 'version', 'dueAt', 'kind'])
        .execute();
      for (const raw of result.raw as { id: string; version: number; due_at: Date; kind: string }[]) planned.push({ id: raw.id, version: raw.version, dueAt: raw.due_at, kind: raw.kind });
    }
    return this.remember(manager, planned);
  }

  /**
   * Makes a subject's planned rows of the given kinds match `desired`: rows no longer wanted are
   * cancelled, new ones inserted, and wanted ones cancelled earlier come back. Rows already sent,
   * sending or failed are never touched, so a re-plan can never send anything twice.
   */
  async replan(manager: EntityManager, subjectType: SubjectType, subjectId: string, kinds: EmailKind[], desired: PlannedNotification[], reason: string): Promise<PlannedRow[]> {
    const keys = desired.map((d) => d.key);
    await manager.query(
      `UPDATE notification SET status = 'cancelled', version = version + 1, last_error = $5, updated_at = now()
       WHERE subject_type = $1 AND subject_id = $2 AND status = 'scheduled' AND kind = ANY($3) AND NOT (key = ANY($4))`,
      [subjectType, subjectId, kinds, keys, reason],
    );
    const planned = await this.insertOrRestore(manager, desired);
    await this.awaitEmailsInFlight(manager, subjectType, subjectId, kinds);
    return this.remember(manager, planned);
  }

  /**
   * A new subject's rows as an INSERT for a statement of the caller's (a CTE named `cte`), its
   * parameters numbered from `firstParam`: no row of the subject can exist yet, so nothing is
   * cancelled or waited for. `planned` is a SQL expression for the statement's answer (a JSON array
   * of the rows to queue), to hand, read with `plannedFromJson`, to `planned()`.
   */
  newSubjectInsertSql(desired: PlannedNotification[], firstParam: number, cte: string): { sql: string; params: unknown[]; planned: string } | null {
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

  /**
   * Rows a caller's own statement inserted: queued after the commit of the `transaction()` they were
   * written in, or at once when that statement committed on its own (no transaction).
   */
  async planned(manager: EntityManager, rows: PlannedRow[]): Promise<void> {
    const pending = this.pending.get(manager);
    if (pending) pending.push(...rows);
    else if (!manager.queryRunner?.isTransactionActive) await this.enqueue(rows);
  }

  /** Inserts the desired rows; a wanted row cancelled earlier is scheduled again under a new version. */
  private async insertOrRestore(manager: EntityManager, desired: PlannedNotification[]): Promise<PlannedRow[]> {
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
      for (const row of result) if (row.status === 'scheduled') planned.push({ id: row.id, version: row.version, dueAt: row.due_at, kind: row.kind });
    }
    return planned;
  }

  /**
   * A worker may be sending one of the subject's emails, composed from the state before this change.
   * The change commits only after those emails are accepted or given up, so that nothing the change
   * made untrue reaches anyone after it commits (no new claim can start meanwhile: the rows still
   * scheduled are locked by this transaction's cancel). A worker that died is released by the
   * reconciler, which also ends the wait.
   */
  private async awaitEmailsInFlight(manager: EntityManager, subjectType: SubjectType, subjectId: string, kinds: EmailKind[]): Promise<void> {
    const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
    for (;;) {
      const [{ sending }] = await manager.query(
        `SELECT count(*)::int AS sending FROM notification WHERE subject_type = $1 AND subject_id = $2 AND status = 'sending' AND kind = ANY($3)`,
        [subjectType, subjectId, kinds],
      );
      if (sending === 0) return;
      if (Date.now() > deadline) {
        this.logger.warn({ msg: 'committing a change while its emails are still being sent', subjectType, subjectId, sending });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * Gives still-scheduled rows a new moment and a new version (their queued jobs then find nothing to
   * do); a row `skipped` here is never sent. Rows a worker claimed meanwhile are left as they are.
   */
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
      for (const row of result) if (row.status === 'scheduled') planned.push({ id: row.id, version: row.version, dueAt: row.due_at, kind: row.kind });
    }
    return this.remember(manager, planned);
  }

  /** Cancels every still-scheduled email to a member (deactivated: they are no longer reminded of anything). */
  async cancelForRecipient(manager: EntityManager, recipientId: string, reason: string): Promise<number> {
    const result = await manager.query(
      `UPDATE notification SET status = 'cancelled', version = version + 1, last_error = $2, updated_at = now() WHERE recipient_id = $1 AND status = 'scheduled'`,
      [recipientId, reason],
    );
    return result[1] ?? 0;
  }

  /** Cancels the still-scheduled emails about a subject to one recipient (no longer concerned by it). */
  async cancelScheduledTo(manager: EntityManager, subjectType: SubjectType, subjectId: string, recipientId: string, reason: string): Promise<number> {
    const result = await manager.query(
      `UPDATE notification SET status = 'cancelled', version = version + 1, last_error = $4, updated_at = now()
       WHERE subject_type = $1 AND subject_id = $2 AND recipient_id = $3 AND status = 'scheduled'`,
      [subjectType, subjectId, recipientId, reason],
    );
    return result[1] ?? 0;
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

  /**
   * Queues rows already committed. A queue that fails or does not answer (Redis down) does not fail
   * the change that planned them: the rows are the truth, and the reconciler queues each one as it
   * comes due. The request waits at most ENQUEUE_WAIT_MS for it.
   */
  async enqueue(rows: PlannedRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await answerWithin(this.queue.enqueue(rows), ENQUEUE_WAIT_MS, `the queue did not answer within ${ENQUEUE_WAIT_MS} ms`);
    } catch (error) {
      this.logger.warn({ msg: 'planned emails committed but not queued: the reconciler queues them as they come due', count: rows.length, error: (error as Error).message });
    }
  }

  async list(query: NotificationQuery): Promise<Page<Notification>> {
    const dataSource = this.repository.manager.connection;
    return paginateRows(this.listQuery(query), query, (row) => entityFromRow(dataSource, Notification, row, 'n')!, { countUpTo: NOTIFICATIONS_COUNTED_UP_TO, statementOf: 'NotificationsService.list' });
  }

  /** The same page as list(), as the API's JSON text, written by PostgreSQL. */
  listJson(query: NotificationQuery): Promise<string> {
    return paginateJson(this.listQuery(query), query, entityJsonSql(this.repository.manager.connection, Notification, 'n'), {
      countUpTo: NOTIFICATIONS_COUNTED_UP_TO,
      statementOf: 'NotificationsService.listJson',
    });
  }

  private listQuery(query: NotificationQuery) {
    const qb = this.repository.createQueryBuilder('n').orderBy('n.due_at', 'DESC').addOrderBy('n.id', 'DESC');
    if (query.subjectType) qb.andWhere('n.subject_type = :subjectType', { subjectType: query.subjectType });
    if (query.subjectId) qb.andWhere('n.subject_id = :subjectId', { subjectId: query.subjectId });
    if (query.recipientId) qb.andWhere('n.recipient_id = :recipientId', { recipientId: query.recipientId });
    if (query.status) qb.andWhere('n.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    if (query.from) qb.andWhere('n.due_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('n.due_at <= :to', { to: query.to });
    return qb;
  }

  async get(id: string): Promise<Notification> {
    const notification = await this.repository.findOneBy({ id });
    if (!notification) throw ApiError.notFound('Notification', id);
    return notification;
  }

  /** A new row for the same email (new Message-ID), due now; the original stays as it was, for the record. */
  async resend(id: string): Promise<Notification> {
    return this.transaction(async (manager) => {
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
      return created;
    });
  }
}
