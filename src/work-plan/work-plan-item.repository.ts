import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { isoInstantSql } from '../common/database/iso-instant-sql';
import { likePattern } from '../common/database/like';
import { entityFromRow, paginateJson } from '../common/database/paginate';
import { rowToEntity } from '../common/database/update-returning';
import type { PageQuery } from '../common/http/pagination';
import type { Actor } from '../common/request-context';
import { Meeting } from '../meetings/meeting.entity';
import { Member } from '../members/member.entity';
import { escalationMembersSql, secretariatMembersSql } from '../members/member.repository';
import { Organization } from '../organizations/organization.entity';
import type { OrganizationKind } from '../organizations/organization.entity';
import { updateReturning } from '../common/database/update-returning';
import type { ItemWithPeople } from '../reminders/item-reminders.planner';
import type { DeadlineKind, DeadlineWindow } from './deadline/deadline.types';
import type { WorkPlanItemQuery } from './dto/work-plan-item.dto';
import { WorkPlanItemChange } from './work-plan-item-change.entity';
import { WorkPlanItem } from './work-plan-item.entity';
import type { ItemViewOptions } from './work-plan-item.view';
import { WorkPlan } from './work-plan.entity';

const RESPONSIBLE_JSON = `coalesce((SELECT json_agg(row_to_json(r_member)) FROM work_plan_item_responsible r JOIN member r_member ON r_member.id = r.member_id WHERE r.item_id = i.id), '[]')`;

const FOCAL_POINTS_JSON = `coalesce((SELECT json_agg(row_to_json(f_member)) FROM organization_focal_point f JOIN member f_member ON f_member.id = f.member_id WHERE f.organization_id = i.executor_organization_id), '[]')`;

/** Responsible members in toItemView's order: String.localeCompare is ICU's root collation, not the database's C collation. */
const BY_NAME = `m.full_name COLLATE "und-x-icu", m.id`;

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

export const INSERTED_ITEM_STAMPS_JSON = `(SELECT jsonb_build_object('position', position, 'createdAt', ${isoInstantSql('created_at')}, 'updatedAt', ${isoInstantSql('updated_at')}) FROM item)`;

const ITEM_RELATIONS = { executorOrganization: true, executorMember: true, responsibleMembers: true } as const;

export type ItemFilter = Omit<WorkPlanItemQuery, 'limit' | 'offset'> & {
  zone: string;
  visibleTo: { bodies: string[]; memberId: string | null } | null;
};

export interface PlannedRef {
  id: string;
  version: number;
  dueAt: string;
  kind: string;
}

export interface ItemStatementParts {
  ctes: string[];
  params: unknown[];
  planned: string | null;
}

export interface ItemFieldChange {
  field: 'status' | 'deadline';
  oldValue: string;
  newValue: string;
}

export interface ItemUpdateWrite {
  responsibleGiven: boolean;
  changes: ItemFieldChange[];
  note: string | null;
  actor: Actor;
}

export interface DatedItemRow {
  id: string;
  deadline_text: string;
  deadline_kind: DeadlineKind;
  deadline_windows: DeadlineWindow[];
  on_request: boolean;
}

export interface DueItemRow {
  id: string;
  activity: Record<string, string>;
  deadline_text: string;
  due_at: Date;
  executor: Record<string, string> | null;
}

export interface DigestDeadlineRow {
  id: string;
  activity: Record<string, string>;
  due_at: Date;
  deadline_text: string;
  executor: Record<string, string> | null;
}

export interface OverdueByExecutorRow {
  executor: Record<string, string> | null;
  member: string | null;
  count: number;
}

export interface OverdueByCountryRow {
  country: string;
  count: number;
}

