import { Injectable } from '@nestjs/common';
import { Between, DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { nextPosition } from '../common/database/next-position';
import { entityFromRow, paginateRows } from '../common/database/paginate';
import type { Page } from '../common/http/pagination';
import type { MeetingQuery } from './dto/meeting.dto';
import type { Member } from '../members/member.entity';
import { AgendaItem } from './agenda-item.entity';
import { MeetingDateAnswer, MeetingDateOption } from './date-option.entity';
import { Invitation } from './invitation.entity';
import { Meeting } from './meeting.entity';
import { MeetingDecision, MeetingMinutes } from './minutes.entity';
import { findSubstitutesOffered } from '../members/member.repository';

/** How a meeting's invitations stand: invited, accepted (or sent a substitute), still pending. */
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

export interface ScheduledMeetingRow {
  id: string;
  title: Record<string, string>;
  starts_at: Date;
  invited: number;
  accepted: number;
}

export interface UnansweredInvitationRow {
  title: Record<string, string>;
  full_name: string;
  country_code: string;
}

@Injectable()
export class MeetingRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(manager: EntityManager, id: string, lock = false): Promise<Meeting | null> {
    return manager.findOne(Meeting, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  page<T>(
    query: MeetingQuery,
    visibleTo: { bodies: string[]; me: string | null } | null,
    toItem: (meeting: Meeting) => T,
  ): Promise<Page<T>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Meeting, 'm')
      .orderBy('m.starts_at', 'ASC', 'NULLS LAST')
      .addOrderBy('m.created_at', 'ASC');
    if (query.bodyId) qb.andWhere('m.body_id = :bodyId', { bodyId: query.bodyId });
    if (query.kind) qb.andWhere('m.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (query.from) qb.andWhere('coalesce(m.ends_at, m.starts_at) >= :from', { from: query.from });
    if (query.to) qb.andWhere('m.starts_at <= :to', { to: query.to });
    if (query.memberId)
      qb.andWhere('EXISTS (SELECT 1 FROM invitation i WHERE i.meeting_id = m.id AND i.member_id = :memberId)', {
        memberId: query.memberId,
      });
    if (visibleTo !== null) {
      qb.andWhere(
        '(m.body_id = ANY(:bodies) OR EXISTS (SELECT 1 FROM invitation v WHERE v.meeting_id = m.id AND v.member_id = :me))',
        visibleTo,
      );
    }
    return paginateRows(qb, query, (row) => toItem(entityFromRow(this.dataSource, Meeting, row, 'm')!), {
      statementOf: 'MeetingsService.list',
    });
  }

  bodyExists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Body, { id });
  }

  body(manager: EntityManager, id: string): Promise<Body | null> {
    return manager.findOneBy(Body, { id });
  }

  /** Active participants who were invited and have not declined, with their members: those reminded. */
  remindedParticipants(manager: EntityManager, meetingId: string): Promise<Invitation[]> {
    return manager
      .createQueryBuilder(Invitation, 'i')
      .innerJoinAndSelect('i.member', 'm')
      .where("i.meeting_id = :id AND i.invited_at IS NOT NULL AND i.response <> 'declined' AND m.active", {
        id: meetingId,
      })
      .getMany();
  }

  save(manager: EntityManager, meeting: Meeting): Promise<Meeting> {
    return manager.save(meeting);
  }

  numberClash(manager: EntityManager, meeting: Meeting): Promise<Meeting | null> {
    return manager
      .createQueryBuilder(Meeting, 'm')
      .where('m.body_id = :bodyId AND m.kind = :kind AND m.number = :number', meeting)
      .andWhere(meeting.id ? 'm.id <> :id' : 'TRUE', { id: meeting.id })
      .getOne();
  }

  options(manager: EntityManager, meetingId: string): Promise<MeetingDateOption[]> {
    return manager.find(MeetingDateOption, { where: { meetingId }, order: { position: 'ASC' } });
  }

  countOptions(manager: EntityManager, meetingId: string): Promise<number> {
    return manager.countBy(MeetingDateOption, { meetingId });
  }

  option(manager: EntityManager, meetingId: string, optionId: string): Promise<MeetingDateOption | null> {
    return manager.findOneBy(MeetingDateOption, { id: optionId, meetingId });
  }

  optionsIn(manager: EntityManager, meetingId: string, optionIds: string[]): Promise<MeetingDateOption[]> {
    return manager.findBy(MeetingDateOption, { id: In(optionIds), meetingId });
  }

  async addOption(
    manager: EntityManager,
    fields: Omit<Partial<MeetingDateOption>, 'position'> & { meetingId: string },
  ): Promise<MeetingDateOption> {
    const position = await nextPosition(manager, 'meeting_date_option', 'meeting_id', fields.meetingId);
    return manager.save(manager.create(MeetingDateOption, { ...fields, position }));
  }

  /** Removes a date option and closes the gap it leaves in the order. */
  async removeOption(manager: EntityManager, option: MeetingDateOption): Promise<void> {
    await manager.delete(MeetingDateOption, { id: option.id });
    await manager.query(
      'UPDATE meeting_date_option SET position = position - 1 WHERE meeting_id = $1 AND position > $2',
      [option.meetingId, option.position],
    );
  }

  countAnswers(manager: EntityManager, optionId: string): Promise<number> {
    return manager.countBy(MeetingDateAnswer, { optionId });
  }

  answersTo(manager: EntityManager, optionIds: string[], memberId?: string): Promise<MeetingDateAnswer[]> {
    if (optionIds.length === 0) return Promise.resolve([]);
    return manager.findBy(MeetingDateAnswer, { optionId: In(optionIds), ...(memberId ? { memberId } : {}) });
  }

  /** Who answered what, without the rest of each row: a poll of 500 invitees has thousands of answers. */
  answerGrid(
    manager: EntityManager,
    optionIds: string[],
  ): Promise<Pick<MeetingDateAnswer, 'optionId' | 'memberId' | 'answer'>[]> {
    if (optionIds.length === 0) return Promise.resolve([]);
    // Plain rows: a poll of 500 invitees has thousands of answers, too many to build entities for.
    return manager.query(
      'SELECT option_id AS "optionId", member_id AS "memberId", answer FROM meeting_date_answer WHERE option_id = ANY($1)',
      [optionIds],
    );
  }

  saveAnswer(manager: EntityManager, answer: MeetingDateAnswer): Promise<MeetingDateAnswer> {
    return manager.save(answer);
  }

  agenda(manager: EntityManager, meetingId: string): Promise<AgendaItem[]> {
    return manager.find(AgendaItem, { where: { meetingId }, order: { position: 'ASC' } });
  }

  agendaItems(manager: EntityManager, meetingId: string): Promise<AgendaItem[]> {
    return manager.find(AgendaItem, { where: { meetingId } });
  }

  agendaItem(manager: EntityManager, meetingId: string, itemId: string, lock = false): Promise<AgendaItem | null> {
    return manager.findOne(AgendaItem, {
      where: { id: itemId, meetingId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async addAgendaItem(
    manager: EntityManager,
    fields: Omit<Partial<AgendaItem>, 'position'> & { meetingId: string },
  ): Promise<AgendaItem> {
    const position = await nextPosition(manager, 'agenda_item', 'meeting_id', fields.meetingId);
    return manager.save(manager.create(AgendaItem, { ...fields, position }));
  }

  saveAgendaItem(manager: EntityManager, item: AgendaItem): Promise<AgendaItem> {
    return manager.save(item);
  }

  async moveAgendaItem(manager: EntityManager, itemId: string, position: number): Promise<void> {
    await manager.update(AgendaItem, { id: itemId }, { position });
  }

  minutes(manager: EntityManager, meetingId: string, lock = false): Promise<MeetingMinutes | null> {
    return manager.findOne(MeetingMinutes, {
      where: { meetingId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  saveMinutes(manager: EntityManager, minutes: MeetingMinutes): Promise<MeetingMinutes> {
    return manager.save(minutes);
  }

  decisions(manager: EntityManager, meetingId: string): Promise<MeetingDecision[]> {
    return manager.find(MeetingDecision, { where: { meetingId }, order: { number: 'ASC' } });
  }

  async replaceDecisions(
    manager: EntityManager,
    meetingId: string,
    decisions: Pick<MeetingDecision, 'text' | 'translations' | 'actionItems'>[],
  ): Promise<void> {
    await manager.delete(MeetingDecision, { meetingId });
    for (const [index, decision] of decisions.entries()) {
      await manager.save(
        manager.create(MeetingDecision, {
          meetingId,
          number: index + 1,
          text: decision.text,
          translations: decision.translations,
          actionItems: decision.actionItems,
          workPlanItemIds: [],
        }),
      );
    }
  }

  saveDecision(manager: EntityManager, decision: MeetingDecision): Promise<MeetingDecision> {
    return manager.save(decision);
  }

  async removeAgendaItem(manager: EntityManager, item: AgendaItem): Promise<void> {
    await manager.delete(AgendaItem, { id: item.id });
    await manager.query('UPDATE agenda_item SET position = position - 1 WHERE meeting_id = $1 AND position > $2', [
      item.meetingId,
      item.position,
    ]);
  }

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

  proposedDatesBetween(from: string, to: string): Promise<MeetingDateOption[]> {
    return this.dataSource.manager.find(MeetingDateOption, {
      where: { startsAt: Between(new Date(from), new Date(to)), meeting: { status: In(['tentative', 'postponed']) } },
      relations: { meeting: true },
    });
  }

  invitationsOf(memberId: string): Promise<Invitation[]> {
    return this.dataSource.manager
      .createQueryBuilder(Invitation, 'i')
      .innerJoinAndSelect('i.meeting', 'm')
      .where('i.member_id = :memberId', { memberId })
      .orderBy('m.starts_at', 'DESC', 'NULLS FIRST')
      .addOrderBy('m.id')
      .getMany();
  }

  withOpenedPolls(ids: string[]): Promise<Meeting[]> {
    return this.dataSource.manager.find(Meeting, {
      where: { id: In(ids), status: In(['tentative', 'postponed']), pollOpenedAt: Not(IsNull()) },
    });
  }

  /** The colleagues a member may name as their substitute when answering for themself. */
  substitutesOfferedTo(member: Pick<Member, 'id' | 'countryCode'>): Promise<Member[]> {
    return findSubstitutesOffered(this.dataSource.manager, member, 'member');
  }
}
