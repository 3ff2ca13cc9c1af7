import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Member } from '../members/member.entity';
import { WorkPlanItem } from '../work-plan/work-plan-item.entity';
import { CalendarFeedToken } from './calendar-feed-token.entity';
import { Meeting } from './meeting.entity';

/** Queries behind the members' secret calendar feeds, each one SQL statement. */
@Injectable()
export class CalendarFeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  memberExists(id: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(Member, { id });
  }

  member(id: string): Promise<Member | null> {
    return this.dataSource.manager.findOneBy(Member, { id });
  }

  /** Sets the member's one feed token, replacing the previous one. */
  async setToken(memberId: string, tokenHash: string): Promise<void> {
    await this.dataSource.manager.upsert(CalendarFeedToken, { memberId, tokenHash, createdAt: new Date() }, [
      'memberId',
    ]);
  }

  /** Removes the member's feed token; whether there was one. */
  async removeToken(memberId: string): Promise<boolean> {
    const result = await this.dataSource.manager.delete(CalendarFeedToken, { memberId });
    return Boolean(result.affected);
  }

  /** When the member's current feed was made, or null when they have none. */
  async issuedAt(memberId: string): Promise<Date | null> {
    return (await this.dataSource.manager.findOneBy(CalendarFeedToken, { memberId }))?.createdAt ?? null;
  }

  findToken(tokenHash: string): Promise<CalendarFeedToken | null> {
    return this.dataSource.manager.findOneBy(CalendarFeedToken, { tokenHash });
  }

  meetings(ids: string[]): Promise<Meeting[]> {
    return this.dataSource.manager.find(Meeting, { where: { id: In(ids) } });
  }

  /** Unfinished items the member is responsible for. */
  openItemsOf(memberId: string): Promise<WorkPlanItem[]> {
    return this.dataSource.manager
      .createQueryBuilder(WorkPlanItem, 'i')
      .innerJoin('work_plan_item_responsible', 'r', 'r.item_id = i.id AND r.member_id = :memberId', { memberId })
      .where("i.status NOT IN ('done', 'cancelled')")
      .getMany();
  }
}
