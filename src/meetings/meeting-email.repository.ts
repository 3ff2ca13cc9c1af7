import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { rowToEntity } from '../common/database/update-returning';
import { Member } from '../members/member.entity';
import { MeetingDateAnswer, MeetingDateOption } from './date-option.entity';
import { Invitation } from './invitation.entity';
import { Meeting } from './meeting.entity';
import { MeetingDecision, MeetingMinutes } from './minutes.entity';

/** What the meeting emails check and show, read as it stands when each is composed. */
@Injectable()
export class MeetingEmailRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The participant rows with their meetings, in the order of the keys (null where none), in one statement. */
  async invitationsWithMeetings(keys: { meetingId: string; memberId: string }[]): Promise<(Invitation | null)[]> {
    const rows = await this.dataSource.query<
      { invitation: Record<string, unknown>; meeting: Record<string, unknown> }[]
    >(
      `SELECT row_to_json(i) AS invitation, row_to_json(m) AS meeting
       FROM invitation i JOIN meeting m ON m.id = i.meeting_id
       WHERE (i.meeting_id, i.member_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [keys.map((k) => k.meetingId), keys.map((k) => k.memberId)],
    );
    const found = new Map<string, Invitation>();
    for (const row of rows) {
      const invitation = rowToEntity(this.dataSource, Invitation, row.invitation);
      invitation.meeting = rowToEntity(this.dataSource, Meeting, row.meeting);
      found.set(`${invitation.meetingId}|${invitation.memberId}`, invitation);
    }
    return keys.map((k) => found.get(`${k.meetingId}|${k.memberId}`) ?? null);
  }

  meetingExists(id: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(Meeting, { id });
  }

  meeting(id: string): Promise<Meeting | null> {
    return this.dataSource.manager.findOneBy(Meeting, { id });
  }

  member(id: string): Promise<Member | null> {
    return this.dataSource.manager.findOneBy(Member, { id });
  }

  options(meetingId: string): Promise<MeetingDateOption[]> {
    return this.dataSource.manager.find(MeetingDateOption, { where: { meetingId }, order: { position: 'ASC' } });
  }

  countAnswersOf(memberId: string, optionIds: string[]): Promise<number> {
    return this.dataSource.manager.countBy(MeetingDateAnswer, { memberId, optionId: In(optionIds) });
  }

  minutes(meetingId: string): Promise<MeetingMinutes | null> {
    return this.dataSource.manager.findOneBy(MeetingMinutes, { meetingId });
  }

  decisions(meetingId: string): Promise<MeetingDecision[]> {
    return this.dataSource.manager.find(MeetingDecision, { where: { meetingId }, order: { number: 'ASC' } });
  }
}
