import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EmailKind } from '../mail/email-kinds';
import { MemberRepository } from '../members/member.repository';
import { NotificationRepository } from '../notifications/notification.repository';
import type { PlannedRow } from '../notifications/notification.repository';
import { NotificationsService } from '../notifications/notifications.service';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import type { Invitation } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import type { Meeting } from './meeting.entity';

/** Plans the emails about a meeting, one per participant, inside the caller's transaction. */
@Injectable()
export class MeetingNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly repository: NotificationRepository,
    private readonly members: MemberRepository,
    private readonly invitations: InvitationRepository,
  ) {}

  async plan(
    unit: UnitOfWorkContext,
    meeting: Meeting,
    kind: EmailKind,
    memberIds: string[],
    options: { key?: string; payload?: Record<string, unknown>; dueAt?: Date } = {},
  ): Promise<PlannedRow[]> {
    if (memberIds.length === 0) return [];
    const members = await this.members.activeByIds(unit.manager, memberIds);
    return this.notifications.plan(
      unit,
      members.map((member) => ({
        key: `meeting:${meeting.id}:${kind}:${member.id}:${options.key ?? `s${meeting.sequence}`}`,
        kind,
        subjectType: 'meeting',
        subjectId: meeting.id,
        subjectVersion: meeting.sequence,
        recipientId: member.id,
        recipientEmail: member.email,
        dueAt: options.dueAt ?? new Date(),
        payload: options.payload ?? {},
      })),
    );
  }

  /** Participants who were sent the invitation (or a save-the-date) and have not declined. */
  invitedParticipants(manager: EntityManager, meetingId: string): Promise<string[]> {
    return this.invitations.invitedNotDeclined(manager, meetingId);
  }

  /** After a change of time or place: those whose invitation already went out get an update. */
  async planChange(
    unit: UnitOfWorkContext,
    meeting: Meeting,
    previous: Record<string, unknown>,
  ): Promise<PlannedRow[]> {
    const { manager } = unit;
    await this.notifications.cancelScheduled(
      manager,
      'meeting',
      meeting.id,
      'the meeting changed before this was sent',
      ['meeting-invitation', 'meeting-update'],
    );
    const participants = await this.invitedParticipants(manager, meeting.id);
    if (participants.length === 0) return [];
    const informed = new Set(await this.repository.meetingInformedRecipients(manager, meeting.id));
    return [
      ...(await this.plan(
        unit,
        meeting,
        'meeting-update',
        participants.filter((id) => informed.has(id)),
        { payload: { previous } },
      )),
      ...(await this.plan(
        unit,
        meeting,
        'meeting-invitation',
        participants.filter((id) => !informed.has(id)),
      )),
    ];
  }

  /** A participant withdrawn (a substitute replaced). */
  async withdraw(unit: UnitOfWorkContext, meeting: Meeting, participant: Invitation): Promise<PlannedRow[]> {
    await this.notifications.cancelScheduledTo(
      unit.manager,
      'meeting',
      meeting.id,
      participant.memberId,
      'the participant was withdrawn',
    );
    if (!(await this.repository.meetingInformed(unit.manager, meeting.id, participant.memberId))) return [];
    return this.plan(unit, meeting, 'substitute-withdrawn', [participant.memberId], {
      key: participant.id,
      payload: { substituteFor: participant.substituteForMemberId },
    });
  }

  cancelAll(manager: EntityManager, meetingId: string, reason: string): Promise<number> {
    return this.notifications.cancelScheduled(manager, 'meeting', meetingId, reason);
  }
}
