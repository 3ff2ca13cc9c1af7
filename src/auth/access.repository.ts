import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const SERVES_TODAY = `s.member_id = $2 AND s.start_date <= current_date AND (s.end_date IS NULL OR s.end_date >= current_date)`;

@Injectable()
export class AccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  async bodiesServedOn(memberId: string, day: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ body_id: string }[]>(
      `SELECT DISTINCT body_id FROM membership WHERE member_id = $1 AND start_date <= $2 AND (end_date IS NULL OR end_date >= $2)`,
      [memberId, day],
    );
    return rows.map((r) => r.body_id);
  }

  async meetingVisibleTo(meetingId: string, memberId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM meeting m WHERE m.id = $1 AND (
         EXISTS (SELECT 1 FROM invitation i WHERE i.meeting_id = m.id AND i.member_id = $2)
         OR EXISTS (SELECT 1 FROM membership s WHERE s.body_id = m.body_id AND ${SERVES_TODAY}))`,
      [meetingId, memberId],
    );
    return rows.length > 0;
  }

  async workPlanBody(workPlanId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ body_id: string }[]>('SELECT body_id FROM work_plan WHERE id = $1', [
      workPlanId,
    ]);
    return rows.length ? rows[0].body_id : null;
  }

  async itemVisibleTo(itemId: string, memberId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM work_plan_item i JOIN work_plan p ON p.id = i.work_plan_id WHERE i.id = $1 AND (
         i.executor_member_id = $2
         OR EXISTS (SELECT 1 FROM work_plan_item_responsible r WHERE r.item_id = i.id AND r.member_id = $2)
         OR EXISTS (SELECT 1 FROM membership s WHERE s.body_id = p.body_id AND ${SERVES_TODAY}))`,
      [itemId, memberId],
    );
    return rows.length > 0;
  }

  async itemExists(itemId: string): Promise<boolean> {
    return (await this.dataSource.query<unknown[]>('SELECT 1 FROM work_plan_item WHERE id = $1', [itemId])).length > 0;
  }

  async itemEditableBy(itemId: string, memberId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      // Those reminded of it: named on it, or its executor's focal points, or its body's secretariat.
      `SELECT 1 FROM work_plan_item i WHERE i.id = $1 AND (i.executor_member_id = $2 OR EXISTS (SELECT 1 FROM work_plan_item_responsible r WHERE r.item_id = i.id AND r.member_id = $2)
         OR EXISTS (SELECT 1 FROM organization_focal_point f WHERE f.organization_id = i.executor_organization_id AND f.member_id = $2)
         OR EXISTS (SELECT 1 FROM work_plan p JOIN membership s ON s.body_id = p.body_id WHERE p.id = i.work_plan_id AND s.member_id = $2 AND s.role = 'secretariat'
                    AND s.start_date <= current_date AND (s.end_date IS NULL OR s.end_date >= current_date)))`,
      [itemId, memberId],
    );
    return rows.length > 0;
  }
}