@Injectable()
export class WorkPlanItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  overdue(now: Date, limit: number): Promise<DueItemRow[]> {
    return this.openItemsDue('i.due_at < $1', now, limit);
  }

  dueWithin30Days(now: Date, limit: number): Promise<DueItemRow[]> {
    return this.openItemsDue("i.due_at >= $1 AND i.due_at < $1::timestamptz + interval '30 days'", now, limit);
  }

  private openItemsDue(when: string, now: Date, limit: number): Promise<DueItemRow[]> {
    return this.dataSource.query(
      `SELECT i.id, i.activity, i.deadline_text, i.due_at, o.name AS executor FROM work_plan_item i LEFT JOIN organization o ON o.id = i.executor_organization_id
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND ${when} ORDER BY i.due_at LIMIT $2`,
      [now, limit],
    );
  }

  findWithPeople(id: string): Promise<WorkPlanItem | null> {
    return this.dataSource.manager.findOne(WorkPlanItem, {
      where: { id },
      relations: { responsibleMembers: true, executorOrganization: true, executorMember: true },
    });
  }

  planOrFail(id: string): Promise<WorkPlan> {
    return this.dataSource.manager.findOneByOrFail(WorkPlan, { id });
  }

  digestDeadlines(from: Date, to: Date): Promise<DigestDeadlineRow[]> {
    return this.dataSource.query(
      `SELECT i.id, i.activity, i.due_at, i.deadline_text, o.name AS executor FROM work_plan_item i LEFT JOIN organization o ON o.id = i.executor_organization_id
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at BETWEEN $1 AND $2 ORDER BY i.due_at LIMIT 200`,
      [from, to],
    );
  }

  overdueByExecutor(now: Date): Promise<OverdueByExecutorRow[]> {
    return this.dataSource.query(
      `SELECT o.name AS executor, mm.full_name AS member, count(*)::int AS count FROM work_plan_item i
       LEFT JOIN organization o ON o.id = i.executor_organization_id LEFT JOIN member mm ON mm.id = i.executor_member_id
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at < $1 GROUP BY o.name, mm.full_name ORDER BY count DESC`,
      [now],
    );
  }

  overdueByCountry(now: Date): Promise<OverdueByCountryRow[]> {
    return this.dataSource.query(
      `SELECT c AS country, count(*)::int AS count FROM work_plan_item i, unnest(CASE WHEN cardinality(i.countries) = 0 THEN ARRAY['—'] ELSE i.countries END) c
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at < $1 GROUP BY c ORDER BY count DESC, c`,
      [now],
    );
  }

  findWithRelations(id: string): Promise<WorkPlanItem | null> {
    return this.dataSource.manager.findOne(WorkPlanItem, { where: { id }, relations: ITEM_RELATIONS });
  }

  async planContext(
    manager: EntityManager,
    workPlanId: string,
    day: string,
  ): Promise<{
    bodyId: string;
    timeZone: string;
    itemOffsets: string[] | null;
    escalationRecipients: Member[];
    secretariat: Member[];
  } | null> {
    const rows: {
      body_id: string;
      time_zone: string;
      reminder_offsets: { items?: string[] | null } | null;
      escalation: Record<string, unknown>[];
      secretariat: Record<string, unknown>[];
    }[] = await manager.query(
      `SELECT p.body_id, b.time_zone, b.reminder_offsets,
              coalesce((SELECT json_agg(row_to_json(e)) FROM (${escalationMembersSql('p.body_id', '$2')}) e), '[]') AS escalation,
              coalesce((SELECT json_agg(row_to_json(s)) FROM (${secretariatMembersSql('p.body_id', '$2')}) s), '[]') AS secretariat
       FROM work_plan p JOIN body b ON b.id = p.body_id WHERE p.id = $1`,
      [workPlanId, day],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      bodyId: row.body_id,
      timeZone: row.time_zone,
      itemOffsets: row.reminder_offsets?.items ?? null,
      escalationRecipients: row.escalation.map((member) => rowToEntity(manager.connection, Member, member)),
      secretariat: row.secretariat.map((member) => rowToEntity(manager.connection, Member, member)),
    };
  }

  allOrganizations(manager: EntityManager): Promise<Organization[]> {
    return manager.find(Organization);
  }

  membersByEmails(manager: EntityManager, emails: string[]): Promise<Member[]> {
    return manager.createQueryBuilder(Member, 'm').where('lower(m.email) IN (:...emails)', { emails }).getMany();
  }

  createOrganization(
    manager: EntityManager,
    fields: { name: Record<string, string>; kind: OrganizationKind; countryCode: null },
  ): Promise<Organization> {
    return manager.save(manager.create(Organization, fields));
  }

  /** Takes the plan's next `count` positions (the plan is locked by the caller): the position before the first. */
  async takePositions(manager: EntityManager, workPlanId: string, count: number): Promise<number> {
    const [row] = await updateReturning<{ start: number }>(
      manager,
      `UPDATE work_plan SET last_item_position = greatest(last_item_position, (SELECT coalesce(max(position), 0) FROM work_plan_item WHERE work_plan_id = $1)) + $2
       WHERE id = $1 RETURNING last_item_position - $2 AS start`,
      [workPlanId, count],
    );
    return row.start;
  }

  async insertMany(manager: EntityManager, values: Partial<WorkPlanItem>[]): Promise<string[]> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(WorkPlanItem)
      .values(values)
      .returning(['id'])
      .execute();
    return inserted.identifiers.map((identifier) => identifier.id as string);
  }

  async linkResponsible(manager: EntityManager, links: { item_id: string; member_id: string }[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into('work_plan_item_responsible', ['item_id', 'member_id'])
      .values(links)
      .execute();
  }

  exists(id: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(WorkPlanItem, { id });
  }

  changesOf(itemId: string): Promise<WorkPlanItemChange[]> {
    return this.dataSource.manager.find(WorkPlanItemChange, { where: { itemId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** The page as the API sends it, written by PostgreSQL in the page's statement. */
  pageJson(filter: ItemFilter, query: PageQuery, now: Date, { emails }: ItemViewOptions): Promise<string> {
    const matches = this.matching(filter, now)
      .setParameter('now', now)
      .orderBy('i.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('i.work_plan_id')
      .addOrderBy('i.position');
    return emails
      ? paginateJson(matches, query, ITEM_JSON.withEmails, { statementOf: 'WorkPlanItemsService.listJson' })
      : paginateJson(matches, query, ITEM_JSON.withoutEmails, {
          statementOf: 'WorkPlanItemsService.listJson.withoutEmails',
        });
  }

  private matching(filter: ItemFilter, now: Date): SelectQueryBuilder<WorkPlanItem> {
    const qb = this.dataSource.manager.createQueryBuilder(WorkPlanItem, 'i');
    if (filter.workPlanId) qb.andWhere('i.work_plan_id = :workPlanId', { workPlanId: filter.workPlanId });
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    if (filter.executor)
      qb.andWhere('(i.executor_organization_id = :executor OR i.executor_member_id = :executor)', {
        executor: filter.executor,
      });
    if (filter.country) qb.andWhere('i.countries @> ARRAY[:country]::text[]', { country: filter.country });
    if (filter.topic) qb.andWhere('i.topics @> ARRAY[:topic]::text[]', { topic: filter.topic.toLowerCase() });
    if (filter.responsibleMemberId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM work_plan_item_responsible r WHERE r.item_id = i.id AND r.member_id = :memberId)',
        { memberId: filter.responsibleMemberId },
      );
    }
    if (filter.q) {
      qb.andWhere(
        `(i.deadline_text ILIKE :q OR i.notes ILIKE :q OR EXISTS (SELECT 1 FROM jsonb_each_text(i.activity) a WHERE a.value ILIKE :q))`,
        { q: likePattern(filter.q) },
      );
    }
    if (filter.due) this.applyDueFilter(qb, filter.due, now, filter.zone);
    if (filter.visibleTo) {
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM work_plan p WHERE p.id = i.work_plan_id AND p.body_id = ANY(:bodies)) OR i.executor_member_id = :me
          OR EXISTS (SELECT 1 FROM work_plan_item_responsible mine WHERE mine.item_id = i.id AND mine.member_id = :me))`,
        { bodies: filter.visibleTo.bodies, me: filter.visibleTo.memberId },
      );
    }
    return qb;
  }

  private applyDueFilter(
    qb: SelectQueryBuilder<WorkPlanItem>,
    due: NonNullable<ItemFilter['due']>,
    now: Date,
    zone: string,
  ) {
    const open = "i.status NOT IN ('done', 'cancelled')";
    if (due === 'overdue') {
      qb.andWhere(`i.due_at < :now AND NOT i.on_request AND ${open}`, { now });
      return;
    }
    const range =
      due === 'this_month'
        ? {
            from: DateTime.fromJSDate(now, { zone }).startOf('month').toJSDate(),
            to: DateTime.fromJSDate(now, { zone }).endOf('month').toJSDate(),
          }
        : {
            from: now,
            to: DateTime.fromJSDate(now)
              .plus({ days: due === 'next7d' ? 7 : 30 })
              .toJSDate(),
          };
    qb.andWhere(`i.due_at >= :from AND i.due_at <= :to AND ${open}`, range);
  }

  async lockWithPeople(manager: EntityManager, id: string): Promise<ItemWithPeople | null> {
    const [sql, parameters] = manager
      .createQueryBuilder(WorkPlanItem, 'i')
      .addSelect(RESPONSIBLE_JSON, 'responsible')
      .addSelect('(SELECT row_to_json(x) FROM member x WHERE x.id = i.executor_member_id)', 'executor')
      .addSelect('(SELECT row_to_json(o) FROM organization o WHERE o.id = i.executor_organization_id)', 'organization')
      .addSelect(FOCAL_POINTS_JSON, 'focal')
      .where('i.id = :id', { id })
      .setLock('pessimistic_write')
      .getQueryAndParameters();
    const [row]: Record<string, unknown>[] = await manager.query(sql, parameters);
    if (!row) return null;
    const dataSource = manager.connection;
    const item = entityFromRow(dataSource, WorkPlanItem, row, 'i')!;
    item.responsibleMembers = (row.responsible as Record<string, unknown>[]).map((member) =>
      rowToEntity(dataSource, Member, member),
    );
    item.executorMember = row.executor
      ? rowToEntity(dataSource, Member, row.executor as Record<string, unknown>)
      : null;
    (item as ItemWithPeople).focalPoints = (row.focal as Record<string, unknown>[]).map((member) =>
      rowToEntity(dataSource, Member, member),
    );
    item.executorOrganization = row.organization
      ? rowToEntity(dataSource, Organization, row.organization as Record<string, unknown>)
      : null;
    return item as ItemWithPeople;
  }

  async insertAtNextPosition(
    manager: EntityManager,
    item: ItemWithPeople,
    alongside: (firstParam: number) => ItemStatementParts,
  ): Promise<{ planned: PlannedRef[] } | null> {
    const { responsibleMembers, executorOrganization, executorMember, focalPoints, ...columns } = item;
    const [insert, params] = manager
      .createQueryBuilder()
      .insert()
      .into(WorkPlanItem)
      .values({ ...columns, position: () => '(SELECT position FROM plan)' })
      .returning(['position', 'createdAt', 'updatedAt'])
      .getQueryAndParameters();
    params.push(
      item.workPlanId,
      item.id,
      responsibleMembers.map((m) => m.id),
    );
    const [$plan, $item, $members] = [params.length - 2, params.length - 1, params.length];
    const extra = alongside(params.length + 1);
    params.push(...extra.params);
    const [row]: { position: number; created_at: Date; updated_at: Date; planned: PlannedRef[] }[] =
      await manager.query(
        // Rows written around the counter still count: a concurrent writer's counter overtakes this snapshot's max.
        `WITH plan AS (UPDATE work_plan SET last_item_position = greatest(last_item_position, (SELECT coalesce(max(position), 0) FROM work_plan_item WHERE work_plan_id = $${$plan}::uuid)) + 1
                     WHERE id = $${$plan}::uuid RETURNING last_item_position AS position),
            item AS (${insert}),
            responsible AS (INSERT INTO work_plan_item_responsible (item_id, member_id) SELECT $${$item}::uuid, unnest($${$members}::uuid[]) FROM item)
            ${extra.ctes.map((cte) => `, ${cte}`).join('')}
       SELECT item.*, ${extra.planned ?? `'[]'::json`} AS planned FROM item`,
        params,
      );
    if (!row) return null;
    Object.assign(item, { position: row.position, createdAt: row.created_at, updatedAt: row.updated_at });
    return { planned: row.planned };
  }

  async writeUpdate(
    manager: EntityManager,
    item: ItemWithPeople,
    { responsibleGiven, changes, note, actor }: ItemUpdateWrite,
  ): Promise<void> {
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
      parts.push(
        `history AS (INSERT INTO work_plan_item_change (item_id, field, old_value, new_value, actor_name, actor_id, note)
         SELECT ${$(item.id)}::uuid, c.field, c.old_value, c.new_value, ${$(actor.name)}, ${$(actor.id)}, ${$(note)}
         FROM unnest(${$(changes.map((c) => c.field))}::text[], ${$(changes.map((c) => c.oldValue))}::text[], ${$(changes.map((c) => c.newValue))}::text[]) AS c(field, old_value, new_value))`,
      );
    }
    const [row]: { updated_at: Date }[] = await manager.query(`WITH ${parts.join(', ')} SELECT * FROM item`, params);
    item.updatedAt = row.updated_at;
  }

  organization(manager: EntityManager, id: string): Promise<Organization | null> {
    return manager.findOneBy(Organization, { id });
  }

  member(manager: EntityManager, id: string): Promise<Member | null> {
    return manager.findOneBy(Member, { id });
  }

  members(manager: EntityManager, ids: string[]): Promise<Member[]> {
    return manager.findBy(Member, { id: In(ids) });
  }

  meetingExists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Meeting, { id });
  }

  lockDatedOfBody(manager: EntityManager, bodyId: string): Promise<DatedItemRow[]> {
    return manager.query(
      `SELECT i.id, i.deadline_text, i.deadline_kind, i.deadline_windows, i.on_request FROM work_plan_item i JOIN work_plan p ON p.id = i.work_plan_id
       WHERE p.body_id = $1 AND i.due_at IS NOT NULL FOR UPDATE OF i`,
      [bodyId],
    );
  }

  async setDueMoments(manager: EntityManager, ids: string[], dueAt: (string | null)[]): Promise<void> {
    await manager.query(
      `UPDATE work_plan_item i SET due_at = v.due_at, updated_at = now()
       FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, due_at) WHERE i.id = v.id AND i.due_at IS DISTINCT FROM v.due_at`,
      [ids, dueAt],
    );
  }

  findWithRecipients(manager: EntityManager, id: string): Promise<WorkPlanItem | null> {
    return manager.findOne(WorkPlanItem, {
      where: { id },
      relations: { responsibleMembers: true, executorMember: true },
    });
  }

  async focalPointsOf(manager: EntityManager, organizationIds: string[]): Promise<Map<string, Member[]>> {
    const byOrganization = new Map<string, Member[]>();
    if (organizationIds.length === 0) return byOrganization;
    const rows: { organization_id: string; members: Record<string, unknown>[] }[] = await manager.query(
      `SELECT f.organization_id, json_agg(row_to_json(m) ORDER BY m.full_name) AS members
       FROM organization_focal_point f JOIN member m ON m.id = f.member_id WHERE f.organization_id = ANY($1::uuid[]) GROUP BY f.organization_id`,
      [organizationIds],
    );
    for (const row of rows)
      byOrganization.set(
        row.organization_id,
        row.members.map((member) => rowToEntity(manager.connection, Member, member)),
      );
    return byOrganization;
  }

  async fallbackPeople(itemId: string, day: string): Promise<{ focalPoints: Member[]; secretariat: Member[] }> {
    const [row]: { focal: Record<string, unknown>[]; secretariat: Record<string, unknown>[] }[] =
      await this.dataSource.query(
        `SELECT ${FOCAL_POINTS_JSON} AS focal,
                coalesce((SELECT json_agg(row_to_json(s)) FROM (${secretariatMembersSql('p.body_id', '$2')}) s), '[]') AS secretariat
         FROM work_plan_item i JOIN work_plan p ON p.id = i.work_plan_id WHERE i.id = $1`,
        [itemId, day],
      );
    const entities = (rows: Record<string, unknown>[] | undefined) =>
      (rows ?? []).map((member) => rowToEntity(this.dataSource, Member, member));
    return { focalPoints: entities(row?.focal), secretariat: entities(row?.secretariat) };
  }

  /** Open items no active member is named on, with whether their focal points or the secretariat are reminded. */
  async unnamedItems(workPlanId: string): Promise<{ id: string; focal: boolean }[]> {
    return this.dataSource.query(
      `SELECT i.id, EXISTS (SELECT 1 FROM organization_focal_point f JOIN member fm ON fm.id = f.member_id
                            WHERE f.organization_id = i.executor_organization_id AND fm.active) AS focal
       FROM work_plan_item i
       WHERE i.work_plan_id = $1 AND i.status NOT IN ('done', 'cancelled')
         AND NOT EXISTS (SELECT 1 FROM member e WHERE e.id = i.executor_member_id AND e.active)
         AND NOT EXISTS (SELECT 1 FROM work_plan_item_responsible r JOIN member rm ON rm.id = r.member_id WHERE r.item_id = i.id AND rm.active)`,
      [workPlanId],
    );
  }

  async openDatedIdsConcerning(manager: EntityManager, memberId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT i.id FROM work_plan_item i JOIN work_plan p ON p.id = i.work_plan_id
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at IS NOT NULL
         AND (i.executor_member_id = $1
              OR EXISTS (SELECT 1 FROM work_plan_item_responsible r WHERE r.item_id = i.id AND r.member_id = $1)
              OR EXISTS (SELECT 1 FROM organization_focal_point f WHERE f.organization_id = i.executor_organization_id AND f.member_id = $1)
              OR EXISTS (SELECT 1 FROM membership s WHERE s.body_id = p.body_id AND s.member_id = $1 AND s.role = 'secretariat'))`,
      [memberId],
    );
    return rows.map((row) => row.id);
  }

  async openDatedIdsExecutedBy(manager: EntityManager, organizationId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT i.id FROM work_plan_item i
       WHERE i.executor_organization_id = $1 AND i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at IS NOT NULL`,
      [organizationId],
    );
    return rows.map((row) => row.id);
  }

  async openDatedIdsOfBody(manager: EntityManager, bodyId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT i.id FROM work_plan_item i JOIN work_plan p ON p.id = i.work_plan_id
       WHERE p.body_id = $1 AND i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at IS NOT NULL`,
      [bodyId],
    );
    return rows.map((row) => row.id);
  }
}
