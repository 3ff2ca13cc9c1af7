import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '../common/http/api-error';
import { requestContext } from '../common/request-context';
import { AccessRepository } from './access.repository';

/** What a member may do: read the meetings and work plans of the bodies they serve in. */
@Injectable()
export class AccessPolicy {
  constructor(private readonly repository: AccessRepository) {}

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

  async bodyIds(): Promise<string[] | null> {
    const me = this.member();
    if (me === null) return null;
    const today = new Date().toISOString().slice(0, 10);
    return this.repository.bodiesServedOn(me, today);
  }

  /** The terms and reports of a body are read by those serving in it. */
  async assertBodyVisible(bodyId: string): Promise<void> {
    const bodies = await this.bodyIds();
    if (bodies !== null && !bodies.includes(bodyId)) throw ApiError.notFound('Body', bodyId);
  }

  async assertMeetingVisible(meetingId: string): Promise<void> {
    const me = this.member();
    if (me === null) return;
    if (!(await this.repository.meetingVisibleTo(meetingId, me)))
      throw new ApiError(HttpStatus.FORBIDDEN, 'This meeting belongs to a body you do not serve in');
  }

  async assertWorkPlanVisible(workPlanId: string): Promise<void> {
    const bodies = await this.bodyIds();
    if (bodies === null) return;
    const bodyId = await this.repository.workPlanBody(workPlanId);
    if (bodyId !== null && !bodies.includes(bodyId))
      throw new ApiError(HttpStatus.FORBIDDEN, 'This work plan belongs to a body you do not serve in');
  }

  async assertItemVisible(itemId: string): Promise<void> {
    const me = this.member();
    if (me === null) return;
    const visible = (await this.repository.itemVisibleTo(itemId, me)) || !(await this.repository.itemExists(itemId));
    if (!visible) throw new ApiError(HttpStatus.FORBIDDEN, 'This item belongs to a body you do not serve in');
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
    if (!(await this.repository.itemEditableBy(itemId, me)))
      throw new ApiError(HttpStatus.FORBIDDEN, 'Only the members responsible for an item may update it');
  }

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
