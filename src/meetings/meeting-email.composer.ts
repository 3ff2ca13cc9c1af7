import { emailCommon } from '../mail/email-kinds';
import { Inject, Injectable } from '@nestjs/common';
import { ActionLinks } from '../actions/action-links';
import { MicroBatch } from '../common/batching/micro-batch';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { MeetingView as EmailMeetingView } from '../mail/email-kinds';
import type { Member } from '../members/member.entity';
import { ComposesNotifications } from '../notifications/notification-composer';
import type { Composition, NotificationComposer } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';
import type { Invitation } from './invitation.entity';
import type { Meeting } from './meeting.entity';
import { MeetingCalendarService } from './meeting-calendar.service';
import { locationText, meetingText } from './meeting.view';
import { decisionLabel } from './minutes.service';
import { MeetingEmailRepository } from './meeting-email.repository';
import { ContentTexts } from '../common/i18n/content-texts';

const skip = (reason: string): Composition => ({ send: false, reason });

/** Composes every email about a meeting, after checking it is still true for this reader. */
@Injectable()
@ComposesNotifications('meeting')
export class MeetingEmailComposer implements NotificationComposer {
  /** The two things every meeting email checks. */
  private readonly invitations = new MicroBatch((keys: { meetingId: string; memberId: string }[]) =>
    this.records.invitationsWithMeetings(keys),
  );

  constructor(
    private readonly texts: ContentTexts,
    private readonly records: MeetingEmailRepository,
    private readonly calendar: MeetingCalendarService,
    private readonly links: ActionLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(notification: Notification, recipient: Member): Promise<Composition> {
    const invitation = await this.invitations.call({ meetingId: notification.subjectId!, memberId: recipient.id });
    if (notification.kind === 'substitute-withdrawn') return this.withdrawal(notification, recipient, invitation);
    if (!invitation) {
      const exists = await this.records.meetingExists(notification.subjectId!);
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
        const options = await this.records.options(meeting.id);
        const poll = {
          closesAt: meeting.pollClosesAt?.toISOString() ?? null,
          url: `${this.config.appUrl}/meetings/${meeting.id}/poll`,
        };
        if (notification.kind === 'poll-chase') {
          const answered = options.length
            ? await this.records.countAnswersOf(
                recipient.id,
                options.map((o) => o.id),
              )
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
        // A "no" from the poll still gets the invitation: it says what they answered about this date.
        const fromPoll = invitation.respondedVia === 'poll';
        if (invitation.response === 'declined' && !(fromPoll && notification.kind === 'meeting-invitation'))
          return skip('the recipient declined');
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
            data: {
              ...common,
              response: invitation.response,
              fromPoll,
              links: answerLinks(),
              letterUrl: meeting.status === 'scheduled' ? this.links.letter(recipient, meeting.id, meetingEnds) : null,
            },
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
        const minutes = await this.records.minutes(meeting.id);
        if (minutes?.status !== 'approved') return skip('the minutes are not approved');
        const decisions = await this.records.decisions(meeting.id);
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

  /** Told only while they are still not a participant and the meeting still takes place. */
  private async withdrawal(
    notification: Notification,
    recipient: Member,
    invitation: Invitation | null,
  ): Promise<Composition> {
    if (invitation) return skip('the recipient is a participant again');
    const meeting = await this.records.meeting(notification.subjectId!);
    if (!meeting) return skip('the meeting no longer exists');
    if (meeting.status !== 'scheduled' && meeting.status !== 'tentative')
      return skip(`the meeting is ${meeting.status}`);
    const namedBy =
      typeof notification.payload.substituteFor === 'string'
        ? await this.records.member(notification.payload.substituteFor)
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

  view(meeting: Meeting, recipient: Member): EmailMeetingView {
    return {
      title: this.texts.pick(meeting.title, recipient.language),
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
