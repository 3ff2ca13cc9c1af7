import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy';
import { hashToken, newToken } from '../auth/token-hash';
import { ApiError } from '../common/http/api-error';
import { pickLocalized } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { Member } from '../members/member.entity';
import { WorkPlanItem } from '../work-plan/work-plan-item.entity';
import { buildCalendarFeed, buildMeetingCalendar } from './calendar/meeting-calendar';
import type { CalendarAttendee, CalendarMeeting, PartStat } from './calendar/meeting-calendar';
import { CalendarFeedToken } from './calendar-feed-token.entity';
import type { Invitation } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import type { InvitationResponse } from './invitation.entity';
import { Meeting } from './meeting.entity';
import { locationText } from './meeting.view';
import { MeetingsService } from './meetings.service';

const DEFAULT_LENGTH_MS = 3600_000;

const PARTSTAT: Record<InvitationResponse, PartStat> = {
  pending: 'NEEDS-ACTION',
  accepted: 'ACCEPTED',
  declined: 'DECLINED',
  tentative: 'TENTATIVE',
  delegated: 'DELEGATED',
};

/** Calendars (RFC 5545): one meeting's file, the invitation part of emails, and each member's secret feed. */
@Injectable()
export class MeetingCalendarService {
  private readonly organizer: { name: string; email: string };
  private readonly domain: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessPolicy,
    private readonly invitations: InvitationRepository,
  ) {
    const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(config.mailFrom);
    this.organizer = match
      ? { name: match[1] || 'Secretariat', email: match[2] }
      : { name: 'Secretariat', email: config.mailFrom.trim() };
    this.domain = this.organizer.email.split('@')[1] ?? 'wg-secretariat';
  }

  toCalendarMeeting(meeting: Meeting, language: Language = 'en'): CalendarMeeting {
    const status =
      meeting.status === 'cancelled' || meeting.status === 'postponed'
        ? 'CANCELLED'
        : meeting.status === 'tentative'
          ? 'TENTATIVE'
          : 'CONFIRMED';
    return {
      uid: `meeting-${meeting.id}@${this.domain}`,
      sequence: meeting.sequence,
      title: pickLocalized(meeting.title, language),
      description: meeting.description,
      startsAt: meeting.startsAt!,
      // A meeting whose end is not known yet shows as an hour in calendars.
      endsAt: meeting.endsAt ?? new Date(meeting.startsAt!.getTime() + DEFAULT_LENGTH_MS),
      timeZone: meeting.timeZone,
      location: locationText(meeting) ?? meeting.onlineUrl,
      url: `${this.config.appUrl}/meetings/${meeting.id}`,
      status,
      organizer: this.organizer,
      alarmMinutesBefore: 60,
      lastModified: meeting.updatedAt,
    };
  }

  attendee(member: Member, invitation: Invitation | null, delegate?: Member | null): CalendarAttendee {
    return {
      name: member.fullName,
      email: member.email,
      partstat: invitation ? PARTSTAT[invitation.response] : 'NEEDS-ACTION',
      rsvp: true,
      delegatedTo: delegate?.email,
    };
  }

  /** The calendar part of one email to one participant. */
  forEmail(method: 'REQUEST' | 'CANCEL', meeting: Meeting, member: Member, invitation: Invitation | null): string {
    return buildMeetingCalendar(method, this.toCalendarMeeting(meeting, member.language), [
      this.attendee(member, invitation),
    ]);
  }

  async meetingFile(meetingId: string): Promise<string> {
    await this.access.assertMeetingVisible(meetingId);
    const meeting = await this.meetings.load(this.dataSource.manager, meetingId);
    if (!meeting.startsAt) throw ApiError.conflict('The meeting has no date yet: a calendar file needs one');
    return buildMeetingCalendar('PUBLISH', this.toCalendarMeeting(meeting), []);
  }

  /** A new secret feed address for the member; the previous one stops working. */
  async issueFeed(memberId: string): Promise<{ url: string }> {
    if (!(await this.dataSource.manager.existsBy(Member, { id: memberId })))
      throw ApiError.notFound('Member', memberId);
    const token = newToken('cal_');
    await this.dataSource.manager.upsert(
      CalendarFeedToken,
      { memberId, tokenHash: hashToken(token), createdAt: new Date() },
      ['memberId'],
    );
    return { url: `${this.config.appUrl}/calendar/${token}.ics` };
  }

  /** When the member's current feed was made, or null when they have none. */
  async feedIssuedAt(memberId: string): Promise<Date | null> {
    return (await this.dataSource.manager.findOneBy(CalendarFeedToken, { memberId }))?.createdAt ?? null;
  }

  async revokeFeed(memberId: string): Promise<void> {
    const result = await this.dataSource.manager.delete(CalendarFeedToken, { memberId });
    if (!result.affected) throw ApiError.notFound('Calendar feed of member', memberId);
  }

  /** The member's meetings (cancelled ones stay, marked cancelled, so calendars remove them) and their deadlines. */
  async feed(token: string): Promise<string | null> {
    const manager = this.dataSource.manager;
    const found = await manager.findOneBy(CalendarFeedToken, { tokenHash: hashToken(token) });
    if (!found) return null;
    const member = await manager.findOneBy(Member, { id: found.memberId });
    if (!member || !member.active) return null;
    const invitations = await this.invitations.ofMember(member.id);
    const meetingIds = invitations.filter((i) => i.response !== 'declined').map((i) => i.meetingId);
    const meetings = meetingIds.length ? await manager.find(Meeting, { where: { id: In(meetingIds) } }) : [];
    const items = await manager
      .createQueryBuilder(WorkPlanItem, 'i')
      .innerJoin('work_plan_item_responsible', 'r', 'r.item_id = i.id AND r.member_id = :memberId', {
        memberId: member.id,
      })
      .where("i.status NOT IN ('done', 'cancelled')")
      .getMany();
    return buildCalendarFeed(
      `WGECC — ${member.fullName}`,
      meetings.filter((m) => m.startsAt).map((m) => this.toCalendarMeeting(m, member.language)),
      items.flatMap((item) =>
        item.deadlineWindows.map((window, index) => ({
          uid: `item-${item.id}-${index}@${this.domain}`,
          title: pickLocalized(item.activity, member.language),
          description: item.deadlineText,
          start: window.start,
          end: window.end,
          url: `${this.config.appUrl}/work-plan/items/${item.id}`,
        })),
      ),
    );
  }
}
