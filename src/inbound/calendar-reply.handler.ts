import { Injectable } from '@nestjs/common';
import { HttpException } from '@nestjs/common';
import { requestContext } from '../common/request-context';
import { InvitationsService } from '../meetings/invitations.service';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import type { InboundMail, InboundOutcome } from './inbound-mail';
import { InboundRecordsRepository } from './inbound-records.repository';

const ANSWERS: Record<string, 'accepted' | 'declined' | 'tentative'> = {
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'tentative',
};

/** Our UIDs: `meeting-<id>@<domain>` (MeetingCalendarService.toCalendarMeeting). */
const MEETING_UID = /^meeting-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@/i;

export interface CalendarReply {
  uid: string;
  sequence: number;
  attendees: { email: string; partstat: string; delegatedTo: string | null }[];
}

/** The first VEVENT of a METHOD:REPLY, read with ical.js; null when there is none to read. */
export async function readCalendarReply(content: string): Promise<CalendarReply | null> {
  const { default: ICAL } = await import('ical.js');
  let calendar;
  try {
    calendar = new ICAL.Component(ICAL.parse(content) as unknown[]);
  } catch {
    return null;
  }
  if (String(calendar.getFirstPropertyValue('method') ?? '').toUpperCase() !== 'REPLY') return null;
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) return null;
  const mailto = (value: unknown) =>
    (typeof value === 'string' ? value : '')
      .replace(/^mailto:/i, '')
      .trim()
      .toLowerCase();
  return {
    uid: String(event.getFirstPropertyValue('uid') ?? ''),
    sequence: Number(event.getFirstPropertyValue('sequence') ?? 0),
    attendees: event.getAllProperties('attendee').map((attendee) => ({
      email: mailto(attendee.getFirstValue()),
      partstat: String(attendee.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase(),
      delegatedTo: attendee.getParameter('delegated-to') ? mailto(attendee.getParameter('delegated-to')) : null,
    })),
  };
}

function refusal(error: HttpException): string {
  const body = error.getResponse() as { message?: string | { field?: string; message?: string }[] };
  const message = body.message ?? error.message;
  return Array.isArray(message) ? message.map((m) => `${m.field ?? ''}: ${m.message ?? ''}`).join('; ') : message;
}

/**
 * A calendar client's answer to our invitation: applied as the member's own click would be, only when the
 * sender and the ATTENDEE are the member and the reply answers the meeting's current version.
 */
@Injectable()
export class CalendarReplyHandler {
  constructor(
    private readonly records: InboundRecordsRepository,
    private readonly invitations: InvitationsService,
  ) {}

  async receive(mail: InboundMail, unit: UnitOfWorkContext): Promise<InboundOutcome> {
    const part = mail.calendarParts.find((p) => p.method === 'REPLY') ?? mail.calendarParts[0];
    const reply = part ? await readCalendarReply(part.content) : null;
    const kept = (reason: string, found: Partial<InboundOutcome> = {}, details: Record<string, unknown> = {}) => ({
      kind: 'calendar_reply' as const,
      status: 'inbox' as const,
      ...found,
      details: { reason, ...details },
    });
    if (!reply) return kept('unreadable_calendar');
    const facts = { uid: reply.uid, sequence: reply.sequence, attendees: reply.attendees };
    const meetingId = MEETING_UID.exec(reply.uid)?.[1] ?? null;
    const meeting = meetingId ? await this.records.meeting(unit.manager, meetingId) : null;
    if (!meeting) return kept('unknown_meeting', {}, facts);
    const sender = mail.from?.address ?? '';
    const member = sender ? await this.records.memberByEmail(unit.manager, sender) : null;
    if (!member) return kept('unknown_sender', { meetingId: meeting.id }, facts);
    const found = { meetingId: meeting.id, memberId: member.id };
    // Nothing from outside changes data unless the sender, the ATTENDEE and the member are one address.
    const attendee = reply.attendees.find((a) => a.email === member.email.toLowerCase());
    if (!attendee || sender !== member.email.toLowerCase()) return kept('sender_not_attendee', found, facts);
    const details = { ...facts, partstat: attendee.partstat };
    if (reply.sequence < meeting.sequence)
      return {
        kind: 'calendar_reply',
        status: 'flagged',
        ...found,
        details: { reason: 'older_sequence', currentSequence: meeting.sequence, ...details },
      };
    const response = ANSWERS[attendee.partstat];
    if (!response) return kept(attendee.partstat === 'DELEGATED' ? 'delegated' : 'no_answer', found, details);
    const previous = requestContext.actor();
    requestContext.actAs({
      kind: 'member',
      id: member.id,
      memberId: member.id,
      name: `${member.fullName} (by calendar reply)`,
      role: 'member',
    });
    try {
      // A savepoint: a refused answer leaves the record untouched but the message recorded.
      await unit.manager.transaction((manager) =>
        this.invitations.respondIn(
          { manager, outbox: unit.outbox },
          meeting.id,
          member.id,
          { response },
          'calendar',
          member.language,
        ),
      );
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      return {
        kind: 'calendar_reply',
        status: 'flagged',
        ...found,
        details: { reason: 'refused', refusal: refusal(error), ...details },
      };
    } finally {
      requestContext.actAs(previous);
    }
    return { kind: 'calendar_reply', status: 'applied', ...found, details: { ...details, response } };
  }
}
