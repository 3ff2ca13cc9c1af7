import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy';
import { hashToken, newToken } from '../auth/token-hash';
import { ApiError } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { Member } from '../members/member.entity';
import { UnitOfWork } from '../notifications/unit-of-work';
import { buildCalendarFeed, buildMeetingCalendar } from './calendar/meeting-calendar';
import type { CalendarAttendee, CalendarMeeting, PartStat } from './calendar/meeting-calendar';
import { CalendarFeedRepository } from './calendar-feed.repository';
import type { Invitation } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import type { InvitationResponse } from './invitation.entity';
import type { Meeting } from './meeting.entity';
import { locationText, meetingText } from './meeting.view';
import { MeetingsService } from './meetings.service';
import { ContentTexts } from '../common/i18n/content-texts';

const DEFAULT_LENGTH_MS = 3600_000;

const PARTSTAT: Record<InvitationResponse, PartStat> = {
  pending: 'NEEDS-ACTION',
  accepted: 'ACCEPTED',
  declined: 'DECLINED',
  tentative: 'TENTATIVE',
  delegated: 'DELEGATED',
};

@Injectable()
export class MeetingCalendarService {
  private readonly organizer: { name: string; email: string };
  private readonly domain: string;

  constructor(
    private readonly texts: ContentTexts,
    private readonly feeds: CalendarFeedRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly meetings: MeetingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessPolicy,
    private readonly invitations: InvitationRepository,
  ) {
    const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(config.mailFrom);
    const from = match
      ? { name: match[1] || 'Secretariat', email: match[2] }
      : { name: 'Secretariat', email: config.mailFrom.trim() };
    // Calendar clients send their REPLY to the ORGANIZER: the inbound mailbox, named as the secretariat.
    this.organizer = { name: from.name, email: config.replyTo ?? from.email };
    this.domain = from.email.split('@')[1] ?? 'wg-secretariat';
  }

  toCalendarMeeting(meeting: Meeting, language: Language = 'en'): CalendarMeeting {
    const status =
      meeting.status === 'cancelled' || meeting.status === 'postponed'
        ? 'CANCELLED'
        : meeting.status === 'tentative'
          ? 'TENTATIVE'
          : 'CONFIRMED';
    const page = `${this.config.appUrl}/meetings/${meeting.id}`;
    const online = meeting.onlineUrl;
    const place = locationText(meeting, language, this.config.contentLanguageFallback);
    const about = meetingText(meeting, 'description', language, this.config.contentLanguageFallback);
    // The online link goes where each client looks: Outlook shows LOCATION and DESCRIPTION, Apple URL, Google CONFERENCE.
    const description = [
      online ? t('mp.ics.join', language, { url: online }) : null,
      t('mp.ics.page', language, { url: page }),
      about ? `\n${about}` : null,
    ];
    return {
      uid: `meeting-${meeting.id}@${this.domain}`,
      sequence: meeting.sequence,
      title: this.texts.pick(meeting.title, language),
      description: description.filter((line) => line !== null).join('\n'),
      startsAt: meeting.startsAt!,
      // A meeting whose end is not known yet shows as an hour in calendars.
      endsAt: meeting.endsAt ?? new Date(meeting.startsAt!.getTime() + DEFAULT_LENGTH_MS),
      timeZone: meeting.timeZone,
      location: place && online ? t('mp.ics.place', language, { place, url: online }) : (place ?? online),
      url: online ?? page,
      conferenceUrl: online,
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

  forEmail(method: 'REQUEST' | 'CANCEL', meeting: Meeting, member: Member, invitation: Invitation | null): string {
    return buildMeetingCalendar(method, this.toCalendarMeeting(meeting, member.language), [
      this.attendee(member, invitation),
    ]);
  }

  async meetingFile(meetingId: string): Promise<string> {
    await this.access.assertMeetingVisible(meetingId);
    const meeting = await this.unitOfWork.runStatements(({ manager }) => this.meetings.load(manager, meetingId));
    if (!meeting.startsAt) throw ApiError.conflict('The meeting has no date yet: a calendar file needs one');
    return buildMeetingCalendar('PUBLISH', this.toCalendarMeeting(meeting), []);
  }

  /** A new secret feed address for the member; the previous one stops working. */
  async issueFeed(memberId: string): Promise<{ url: string }> {
    if (!(await this.feeds.memberExists(memberId))) throw ApiError.notFound('Member', memberId);
    const token = newToken('cal_');
    await this.feeds.setToken(memberId, hashToken(token));
    return { url: `${this.config.appUrl}/calendar/${token}.ics` };
  }

  feedIssuedAt(memberId: string): Promise<Date | null> {
    return this.feeds.issuedAt(memberId);
  }

  async revokeFeed(memberId: string): Promise<void> {
    if (!(await this.feeds.removeToken(memberId))) throw ApiError.notFound('Calendar feed of member', memberId);
  }

  /** The member's meetings (cancelled ones stay, marked cancelled, so calendars remove them) and their deadlines. */
  async feed(token: string): Promise<string | null> {
    const found = await this.feeds.findToken(hashToken(token));
    if (!found) return null;
    const member = await this.feeds.member(found.memberId);
    if (!member || !member.active) return null;
    const invitations = await this.invitations.ofMember(member.id);
    const meetingIds = invitations.filter((i) => i.response !== 'declined').map((i) => i.meetingId);
    const meetings = meetingIds.length ? await this.feeds.meetings(meetingIds) : [];
    const items = await this.feeds.openItemsOf(member.id);
    return buildCalendarFeed(
      `WGECC — ${member.fullName}`,
      meetings.filter((m) => m.startsAt).map((m) => this.toCalendarMeeting(m, member.language)),
      items.flatMap((item) =>
        item.deadlineWindows.map((window, index) => ({
          uid: `item-${item.id}-${index}@${this.domain}`,
          title: this.texts.pick(item.activity, member.language),
          description: item.deadlineText,
          start: window.start,
          end: window.end,
          url: `${this.config.appUrl}/work-plan/items/${item.id}`,
        })),
      ),
    );
  }
}
