import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { isoInstantSql } from '../common/database/iso-instant-sql';
import { likePattern } from '../common/database/like';
import { entityFromRow, paginateJson } from '../common/database/paginate';
import { rowToEntity } from '../common/database/update-returning';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { requestContext } from '../common/request-context';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { Meeting } from '../meetings/meeting.entity';
import { Member } from '../members/member.entity';
import { Organization } from '../organizations/organization.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitOfWork } from '../notifications/unit-of-work';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import { ItemRemindersPlanner } from '../reminders/item-reminders.planner';
import type { ItemPlanContext, ItemWithPeople } from '../reminders/item-reminders.planner';
import { DeadlineReader } from './deadline/deadline-reader';
import { CreateWorkPlanItemDto, UpdateWorkPlanItemDto, WorkPlanItemQuery } from './dto/work-plan-item.dto';
import { WorkPlanItemChange } from './work-plan-item-change.entity';
import { WorkPlanItem } from './work-plan-item.entity';
import { ItemViewOptions, toItemView, WorkPlanItemView } from './work-plan-item.view';

/** An item's responsible members as one JSON array per row (the item aliased `i`). */
const RESPONSIBLE_JSON = `coalesce((SELECT json_agg(row_to_json(r_member)) FROM work_plan_item_responsible r JOIN member r_member ON r_member.id = r.member_id WHERE r.item_id = i.id), '[]')`;

/** Responsible members in toItemView's order: String.localeCompare is ICU's root collation, not the database's C collation. */
const BY_NAME = `m.full_name COLLATE "und-x-icu", m.id`;

/**
 * An item (aliased `i`) as toItemView writes it, the same keys and values, written by PostgreSQL;
 * `:now` decides overdue as isOverdue does. row_to_json over named columns, not json_build_object, so
 * that the text is as compact as JSON.stringify's.
 */
const itemJson = ({ emails }: ItemViewOptions) => `(SELECT row_to_json(item) FROM (SELECT
    i.id AS "id", i.work_plan_id AS "workPlanId", i.position AS "position", i.activity AS "activity",
    (SELECT row_to_json(d) FROM (SELECT i.deadline_text AS "text", i.deadline_kind AS "kind", i.deadline_windows AS "windows",
                                        ${isoInstantSql('i.due_at')} AS "dueAt", i.on_request AS "onRequest") d) AS "deadline",
    coalesce(
      (SELECT row_to_json(x) FROM (SELECT 'organization' AS "type", o.id AS "id", o.name AS "name" FROM organization o WHERE o.id = i.executor_organization_id) x),
      (SELECT row_to_json(x) FROM (SELECT 'member' AS "type", e.id AS "id", json_build_object('en', e.full_name) AS "name"${emails ? `, e.email AS "email"` : ''}
                                   FROM member e WHERE e.id = i.executor_member_id) x)) AS "executor",
    coalesce(responsible.ids, '[]') AS "responsibleMemberIds", coalesce(responsible.members, '[]') AS "responsibleMembers",
    i.countries AS "countries", i.topics AS "topics", i.status AS "status",
    coalesce(i.due_at < CAST(:now AS timestamptz), false) AND NOT i.on_request AND i.status NOT IN ('done', 'cancelled') AS "overdue",
    i.meeting_id AS "meetingId", i.notes AS "notes", ${isoInstantSql('i.created_at')} AS "createdAt", ${isoInstantSql('i.updated_at')} AS "updatedAt"
  FROM (SELECT json_agg(m.id ORDER BY ${BY_NAME}) AS ids,
               json_agg((SELECT r FROM (SELECT m.id AS "id", m.full_name AS "fullName",${emails ? ` m.email AS "email",` : ''} m.country_code AS "countryCode") r) ORDER BY ${BY_NAME}) AS members
        FROM work_plan_item_responsible rm JOIN member m ON m.id = rm.member_id WHERE rm.item_id = i.id) responsible) item)`;
const ITEM_JSON = { withEmails: itemJson({ emails: true }), withoutEmails: itemJson({ emails: false }) };

/** A status or deadline change, kept in the item's history. */
interface ItemFieldChange {
  field: 'status' | 'deadline';
  oldValue: string;
  newValue: string;
}

const ITEM_RELATIONS = { executorOrganization: true, executorMember: true, responsibleMembers: true } as const;

