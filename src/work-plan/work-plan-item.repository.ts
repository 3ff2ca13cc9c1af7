import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkPlanItem } from './work-plan-item.entity';
import { WorkPlan } from './work-plan.entity';

export interface DueItemRow {
  activity: Record<string, string>;
  deadline_text: string;
  due_at: Date;
  executor: Record<string, string> | null;
}

/** An unfinished item due within the digest's weeks, with its executing organization's name. */
export interface DigestDeadlineRow {
  id: string;
  activity: Record<string, string>;
  due_at: Date;
  deadline_text: string;
  executor: Record<string, string> | null;
}

/** Overdue items counted by executor: the organization's name, else the member's. */
export interface OverdueByExecutorRow {
  executor: Record<string, string> | null;
  member: string | null;
  count: number;
}

/** Overdue items counted by country ('—' for items of no country). */
export interface OverdueByCountryRow {
  country: string;
  count: number;
}

/** Queries over work-plan items and their plans, each one SQL statement. */
@Injectable()
export class WorkPlanItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Unfinished items (not on request) whose due moment has passed, earliest first. */
  overdue(now: Date, limit: number): Promise<DueItemRow[]> {
    return this.openItemsDue('i.due_at < $1', now, limit);
  }

  /** Unfinished items (not on request) due within 30 days from `now`, earliest first. */
  dueWithin30Days(now: Date, limit: number): Promise<DueItemRow[]> {
    return this.openItemsDue("i.due_at >= $1 AND i.due_at < $1::timestamptz + interval '30 days'", now, limit);
  }

  private openItemsDue(when: string, now: Date, limit: number): Promise<DueItemRow[]> {
    return this.dataSource.query(
      `SELECT i.activity, i.deadline_text, i.due_at, o.name AS executor FROM work_plan_item i LEFT JOIN organization o ON o.id = i.executor_organization_id
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND ${when} ORDER BY i.due_at LIMIT $2`,
      [now, limit],
    );
  }

  /** The item with everyone its reminders name: responsible members, executing organization or member. */
  findWithPeople(id: string): Promise<WorkPlanItem | null> {
    return this.dataSource.manager.findOne(WorkPlanItem, {
      where: { id },
      relations: { responsibleMembers: true, executorOrganization: true, executorMember: true },
    });
  }

  /** The work plan; fails when the id names none. */
  planOrFail(id: string): Promise<WorkPlan> {
    return this.dataSource.manager.findOneByOrFail(WorkPlan, { id });
  }

  /** Unfinished items (not on request) due between two moments, earliest first, at most 200: the digest's deadlines. */
  digestDeadlines(from: Date, to: Date): Promise<DigestDeadlineRow[]> {
    return this.dataSource.query(
      `SELECT i.id, i.activity, i.due_at, i.deadline_text, o.name AS executor FROM work_plan_item i LEFT JOIN organization o ON o.id = i.executor_organization_id
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at BETWEEN $1 AND $2 ORDER BY i.due_at LIMIT 200`,
      [from, to],
    );
  }

  /** Unfinished items (not on request) overdue at `now`, counted by executor, most first. */
  overdueByExecutor(now: Date): Promise<OverdueByExecutorRow[]> {
    return this.dataSource.query(
      `SELECT o.name AS executor, mm.full_name AS member, count(*)::int AS count FROM work_plan_item i
       LEFT JOIN organization o ON o.id = i.executor_organization_id LEFT JOIN member mm ON mm.id = i.executor_member_id
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at < $1 GROUP BY o.name, mm.full_name ORDER BY count DESC`,
      [now],
    );
  }

  /** Unfinished items (not on request) overdue at `now`, counted by each of their countries, most first. */
  overdueByCountry(now: Date): Promise<OverdueByCountryRow[]> {
    return this.dataSource.query(
      `SELECT c AS country, count(*)::int AS count FROM work_plan_item i, unnest(CASE WHEN cardinality(i.countries) = 0 THEN ARRAY['—'] ELSE i.countries END) c
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at < $1 GROUP BY c ORDER BY count DESC, c`,
      [now],
    );
  }
}
