import { Injectable } from '@nestjs/common';
import { Between, DataSource, In, IsNull, Not } from 'typeorm';
import type { Member } from '../members/member.entity';
import { MeetingDateOption } from './date-option.entity';
import { Invitation } from './invitation.entity';
import { Meeting } from './meeting.entity';
import { substituteOffer } from './substitute-offer';

/** How a meeting's invitations stand: invited, accepted (or sent a substitute), still pending; asked and answered in its date poll. */
export interface MeetingAnswerCounts {
  meeting_id: string;
  invited: number;
  accepted: number;
  pending: number;
  asked: number;
  answered: number;
}

export interface UpcomingMeetingRow {
  id: string;
  title: Record<string, string>;
  starts_at: Date;
  invited: number;
  accepted: number;
  pending: number;
}

/** A scheduled meeting in the digest's weeks with its invitations counted. */
export interface ScheduledMeetingRow {
  id: string;
  title: Record<string, string>;
  starts_at: Date;
  invited: number;
  accepted: number;
}

/** An invitation sent and not answered, to a scheduled meeting still to come. */
export interface UnansweredInvitationRow {
  title: Record<string, string>;
  full_name: string;
  country_code: string;
}

/** Read queries over meetings, their invitations and date options, each one SQL statement, for the pages' summaries. */
@Injectable()
export class MeetingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The next scheduled meetings from `now`, soonest first, with their invitations counted. */
  upcomingWithAnswers(now: Date, limit: number): Promise<UpcomingMeetingRow[]> {
    return this.dataSource.query(
      `SELECT m.id, m.title, m.starts_at,
              count(i.id) FILTER (WHERE i.invited_at IS NOT NULL)::int AS invited,
              count(i.id) FILTER (WHERE i.response IN ('accepted', 'delegated'))::int AS accepted,
              count(i.id) FILTER (WHERE i.response = 'pending' AND i.invited_at IS NOT NULL)::int AS pending
       FROM meeting m LEFT JOIN invitation i ON i.meeting_id = m.id
       WHERE m.status = 'scheduled' AND m.starts_at >= $1 GROUP BY m.id ORDER BY m.starts_at LIMIT $2`,
      [now, limit],
    );
  }

  /** Scheduled meetings starting between two moments, soonest first, with their invitations counted. */
  scheduledBetweenWithAnswers(from: Date, to: Date): Promise<ScheduledMeetingRow[]> {
    return this.dataSource.query(
      `SELECT m.id, m.title, m.starts_at,
              count(i.id) FILTER (WHERE i.invited_at IS NOT NULL)::int AS invited,
              count(i.id) FILTER (WHERE i.response IN ('accepted', 'delegated'))::int AS accepted
       FROM meeting m LEFT JOIN invitation i ON i.meeting_id = m.id
       WHERE m.status = 'scheduled' AND m.starts_at BETWEEN $1 AND $2 GROUP BY m.id ORDER BY m.starts_at`,
      [from, to],
    );
  }

  /** Invitations sent and still pending to scheduled meetings after `now`, by meeting then country, at most 300. */
  unansweredInvitations(now: Date): Promise<UnansweredInvitationRow[]> {
    return this.dataSource.query(
      `SELECT m.title, mm.full_name, mm.country_code FROM invitation i JOIN meeting m ON m.id = i.meeting_id JOIN member mm ON mm.id = i.member_id
       WHERE i.response = 'pending' AND i.invited_at IS NOT NULL AND m.status = 'scheduled' AND m.starts_at > $1 ORDER BY m.starts_at, mm.country_code LIMIT 300`,
      [now],
    );
  }

  /** The answer counts of the meetings named, by meeting id; a meeting without invitations is absent. */
  async answerCounts(ids: string[]): Promise<Map<string, MeetingAnswerCounts>> {
    if (ids.length === 0) return new Map();
    const rows: MeetingAnswerCounts[] = await this.dataSource.query(
      `SELECT i.meeting_id,
              count(*) FILTER (WHERE i.invited_at IS NOT NULL)::int AS invited,
              count(*) FILTER (WHERE i.response IN ('accepted', 'delegated'))::int AS accepted,
              count(*) FILTER (WHERE i.response = 'pending' AND i.invited_at IS NOT NULL)::int AS pending,
              count(*)::int AS asked,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM meeting_date_answer a JOIN meeting_date_option o ON o.id = a.option_id WHERE o.meeting_id = i.meeting_id AND a.member_id = i.member_id))::int AS answered
       FROM invitation i WHERE i.meeting_id = ANY($1) GROUP BY i.meeting_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.meeting_id, r]));
  }

  /** The timed date options between two moments of meetings still looking for their date, each with its meeting. */
  proposedDatesBetween(from: string, to: string): Promise<MeetingDateOption[]> {
    return this.dataSource.manager.find(MeetingDateOption, {
      where: { startsAt: Between(new Date(from), new Date(to)), meeting: { status: In(['tentative', 'postponed']) } },
      relations: { meeting: true },
    });
  }

  /** A member's invitations with their meetings, latest meeting first (undated ones before). */
  invitationsOf(memberId: string): Promise<Invitation[]> {
    return this.dataSource.manager
      .createQueryBuilder(Invitation, 'i')
      .innerJoinAndSelect('i.meeting', 'm')
      .where('i.member_id = :memberId', { memberId })
      .orderBy('m.starts_at', 'DESC', 'NULLS FIRST')
      .addOrderBy('m.id')
      .getMany();
  }

  /** Among the meetings named, those whose date poll has been opened and which still look for their date. */
  withOpenedPolls(ids: string[]): Promise<Meeting[]> {
    return this.dataSource.manager.find(Meeting, { where: { id: In(ids), status: In(['tentative', 'postponed']), pollOpenedAt: Not(IsNull()) } });
  }

  /** The colleagues a member may name as their substitute when answering for themself. */
  substitutesOfferedTo(member: Pick<Member, 'id' | 'countryCode'>): Promise<Member[]> {
    return substituteOffer(this.dataSource.manager, member, 'member');
  }
}