@Injectable()
export class WorkPlanItemsService {
  constructor(
    @InjectRepository(WorkPlanItem) private readonly repository: Repository<WorkPlanItem>,
    @InjectRepository(WorkPlanItemChange) private readonly changes: Repository<WorkPlanItemChange>,
    private readonly deadlines: DeadlineReader,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: ItemRemindersPlanner,
    private readonly notifications: NotificationsService,
    private readonly unitOfWork: UnitOfWork,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * No transaction: the reads lock nothing (a transaction in READ COMMITTED would read the same), and
   * every write is one statement, atomic on its own, whose lock on the plan PostgreSQL releases at
   * the statement's end, without a round trip to this process (whose event loop, busy with other
   * requests, made writers of one plan queue behind each other's COMMIT).
   */
  async create(workPlanId: string, dto: CreateWorkPlanItemDto): Promise<WorkPlanItemView> {
    const item = await this.unitOfWork.runStatements(async (unit) => this.insert(unit, await this.planContext(unit.manager, workPlanId), dto));
    return toItemView(item, new Date(), this.viewOptions());
  }

  /** Creates one item inside the caller's transaction (the minutes' action items, all or none). */
  async createInTransaction(unit: UnitOfWorkContext, workPlanId: string, timeZone: string, dto: CreateWorkPlanItemDto): Promise<WorkPlanItem> {
    return this.insert(unit, { ...(await this.planContext(unit.manager, workPlanId)), timeZone }, dto);
  }

  private async planContext(manager: EntityManager, workPlanId: string): Promise<ItemPlanContext> {
    const context = await this.reminders.loadContext(manager, workPlanId);
    if (!context) throw ApiError.notFound('Work plan', workPlanId);
    return context;
  }

  /**
   * The item's id is chosen here, so its reminders need nothing from its row but the position, and
   * the position is taken in the statement that writes the item: writers to one plan queue only for
   * that statement (and, inside a caller's transaction, its commit).
   */
  private async insert(unit: UnitOfWorkContext, context: ItemPlanContext, dto: CreateWorkPlanItemDto): Promise<WorkPlanItem> {
    const { manager } = unit;
    const deadline = this.deadlines.read(dto.deadline ?? '', context.timeZone);
    const executor = await this.resolveExecutor(manager, dto.executor ?? null);
    await this.assertMeeting(manager, dto.meetingId);
    const responsibleMembers = await this.resolveResponsible(manager, dto.responsibleMemberIds ?? []);
    const item = manager.create(WorkPlanItem, {
      id: randomUUID(),
      workPlanId: context.workPlanId,
      activity: dto.activity,
      deadlineText: deadline.text,
      deadlineKind: deadline.kind,
      deadlineWindows: deadline.windows,
      onRequest: deadline.onRequest,
      dueAt: deadline.dueAt,
      startsOn: deadline.startsOn,
      ...executor,
      responsibleMembers,
      countries: [...new Set(dto.countries ?? [])],
      topics: [...new Set(dto.topics ?? [])],
      status: dto.status ?? 'planned',
      meetingId: dto.meetingId ?? null,
      notes: dto.notes ?? null,
      reminderOffsets: dto.reminderOffsets ?? null,
    }) as ItemWithPeople;
    await this.insertAtNextPosition(unit, item, context);
    return item;
  }

  /**
   * One statement: the plan's next position (its row locked until the commit), the item's row, its
   * responsible members, its reminders and its audit entry.
   */
  private async insertAtNextPosition({ manager, outbox }: UnitOfWorkContext, item: ItemWithPeople, context: ItemPlanContext): Promise<void> {
    const { responsibleMembers, executorOrganization, executorMember, ...columns } = item;
    const [insert, params] = manager
      .createQueryBuilder()
      .insert()
      .into(WorkPlanItem)
      .values({ ...columns, position: () => '(SELECT position FROM plan)' })
      .returning(['position', 'createdAt', 'updatedAt'])
      .getQueryAndParameters();
    params.push(item.workPlanId, item.id, responsibleMembers.map((m) => m.id));
    const [$plan, $item, $members] = [params.length - 2, params.length - 1, params.length];
    const audit = this.audit.entryInsertSql(
      'create',
      'work_plan_item',
      item.id,
      null,
      { ...item, responsibleMemberIds: responsibleMembers.map((m) => m.id) },
      params.length + 1,
      `(SELECT jsonb_build_object('position', position, 'createdAt', ${isoInstantSql('created_at')}, 'updatedAt', ${isoInstantSql('updated_at')}) FROM item)`,
    );
    params.push(...audit.params);
    const reminders = this.notifications.newSubjectInsertSql(this.reminders.desiredReminders(item, context), params.length + 1, 'reminders');
    params.push(...(reminders?.params ?? []));
    const [row]: { position: number; created_at: Date; updated_at: Date; planned: { id: string; version: number; dueAt: string; kind: string }[] }[] = await manager.query(
      // Rows written around the counter (by SQL, say a generator) still count: the max read is the
      // statement's snapshot, which the counter of a concurrent writer overtakes.
      `WITH plan AS (UPDATE work_plan SET last_item_position = greatest(last_item_position, (SELECT coalesce(max(position), 0) FROM work_plan_item WHERE work_plan_id = $${$plan}::uuid)) + 1
                     WHERE id = $${$plan}::uuid RETURNING last_item_position AS position),
            item AS (${insert}),
            responsible AS (INSERT INTO work_plan_item_responsible (item_id, member_id) SELECT $${$item}::uuid, unnest($${$members}::uuid[]) FROM item),
            audit AS (${audit.sql})
            ${reminders ? `, reminders AS (${reminders.sql})` : ''}
       SELECT item.*, ${reminders ? reminders.planned : `'[]'::json`} AS planned FROM item`,
      params,
    );
    if (!row) throw ApiError.notFound('Work plan', item.workPlanId);
    Object.assign(item, { position: row.position, createdAt: row.created_at, updatedAt: row.updated_at });
    this.notifications.addInserted(outbox, row.planned);
  }

  async get(id: string): Promise<WorkPlanItemView> {
    await this.access.assertItemVisible(id);
    const item = await this.repository.findOne({ where: { id }, relations: ITEM_RELATIONS });
    if (!item) throw ApiError.notFound('Work-plan item', id);
    return toItemView(item, new Date(), this.viewOptions());
  }

  async list(query: WorkPlanItemQuery, now = new Date()): Promise<Page<WorkPlanItemView>> {
    return JSON.parse(await this.listJson(query, now)) as Page<WorkPlanItemView>;
  }

  /**
   * The page as the API sends it, `{items, total, limit, offset}`, written by PostgreSQL in the page's
   * statement: parsing rows here only to serialise them again was most of the request's CPU.
   */
  async listJson(query: WorkPlanItemQuery, now = new Date()): Promise<string> {
    const matches = (await this.matching(query, now))
      .setParameter('now', now)
      .orderBy('i.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('i.work_plan_id')
      .addOrderBy('i.position');
    const { emails } = this.viewOptions();
    return emails
      ? paginateJson(matches, query, ITEM_JSON.withEmails, { statementOf: 'WorkPlanItemsService.listJson' })
      : paginateJson(matches, query, ITEM_JSON.withoutEmails, { statementOf: 'WorkPlanItemsService.listJson.withoutEmails' });
  }

  /** Only the secretariat sees people's addresses; a member sees names and countries. */
  private viewOptions(): ItemViewOptions {
    return { emails: this.access.member() === null };
  }

  /** Items matching the query's filters and visible to the caller, unsorted and without a select list. */
  private async matching(query: WorkPlanItemQuery, now: Date) {
    const qb = this.repository.createQueryBuilder('i');
    if (query.workPlanId) qb.andWhere('i.work_plan_id = :workPlanId', { workPlanId: query.workPlanId });
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    if (query.executor) qb.andWhere('(i.executor_organization_id = :executor OR i.executor_member_id = :executor)', { executor: query.executor });
    if (query.country) qb.andWhere('i.countries @> ARRAY[:country]::text[]', { country: query.country });
    if (query.topic) qb.andWhere('i.topics @> ARRAY[:topic]::text[]', { topic: query.topic.toLowerCase() });
    if (query.responsibleMemberId) {
      qb.andWhere('EXISTS (SELECT 1 FROM work_plan_item_responsible r WHERE r.item_id = i.id AND r.member_id = :memberId)', { memberId: query.responsibleMemberId });
    }
    if (query.q) {
      qb.andWhere(
        `(i.deadline_text ILIKE :q OR i.notes ILIKE :q OR EXISTS (SELECT 1 FROM jsonb_each_text(i.activity) a WHERE a.value ILIKE :q))`,
        { q: likePattern(query.q) },
      );
    }
    if (query.due) this.applyDueFilter(qb, query.due, now);
    const bodies = await this.access.bodyIds();
    if (bodies !== null) {
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM work_plan p WHERE p.id = i.work_plan_id AND p.body_id = ANY(:bodies)) OR i.executor_member_id = :me
          OR EXISTS (SELECT 1 FROM work_plan_item_responsible mine WHERE mine.item_id = i.id AND mine.member_id = :me))`,
        { bodies, me: this.access.member() },
      );
    }
    return qb;
  }

  /** The item locked for the caller's transaction, with its executor and the people its reminders go to, in one statement. */
  private async loadForUpdate(manager: EntityManager, id: string): Promise<ItemWithPeople> {
    const [sql, parameters] = manager
      .createQueryBuilder(WorkPlanItem, 'i')
      .addSelect(RESPONSIBLE_JSON, 'responsible')
      .addSelect('(SELECT row_to_json(x) FROM member x WHERE x.id = i.executor_member_id)', 'executor')
      .addSelect('(SELECT row_to_json(o) FROM organization o WHERE o.id = i.executor_organization_id)', 'organization')
      .where('i.id = :id', { id })
      .setLock('pessimistic_write')
      .getQueryAndParameters();
    const [row]: Record<string, unknown>[] = await manager.query(sql, parameters);
    if (!row) throw ApiError.notFound('Work-plan item', id);
    const dataSource = manager.connection;
    const item = entityFromRow(dataSource, WorkPlanItem, row, 'i')!;
    item.responsibleMembers = (row.responsible as Record<string, unknown>[]).map((member) => rowToEntity(dataSource, Member, member));
    item.executorMember = row.executor ? rowToEntity(dataSource, Member, row.executor as Record<string, unknown>) : null;
    item.executorOrganization = row.organization ? rowToEntity(dataSource, Organization, row.organization as Record<string, unknown>) : null;
    return item as ItemWithPeople;
  }

  private applyDueFilter(qb: ReturnType<Repository<WorkPlanItem>['createQueryBuilder']>, due: NonNullable<WorkPlanItemQuery['due']>, now: Date) {
    const open = "i.status NOT IN ('done', 'cancelled')";
    if (due === 'overdue') {
      qb.andWhere(`i.due_at < :now AND NOT i.on_request AND ${open}`, { now });
      return;
    }
    const zone = this.config.defaultTimeZone;
    const range =
      due === 'this_month'
        ? { from: DateTime.fromJSDate(now, { zone }).startOf('month').toJSDate(), to: DateTime.fromJSDate(now, { zone }).endOf('month').toJSDate() }
        : { from: now, to: DateTime.fromJSDate(now).plus({ days: due === 'next7d' ? 7 : 30 }).toJSDate() };
    qb.andWhere(`i.due_at >= :from AND i.due_at <= :to AND ${open}`, range);
  }

  async update(id: string, dto: UpdateWorkPlanItemDto): Promise<WorkPlanItemView> {
    await this.access.assertItemEditable(id, Object.keys(dto).filter((key) => dto[key as keyof UpdateWorkPlanItemDto] !== undefined));
    const updated = await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const item = await this.loadForUpdate(manager, id);
      const before = { ...item, responsibleMemberIds: item.responsibleMembers.map((m) => m.id) };
      const context = await this.planContext(manager, item.workPlanId);
      const { deadline, executor, responsibleMemberIds, changeNote, countries, topics, ...rest } = dto;
      const changes: ItemFieldChange[] = [];

      if (deadline !== undefined && deadline !== item.deadlineText) {
        const read = this.deadlines.read(deadline ?? '', context.timeZone);
        changes.push({ field: 'deadline', oldValue: item.deadlineText, newValue: read.text });
        Object.assign(item, {
          deadlineText: read.text,
          deadlineKind: read.kind,
          deadlineWindows: read.windows,
          onRequest: read.onRequest,
          dueAt: read.dueAt,
          startsOn: read.startsOn,
        });
      }
      if (rest.status !== undefined && rest.status !== item.status) changes.push({ field: 'status', oldValue: item.status, newValue: rest.status });
      if (executor !== undefined) Object.assign(item, await this.resolveExecutor(manager, executor));
      await this.assertMeeting(manager, rest.meetingId);
      if (responsibleMemberIds !== undefined) item.responsibleMembers = await this.resolveResponsible(manager, responsibleMemberIds ?? []);
      if (countries !== undefined) item.countries = [...new Set(countries ?? [])];
      if (topics !== undefined) item.topics = [...new Set(topics ?? [])];
      manager.merge(WorkPlanItem, item, rest);
      await this.writeUpdate(manager, item, responsibleMemberIds !== undefined, changes, changeNote ?? null);
      await this.reminders.planLoaded(unit, item, context);
      await this.audit.record(manager, 'update', 'work_plan_item', id, before, { ...item, responsibleMemberIds: item.responsibleMembers.map((m) => m.id) });
      return item;
    });
    return toItemView(updated, new Date(), this.viewOptions());
  }

  /**
   * The item's changeable columns, its responsible members when they were given, and its history
   * rows, as one statement; TypeORM's save would read the item and its links again to find what changed.
   */
  private async writeUpdate(manager: EntityManager, item: ItemWithPeople, responsibleGiven: boolean, changes: ItemFieldChange[], note: string | null): Promise<void> {
    const [update, params] = manager
      .createQueryBuilder()
      .update(WorkPlanItem)
      .set({
        activity: item.activity,
        deadlineText: item.deadlineText,
        deadlineKind: item.deadlineKind,
        deadlineWindows: item.deadlineWindows,
        onRequest: item.onRequest,
        dueAt: item.dueAt,
        startsOn: item.startsOn,
        executorOrganizationId: item.executorOrganizationId,
        executorMemberId: item.executorMemberId,
        countries: item.countries,
        topics: item.topics,
        status: item.status,
        meetingId: item.meetingId,
        notes: item.notes,
        reminderOffsets: item.reminderOffsets,
      })
      .where('id = :id', { id: item.id })
      .returning(['updatedAt'])
      .getQueryAndParameters();
    const $ = (value: unknown) => `$${params.push(value)}`;
    const parts = [`item AS (${update})`];
    if (responsibleGiven) {
      const [itemId, members] = [$(item.id), $(item.responsibleMembers.map((m) => m.id))];
      parts.push(
        `gone AS (DELETE FROM work_plan_item_responsible WHERE item_id = ${itemId}::uuid AND NOT (member_id = ANY(${members}::uuid[])))`,
        `added AS (INSERT INTO work_plan_item_responsible (item_id, member_id) SELECT ${itemId}::uuid, unnest(${members}::uuid[]) ON CONFLICT DO NOTHING)`,
      );
    }
    if (changes.length) {
      const actor = requestContext.actor();
      parts.push(
        `history AS (INSERT INTO work_plan_item_change (item_id, field, old_value, new_value, actor_name, actor_id, note)
         SELECT ${$(item.id)}::uuid, c.field, c.old_value, c.new_value, ${$(actor.name)}, ${$(actor.id)}, ${$(note)}
         FROM unnest(${$(changes.map((c) => c.field))}::text[], ${$(changes.map((c) => c.oldValue))}::text[], ${$(changes.map((c) => c.newValue))}::text[]) AS c(field, old_value, new_value))`,
      );
    }
    const [row]: { updated_at: Date }[] = await manager.query(`WITH ${parts.join(', ')} SELECT * FROM item`, params);
    item.updatedAt = row.updated_at;
  }

  async history(id: string): Promise<WorkPlanItemChange[]> {
    await this.access.assertItemVisible(id);
    if (!(await this.repository.existsBy({ id }))) throw ApiError.notFound('Work-plan item', id);
    return this.changes.find({ where: { itemId: id }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** An executor id names an organisation or a member; which one is found here. */
  private async resolveExecutor(manager: EntityManager, executorId: string | null) {
    if (executorId === null) return { executorOrganizationId: null, executorMemberId: null, executorOrganization: null, executorMember: null };
    const organization = await manager.findOneBy(Organization, { id: executorId });
    if (organization) return { executorOrganizationId: organization.id, executorMemberId: null, executorOrganization: organization, executorMember: null };
    const member = await manager.findOneBy(Member, { id: executorId });
    if (member) return { executorOrganizationId: null, executorMemberId: member.id, executorOrganization: null, executorMember: member };
    throw ApiError.field(HttpStatus.BAD_REQUEST, 'executor', `no organisation or member has the id ${executorId}`);
  }

  private async assertMeeting(manager: EntityManager, meetingId: string | null | undefined) {
    if (meetingId && !(await manager.existsBy(Meeting, { id: meetingId }))) {
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'meetingId', `no meeting has the id ${meetingId}`);
    }
  }

  private async resolveResponsible(manager: EntityManager, ids: string[]): Promise<Member[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const members = await manager.findBy(Member, { id: In(unique) });
    const missing = unique.filter((id) => !members.some((m) => m.id === id));
    if (missing.length) throw ApiError.field(HttpStatus.BAD_REQUEST, 'responsibleMemberIds', `no member has the id ${missing.join(', ')}`);
    return members;
  }
}
