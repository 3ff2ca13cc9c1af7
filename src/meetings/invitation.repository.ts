import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { Invitation } from './invitation.entity';

export interface ParticipantRow extends Pick<
  Invitation,
  | 'memberId'
  | 'response'
  | 'delegateMemberId'
  | 'respondedAt'
  | 'respondedVia'
  | 'responseNote'
  | 'invitedAt'
  | 'attended'
> {
  fullName: string;
  email: string;
  countryCode: string;
  delegateName: string | null;
}

export interface PollParticipantRow {
  memberId: string;
  fullName: string;
  countryCode: string;
}

@Injectable()
export class InvitationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Each participant with their member's name and the substitute's: only the columns the lists show. */
  participantsOf(meetingId: string): Promise<ParticipantRow[]> {
    return this.dataSource.query(
      `SELECT i.member_id AS "memberId", m.full_name AS "fullName", m.email, m.country_code AS "countryCode",
              i.response, i.delegate_member_id AS "delegateMemberId", d.full_name AS "delegateName",
              i.responded_at AS "respondedAt", i.responded_via AS "respondedVia", i.response_note AS "responseNote",
              i.invited_at AS "invitedAt", i.attended
         FROM invitation i
         JOIN member m ON m.id = i.member_id
         LEFT JOIN member d ON d.id = i.delegate_member_id
        WHERE i.meeting_id = $1`,
      [meetingId],
    );
  }

  /** Who answers the date poll: the participants' names and countries. */
  pollParticipants(manager: EntityManager, meetingId: string): Promise<PollParticipantRow[]> {
    return manager.query(
      `SELECT i.member_id AS "memberId", m.full_name AS "fullName", m.country_code AS "countryCode"
         FROM invitation i JOIN member m ON m.id = i.member_id
        WHERE i.meeting_id = $1`,
      [meetingId],
    );
  }

  ofMember(memberId: string): Promise<Invitation[]> {
    return this.dataSource.manager.find(Invitation, { where: { memberId } });
  }

  answers(manager: EntityManager, meetingId: string): Promise<Invitation[]> {
    return manager.find(Invitation, {
      where: { meetingId },
      select: { memberId: true, invitedAt: true, attended: true, response: true },
    });
  }

  all(manager: EntityManager, meetingId: string): Promise<Invitation[]> {
    return manager.find(Invitation, { where: { meetingId } });
  }

  ofMembers(manager: EntityManager, meetingId: string, memberIds: string[]): Promise<Invitation[]> {
    return manager.findBy(Invitation, { meetingId, memberId: In(memberIds) });
  }

  /** Participants who were sent the invitation (or a save-the-date) and have not declined. */
  async invitedNotDeclined(manager: EntityManager, meetingId: string): Promise<string[]> {
    const rows = await manager.find(Invitation, {
      where: { meetingId, invitedAt: Not(IsNull()), response: Not('declined') },
      select: { memberId: true },
    });
    return rows.map((r) => r.memberId);
  }

  exists(manager: EntityManager, meetingId: string, memberId: string): Promise<boolean> {
    return manager.existsBy(Invitation, { meetingId, memberId });
  }

  lock(manager: EntityManager, meetingId: string, memberId: string): Promise<Invitation | null> {
    return manager.findOne(Invitation, { where: { meetingId, memberId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Adds rows for the members not yet participants; returns every given member's row. */
  async ensure(manager: EntityManager, meetingId: string, memberIds: string[]): Promise<Invitation[]> {
    if (memberIds.length === 0) return [];
    await manager
      .createQueryBuilder()
      .insert()
      .into(Invitation)
      .values(memberIds.map((memberId) => ({ meetingId, memberId })))
      .orIgnore()
      .execute();
    return this.ofMembers(manager, meetingId, memberIds);
  }

  async markInvited(manager: EntityManager, meetingId: string, memberIds: string[]): Promise<void> {
    if (memberIds.length)
      await manager.update(Invitation, { meetingId, memberId: In(memberIds) }, { invitedAt: new Date() });
  }

  async markInvitedById(manager: EntityManager, id: string): Promise<void> {
    await manager.update(Invitation, { id }, { invitedAt: new Date() });
  }

  async setSubstituteFor(manager: EntityManager, id: string, memberId: string): Promise<void> {
    await manager.update(Invitation, { id }, { substituteForMemberId: memberId });
  }

  save(manager: EntityManager, invitation: Invitation): Promise<Invitation> {
    return manager.save(invitation);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(Invitation, { id });
  }

  substituteRow(
    manager: EntityManager,
    meetingId: string,
    substituteId: string,
    memberId: string,
  ): Promise<Invitation | null> {
    return manager.findOneBy(Invitation, { meetingId, memberId: substituteId, substituteForMemberId: memberId });
  }

  isNamedSubstitute(manager: EntityManager, meetingId: string, substituteId: string): Promise<boolean> {
    return manager.existsBy(Invitation, { meetingId, response: 'delegated', delegateMemberId: substituteId });
  }

  /** Who hears that the meeting ends: not those who declined; before invitations, those asked in the poll. */
  async toldOfEnd(manager: EntityManager, meetingId: string, pollOpened: boolean): Promise<string[]> {
    const rows: { member_id: string }[] = await manager.query(
      `SELECT member_id FROM invitation WHERE meeting_id = $1 AND response <> 'declined' AND (invited_at IS NOT NULL OR $2)`,
      [meetingId, pollOpened],
    );
    return rows.map((r) => r.member_id);
  }

  /** Seconds until one more substitute change is allowed (null when it is), read from the audit log. */
  async substituteChangeWait(manager: EntityManager, invitationId: string, allowed: number): Promise<number | null> {
    const rows: { wait: number }[] = await manager.query(
      `SELECT greatest(1, ceil(extract(epoch FROM (at + interval '1 day' - now()))))::int AS wait FROM (
         SELECT at FROM audit_entry
         WHERE entity = 'invitation' AND entity_id = $1::text AND at > now() - interval '1 day'
           AND after->>'delegateMemberId' IS NOT NULL AND after->>'delegateMemberId' IS DISTINCT FROM before->>'delegateMemberId'
         UNION ALL
         SELECT created_at FROM substitute_proposal
         WHERE invitation_id = $1::uuid AND status <> 'approved' AND created_at > now() - interval '1 day'
       ) changes ORDER BY at DESC OFFSET $2 LIMIT 1`,
      [invitationId, allowed - 1],
    );
    return rows.length ? rows[0].wait : null;
  }
}
