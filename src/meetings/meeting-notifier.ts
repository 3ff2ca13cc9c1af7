import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import type { EmailKind } from '../mail/email-kinds';
import { Member } from '../members/member.entity';
import { Notification } from '../notifications/notification.entity';
import { NotificationsService, PlannedRow } from '../notifications/notifications.service';
import { Invitation } from './invitation.entity';
import type { Meeting } from './meeting.entity';

/** Plans the emails about a meeting, one per participant, inside the caller's transaction. */
@Injectable()
export class MeetingNotifier {
  constructor(private readonly notifications: NotificationsService) {}

  async plan(manager: EntityManager, meeting: Meeting, kind: EmailKind, memberIds: string[], options: { key?: string; payload?: Record<string, unknown>; dueAt?: Date } = {}): Promise<PlannedRow[]> {
    if (memberIds.length === 0) return [];
    const members = await manager.findBy(Member, { id: In(memberIds), active: true });
    return this.notifications.plan(
      manager,
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
  async invitedParticipants(manager: EntityManager, meetingId: string): Promise<string[]> {
    const rows = await manager.find(Invitation, { where: { meetingId, invitedAt: Not(IsNull()), response: Not('declined') }, select: { memberId: true } });
    return rows.map((r) => r.memberId);
  }

  /**
   * After a change of time or place: those whose invitation already went out get an update; for the
   * others the unsent invitation is replaced by one with the new details.
   */
  async planChange(manager: EntityManager, meeting: Meeting, previous: Record<string, unknown>): Promise<PlannedRow[]> {
    await this.notifications.cancelScheduled(manager, 'meeting', meeting.id, 'the meeting changed before this was sent', ['meeting-invitation', 'meeting-update']);
    const participants = await this.invitedParticipants(manager, meeting.id);
    if (participants.length === 0) return [];
    const sent = await manager
      .createQueryBuilder(Notification, 'n')
      .select('DISTINCT n.recipient_id', 'recipient')
      .where("n.subject_type = 'meeting' AND n.subject_id = :id AND n.kind IN ('meeting-invitation', 'meeting-update') AND n.status IN ('sent', 'sending')", { id: meeting.id })
      .getRawMany<{ recipient: string }>();
    const informed = new Set(sent.map((r) => r.recipient));
    return [
      ...(await this.plan(manager, meeting, 'meeting-update', participants.filter((id) => informed.has(id)), { payload: { previous } })),
      ...(await this.plan(manager, meeting, 'meeting-invitation', participants.filter((id) => !informed.has(id)))),
    ];
  }

  /**
   * A participant withdrawn (a substitute replaced): their unsent emails about the meeting go, and if
   * an invitation already reached them they are told, with a calendar CANCEL. Keyed by their
   * participant row, so each withdrawal tells them once.
   */
  async withdraw(manager: EntityManager, meeting: Meeting, participant: Invitation): Promise<PlannedRow[]> {
    await this.notifications.cancelScheduledTo(manager, 'meeting', meeting.id, participant.memberId, 'the participant was withdrawn');
    const informed = await manager
      .createQueryBuilder(Notification, 'n')
      .where("n.subject_type = 'meeting' AND n.subject_id = :id AND n.recipient_id = :recipient", { id: meeting.id, recipient: participant.memberId })
      .andWhere("n.kind IN ('meeting-invitation', 'meeting-update') AND n.status IN ('sent', 'sending')")
      .getExists();
    if (!informed) return [];
    return this.plan(manager, meeting, 'substitute-withdrawn', [participant.memberId], { key: participant.id, payload: { substituteFor: participant.substituteForMemberId } });
  }

  cancelAll(manager: EntityManager, meetingId: string, reason: string): Promise<number> {
    return this.notifications.cancelScheduled(manager, 'meeting', meetingId, reason);
  }
}
