import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Body } from '../bodies/body.entity';
import type { LocalizedText } from '../common/i18n/languages';
import type { OrganizationKind } from '../organizations/organization.entity';
import { AgendaItem } from '../meetings/agenda-item.entity';
import type { InvitationResponse } from '../meetings/invitation.entity';
import { Meeting } from '../meetings/meeting.entity';
import { MeetingDecision, MeetingMinutes } from '../meetings/minutes.entity';
import type { Member } from '../members/member.entity';

/** One participant of a meeting with what the papers print about them. */
export interface PaperParticipant {
  memberId: string;
  fullName: string;
  position: string | null;
  countryCode: string;
  organization: LocalizedText | null;
  organizationKind: OrganizationKind | null;
  response: InvitationResponse;
  invitedAt: Date | null;
  attended: boolean | null;
  language: Member['language'];
  timeZone: string;
}

interface ParticipantRow {
  member_id: string;
  full_name: string;
  position: string | null;
  country_code: string;
  organization: LocalizedText | null;
  organization_kind: OrganizationKind | null;
  response: InvitationResponse;
  invited_at: Date | null;
  attended: boolean | null;
  language: Member['language'];
  time_zone: string;
}

/** What the papers read: a meeting, its body, participants, agenda, minutes and decisions. */
@Injectable()
export class PapersRepository {
  constructor(private readonly dataSource: DataSource) {}

  meeting(id: string): Promise<Meeting | null> {
    return this.dataSource.manager.findOne(Meeting, { where: { id } });
  }

  body(id: string): Promise<Body | null> {
    return this.dataSource.manager.findOne(Body, { where: { id } });
  }

  async participants(meetingId: string, memberId?: string): Promise<PaperParticipant[]> {
    const rows = await this.dataSource.query<ParticipantRow[]>(
      `SELECT i.member_id, m.full_name, m.position, m.country_code, o.name AS organization,
              o.kind AS organization_kind, i.response, i.invited_at, i.attended, m.language, m.time_zone
         FROM invitation i
         JOIN member m ON m.id = i.member_id
         LEFT JOIN organization o ON o.id = m.organization_id
        WHERE i.meeting_id = $1 AND ($2::uuid IS NULL OR i.member_id = $2::uuid)
        ORDER BY m.full_name, i.member_id`,
      [meetingId, memberId ?? null],
    );
    return rows.map((r) => ({
      memberId: r.member_id,
      fullName: r.full_name,
      position: r.position,
      countryCode: r.country_code,
      organization: r.organization,
      organizationKind: r.organization_kind,
      response: r.response,
      invitedAt: r.invited_at,
      attended: r.attended,
      language: r.language,
      timeZone: r.time_zone,
    }));
  }

  agenda(meetingId: string): Promise<AgendaItem[]> {
    return this.dataSource.manager.find(AgendaItem, { where: { meetingId }, order: { position: 'ASC' } });
  }

  minutes(meetingId: string): Promise<MeetingMinutes | null> {
    return this.dataSource.manager.findOne(MeetingMinutes, { where: { meetingId } });
  }

  decisions(meetingId: string): Promise<MeetingDecision[]> {
    return this.dataSource.manager.find(MeetingDecision, { where: { meetingId }, order: { number: 'ASC' } });
  }

  /** The names of action items' executors, which are organisations or members, by id. */
  async executorNames(ids: string[]): Promise<Map<string, LocalizedText>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; name: LocalizedText }[]>(
      `SELECT id, name FROM organization WHERE id = ANY($1::uuid[])
       UNION ALL
       SELECT id, jsonb_build_object('en', full_name) FROM member WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
