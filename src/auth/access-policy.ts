import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/http/api-error';
import { requestContext } from '../common/request-context';

/**
 * What a member may do: read the meetings and work plans of the bodies they serve in (and meetings
 * they are invited to), answer for themselves, update the items they are responsible for, and edit
 * their own preferences. The secretariat may do everything. Every check reads the acting token.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly dataSource: DataSource) {}

  /** The acting member, or null for the secretariat (who sees everything). */
  member(): string | null {
    const actor = requestContext.actor();
    if (actor.role === 'secretariat') return null;
    if (!actor.memberId) throw new ApiError(HttpStatus.FORBIDDEN, 'This member token is bound to no member');
    return actor.memberId;
  }

  assertSelf(memberId: string, what = 'answer'): void {
    const me = this.member();
    if (me !== null && me !== memberId)
      throw new ApiError(HttpStatus.FORBIDDEN, `A member may only ${what} for themself`);
  }

  /** Bodies the member serves in today; null for the secretariat. */
  async bodyIds(): Promise<string[] | null> {
    const me = this.member();
    if (me === null) return null;
    const today = new Date().toISOString().slice(0, 10);
    const rows = await this.dataSource.query<{ body_id: string }[]>(
      `SELECT DISTINCT body_id FROM membership WHERE member_id = $1 AND start_date <= $2 AND (end_date IS NULL OR end_date >= $2)`,
      [me, today],
    );
    return rows.map((r) => r.body_id);
  }

  /**
   * The terms and reports of a body are read by those serving in it. To a member who does not, the
   * body is answered as missing (404), as a member outside the reader's bodies is.
   */
  async assertBodyVisible(bodyId: string): Promise<void> {
    const bodies = await this.bodyIds();
    if (bodies !== null && !bodies.includes(bodyId)) throw ApiError.notFound('Body', bodyId);
  }

  async assertMeetingVisible(meetingId: string): Promise<void> {
    const me = this.member();
    if (me === null) return;
    const rows = await this.dataSource.query<{ body_id?: string }[]>(
      `SELECT 1 FROM meeting m WHERE m.id = $1 AND (
         EXISTS (SELECT 1 FROM invitation i WHERE i.meeting_id = m.id AND i.member_id = $2)
         OR EXISTS (SELECT 1 FROM membership s WHERE s.body_id = m.body_id AND s.member_id = $2 AND s.start_date <= current_date AND (s.end_date IS NULL OR s.end_date >= current_date)))`,
      [meetingId, me],
    );
    if (rows.length === 0)
      throw new ApiError(HttpStatus.FORBIDDEN, 'This meeting belongs to a body you do not serve in');
  }

  async assertWorkPlanVisible(workPlanId: string): Promise<void> {
    const bodies = await this.bodyIds();
    if (bodies === null) return;
    const rows = await this.dataSource.query<{ body_id: string }[]>('SELECT body_id FROM work_plan WHERE id = $1', [
      workPlanId,
    ]);
    if (rows.length && !bodies.includes(rows[0].body_id))
      throw new ApiError(HttpStatus.FORBIDDEN, 'This work plan belongs to a body you do not serve in');
  }

  /** An item is visible in its body, and always to those responsible for it. */
  async assertItemVisible(itemId: string): Promise<void> {
    const me = this.member();
    if (me === null) return;
    const rows = await this.dataSource.query<{ body_id?: string }[]>(
      `SELECT 1 FROM work_plan_item i JOIN work_plan p ON p.id = i.work_plan_id WHERE i.id = $1 AND (
         i.executor_member_id = $2
         OR EXISTS (SELECT 1 FROM work_plan_item_responsible r WHERE r.item_id = i.id AND r.member_id = $2)
         OR EXISTS (SELECT 1 FROM membership s WHERE s.body_id = p.body_id AND s.member_id = $2 AND s.start_date <= current_date AND (s.end_date IS NULL OR s.end_date >= current_date)))`,
      [itemId, me],
    );
    const exists =
      rows.length > 0 ||
      (await this.dataSource.query<unknown[]>('SELECT 1 FROM work_plan_item WHERE id = $1', [itemId])).length === 0;
    if (!exists) throw new ApiError(HttpStatus.FORBIDDEN, 'This item belongs to a body you do not serve in');
  }

  /** A member updates only items they are reminded of, and only their progress. */
  async assertItemEditable(itemId: string, fields: string[]): Promise<void> {
    const me = this.member();
    if (me === null) return;
    const allowed = ['status', 'deadline', 'notes', 'changeNote'];
    const other = fields.filter((f) => !allowed.includes(f));
    if (other.length)
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        `A member may change only ${allowed.join(', ')} of an item (not ${other.join(', ')})`,
      );
    const rows = await this.dataSource.query<{ body_id?: string }[]>(
      // Those reminded of it: named on it, or its executor's focal points, or its body's secretariat.
      `SELECT 1 FROM work_plan_item i WHERE i.id = $1 AND (i.executor_member_id = $2 OR EXISTS (SELECT 1 FROM work_plan_item_responsible r WHERE r.item_id = i.id AND r.member_id = $2)
         OR EXISTS (SELECT 1 FROM organization_focal_point f WHERE f.organization_id = i.executor_organization_id AND f.member_id = $2)
         OR EXISTS (SELECT 1 FROM work_plan p JOIN membership s ON s.body_id = p.body_id WHERE p.id = i.work_plan_id AND s.member_id = $2 AND s.role = 'secretariat'
                    AND s.start_date <= current_date AND (s.end_date IS NULL OR s.end_date >= current_date)))`,
      [itemId, me],
    );
    if (rows.length === 0)
      throw new ApiError(HttpStatus.FORBIDDEN, 'Only the members responsible for an item may update it');
  }

  /** A member edits only their own language, time zone and digest. */
  assertOwnPreferences(memberId: string, fields: string[]): void {
    const me = this.member();
    if (me === null) return;
    if (me !== memberId) throw new ApiError(HttpStatus.FORBIDDEN, 'A member may only change their own preferences');
    const other = fields.filter((f) => !['language', 'timeZone', 'digest'].includes(f));
    if (other.length)
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        `A member may change only language, timeZone and digest (not ${other.join(', ')})`,
      );
  }
}
