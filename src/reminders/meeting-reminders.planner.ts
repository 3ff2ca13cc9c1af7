import { Injectable } from '@nestjs/common';
import { DocumentDistributionService } from '../document-distribution/document-distribution.service';
import type { Meeting } from '../meetings/meeting.entity';
import { MeetingRepository } from '../meetings/meeting.repository';
import type { EmailKind } from '../mail/email-kinds';
import { NotificationsService } from '../notifications/notifications.service';
import type { PlannedNotification, PlannedRow } from '../notifications/notification.repository';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import {
  calendarDaysBetween,
  DEFAULT_MEETING_OFFSETS,
  DEFAULT_RSVP_CHASE_OFFSETS,
  reminderMoment,
} from './reminder-policy';

const KINDS: EmailKind[] = ['meeting-reminder', 'meeting-rsvp-chase'];

/** Plans the reminders before a meeting and the chases of unanswered invitations, for its current date. */
@Injectable()
export class MeetingRemindersPlanner {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly meetings: MeetingRepository,
    private readonly documents: DocumentDistributionService,
  ) {}

  async plan(unit: UnitOfWorkContext, meeting: Meeting, now = new Date()): Promise<PlannedRow[]> {
    const { manager } = unit;
    const desired: PlannedNotification[] = [];
    if (meeting.status === 'scheduled' && meeting.startsAt) {
      const body = await this.meetings.body(manager, meeting.bodyId);
      const offsets = meeting.reminderOffsets ?? body?.reminderOffsets?.meetings ?? DEFAULT_MEETING_OFFSETS;
      const participants = await this.meetings.remindedParticipants(manager, meeting.id);
      for (const invitation of participants) {
        const member = invitation.member!;
        const row = (kind: EmailKind, offset: string): PlannedNotification => {
          const dueAt = reminderMoment(meeting.startsAt!, offset, member.timeZone);
          const past = dueAt <= now;
          return {
            key: `meeting:${meeting.id}:${kind}:${member.id}:s${meeting.sequence}:${offset}`,
            kind,
            subjectType: 'meeting',
            subjectId: meeting.id,
            subjectVersion: meeting.sequence,
            recipientId: member.id,
            recipientEmail: member.email,
            dueAt,
            status: past ? 'skipped' : 'scheduled',
            lastError: past ? 'its moment had passed when the meeting was planned' : null,
            payload: { offset, daysBefore: calendarDaysBetween(dueAt, meeting.startsAt!, member.timeZone) },
          };
        };
        offsets.forEach((offset) => desired.push(row('meeting-reminder', offset)));
        if (invitation.response === 'pending')
          DEFAULT_RSVP_CHASE_OFFSETS.forEach((offset) => desired.push(row('meeting-rsvp-chase', offset)));
      }
    }
    const planned = await this.notifications.replanAfterEmailsInFlight(
      unit,
      'meeting',
      meeting.id,
      KINDS,
      desired,
      'the meeting or its participants changed',
    );
    return [...planned, ...(await this.documents.planDeadlineReminders(unit, meeting.id, now))];
  }
}
