import { emailCommon } from '../mail/email-kinds';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ActionLinks } from '../actions/action-links';
import { MicroBatch } from '../common/batching/micro-batch';
import { rowToEntity } from '../common/database/update-returning';
import { pickText } from '../common/i18n/content-text';
import type { Language, LocalizedText } from '../common/i18n/languages';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { MeetingView as EmailMeetingView } from '../mail/email-kinds';
import { Member } from '../members/member.entity';
import { ComposesNotifications } from '../notifications/notification-composer';
import type { Composition, NotificationComposer } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';
import { MeetingDateAnswer, MeetingDateOption } from './date-option.entity';
import { Invitation } from './invitation.entity';
import { Meeting } from './meeting.entity';
import { MeetingCalendarService } from './meeting-calendar.service';
import { locationText, meetingText } from './meeting.view';
import { decisionLabel } from './minutes.service';
import { MeetingDecision, MeetingMinutes } from './minutes.entity';

const skip = (reason: string): Composition => ({ send: false, reason });

/** Composes every email about a meeting, after checking it is still true for this reader. */
@Injectable()
@ComposesNotifications('meeting')
export class MeetingEmailComposer implements NotificationComposer {
  /** The two things every meeting email checks, loaded for all the emails being composed at that moment in one round trip. */
  private readonly invitations = new MicroBatch((keys: { meetingId: string; memberId: string }[]) =>
    this.loadInvitations(keys),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: MeetingCalendarService,
    private readonly links: ActionLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A text in the reader's language, else the configured fallback chain's. */
  private pick(texts: LocalizedText | null | undefined, language: Language): string {
    return pickText(texts, language, this.config.contentLanguageFallback);
  }

  async compose(notification: Notification, recipient: Member): Promise<Composition> {
    const manager = this.dataSource.manager;
    const invitation = await this.invitations.call({ meetingId: notification.subjectId!, memberId: recipient.id });
    if (notification.kind === 'substitute-withdrawn') return this.withdrawal(notification, recipient, invitation);
    if (!invitation) {
      const exists = await manager.existsBy(Meeting, { id: notification.subjectId! });
      return skip(exists ? 'the recipient is no longer a participant' : 'the meeting no longer exists');
    }
    const meeting = invitation.meeting!;
    const current = notification.subjectVersion === meeting.sequence;
    const common = {
      ...emailCommon(recipient, this.config.appUrl, this.links.preferences(recipient)),
      meeting: this.view(meeting, recipient),
    };
    const meetingEnds = meeting.endsAt ?? (meeting.startsAt ? new Date(meeting.startsAt.getTime() + 86_400_000) : null);
    const answerLinks = () => this.links.meeting(recipient, meeting.id, meetingEnds);

    switch (notification.kind) {
      case 'meeting-poll':
      case 'poll-chase': {
        if (meeting.status !== 'tentative' && meeting.status !== 'postponed')
          return skip(`the date is decided: the meeting is ${meeting.status}`);
        if (meeting.pollClosesAt && meeting.pollClosesAt < new Date()) return skip('the poll has closed');
        const options = await manager.find(MeetingDateOption, {
          where: { meetingId: meeting.id },
          order: { position: 'ASC' },
        });
        const poll = {
          closesAt: meeting.pollClosesAt?.toISOString() ?? null,
          url: `${this.config.appUrl}/meetings/${meeting.id}/poll`,
        };
        if (notification.kind === 'poll-chase') {
          const answered = options.length
            ? await manager.countBy(MeetingDateAnswer, {
                memberId: recipient.id,
                optionId: In(options.map((o) => o.id)),
              })
            : 0;
          if (answered >= options.length) return skip('the recipient has answered every option');
          return { send: true, kind: 'poll-chase', data: { ...common, poll } };
        }
        return {
          send: true,
          kind: 'meeting-poll',
          data: {
            ...common,
            poll: {
              ...poll,
              options: options.map((o) => ({
                label: o.label ?? o.text ?? '',
                startsAt: o.startsAt?.toISOString() ?? null,
                endsAt: o.endsAt?.toISOString() ?? null,
                text: o.text,
                links: this.links.poll(recipient, meeting.id, o.id, meeting.pollClosesAt),
              })),
            },
          },
        };
      }
      case 'meeting-invitation':
      case 'meeting-update': {
        if (!current) return skip('the meeting changed after this was planned; a newer email carries the change');
        if (invitation.response === 'declined') return skip('the recipient declined');
        const tentative = meeting.status === 'tentative' && meeting.startsAt !== null;
        if (meeting.status !== 'scheduled' && !tentative) return skip(`the meeting is ${meeting.status}`);
        const calendar = {
          method: 'REQUEST' as const,
          content: this.calendar.forEmail('REQUEST', meeting, recipient, invitation),
        };
        if (notification.kind === 'meeting-invitation') {
          return {
            send: true,
            kind: 'meeting-invitation',
            data: { ...common, response: invitation.response, links: answerLinks() },
            calendar,
          };
        }
        const previous = (notification.payload.previous ?? {}) as Record<string, string | null>;
        return {
          send: true,
          kind: 'meeting-update',
          data: {
            ...common,
            previous: {
              startsAt: previous.startsAt ?? null,
              endsAt: previous.endsAt ?? null,
              location: this.previousLocation(meeting, previous, recipient),
              onlineUrl: previous.onlineUrl ?? null,
            },
            links: answerLinks(),
          },
          calendar,
        };
      }
      case 'meeting-cancellation':
      case 'meeting-postponement': {
        const expected = notification.kind === 'meeting-cancellation' ? 'cancelled' : 'postponed';
        if (meeting.status !== expected) return skip(`the meeting is ${meeting.status} now`);
        if (!current) return skip('the meeting changed again after this was planned');
        const calendar = meeting.startsAt
          ? { method: 'CANCEL' as const, content: this.calendar.forEmail('CANCEL', meeting, recipient, invitation) }
          : undefined;
        return { send: true, kind: notification.kind, data: common, calendar };
      }
      case 'meeting-reminder':
      case 'meeting-rsvp-chase': {
        if (!current) return skip('the meeting moved after this was planned; reminders for the new date replace it');
        if (meeting.status !== 'scheduled') return skip(`the meeting is ${meeting.status}`);
        if (invitation.invitedAt === null || invitation.response === 'declined')
          return skip('the recipient is not expected at the meeting');
        const daysBefore = Number(notification.payload.daysBefore ?? 0);
        if (notification.kind === 'meeting-rsvp-chase') {
          if (invitation.response !== 'pending') return skip('the recipient has answered');
          return { send: true, kind: 'meeting-rsvp-chase', data: { ...common, daysBefore, links: answerLinks() } };
        }
        return {
          send: true,
          kind: 'meeting-reminder',
          data: { ...common, daysBefore, response: invitation.response, links: answerLinks() },
        };
      }
      case 'minutes-available': {
        const minutes = await manager.findOneBy(MeetingMinutes, { meetingId: meeting.id });
        if (minutes?.status !== 'approved') return skip('the minutes are not approved');
        const decisions = await manager.find(MeetingDecision, {
          where: { meetingId: meeting.id },
          order: { number: 'ASC' },
        });
        return {
          send: true,
          kind: 'minutes-available',
          data: {
            ...common,
            minutesUrl: `${this.config.appUrl}/meetings/${meeting.id}#minutes`,
            decisions: decisions.map((d) => ({ label: decisionLabel(meeting, d.number), text: d.text })),
          },
        };
      }
      default:
        return skip(`no meeting email of kind ${notification.kind}`);
    }
  }

  /** Told only while they are still not a participant and the meeting still takes place; the CANCEL takes it out of their calendar. */
  private async withdrawal(
    notification: Notification,
    recipient: Member,
    invitation: Invitation | null,
  ): Promise<Composition> {
    if (invitation) return skip('the recipient is a participant again');
    const manager = this.dataSource.manager;
    const meeting = await manager.findOneBy(Meeting, { id: notification.subjectId! });
    if (!meeting) return skip('the meeting no longer exists');
    if (meeting.status !== 'scheduled' && meeting.status !== 'tentative')
      return skip(`the meeting is ${meeting.status}`);
    const namedBy =
      typeof notification.payload.substituteFor === 'string'
        ? await manager.findOneBy(Member, { id: notification.payload.substituteFor })
        : null;
    const calendar = meeting.startsAt
      ? { method: 'CANCEL' as const, content: this.calendar.forEmail('CANCEL', meeting, recipient, null) }
      : undefined;
    return {
      send: true,
      kind: 'substitute-withdrawn',
      data: {
        ...emailCommon(recipient, this.config.appUrl, this.links.preferences(recipient)),
        meeting: this.view(meeting, recipient),
        substituteFor: namedBy?.fullName ?? '',
      },
      calendar,
    };
  }

  private async loadInvitations(keys: { meetingId: string; memberId: string }[]): Promise<(Invitation | null)[]> {
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

  view(meeting: Meeting, recipient: Member): EmailMeetingView {
    return {
      title: this.pick(meeting.title, recipient.language),
      kind: meeting.kind,
      number: meeting.number,
      startsAt: meeting.startsAt?.toISOString() ?? null,
      endsAt: meeting.endsAt?.toISOString() ?? null,
      timeZone: meeting.timeZone,
      location: locationText(meeting, recipient.language, this.config.contentLanguageFallback),
      onlineUrl: meeting.onlineUrl,
      description: meetingText(meeting, 'description', recipient.language, this.config.contentLanguageFallback),
      status: meeting.status,
      reason: meeting.statusReason,
      url: `${this.config.appUrl}/meetings/${meeting.id}`,
    };
  }

  /** The place before a change; its translations still apply where the original text did not change. */
  private previousLocation(meeting: Meeting, previous: Record<string, string | null>, recipient: Member) {
    const venue = previous.venue ?? null;
    const city = previous.city ?? null;
    const same = venue === meeting.venue && city === meeting.city;
    return locationText(
      {
        venue,
        city,
        countryCode: previous.countryCode ?? null,
        description: null,
        originalLanguage: meeting.originalLanguage,
        translations: same ? meeting.translations : {},
      },
      recipient.language,
      this.config.contentLanguageFallback,
    );
  }
}
