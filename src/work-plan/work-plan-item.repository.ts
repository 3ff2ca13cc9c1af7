import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DueItemRow {
  activity: Record<string, string>;
  deadline_text: string;
  due_at: Date;
  executor: Record<string, string> | null;
}

/** Read queries over work-plan items for the pages' summaries, each one SQL statement. */
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
}
