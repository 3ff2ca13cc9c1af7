import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import { CENTRAL_ASIA } from '../common/validation/country-codes';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { MemberRepository } from '../members/member.repository';
import { UnitOfWork } from '../notifications/unit-of-work';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import { MeetingRemindersPlanner } from '../reminders/meeting-reminders.planner';
import { AttendanceDto, InviteDto, RecordResponseDto } from './dto/invitation.dto';
import type { MeetingDateAnswer, PollAnswer } from './date-option.entity';
import type { Invitation } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import type { ParticipantRow } from './invitation.repository';
import { MeetingNotifier } from './meeting-notifier';
import type { Meeting } from './meeting.entity';
import { MeetingParticipants } from './meeting-participants';
import { assertStarted } from './meeting-started';
import { MeetingsService } from './meetings.service';
import { checkSubstitute } from './substitute-offer';
import type { SubstituteChooser, SubstituteRefusal } from './substitute-offer';

export interface InvitationView {
  memberId: string;
  fullName: string;
  email: string;
  countryCode: string;
  response: Invitation['response'];
  delegateMemberId: string | null;
  delegate: { id: string; fullName: string } | null;
  respondedAt: string | null;
  respondedVia: Invitation['respondedVia'];
  note: string | null;
  invitedAt: string | null;
  attended: boolean | null;
}

export type ParticipantView = Omit<InvitationView, 'email'> & { email?: string };

/** How often one invitation's substitute may change within 24 hours. */
export const SUBSTITUTE_CHANGES_PER_DAY = 5;

/** A substitute not offered, in the reader's language; the secretariat is offered every active member. */
function substituteRefusal(
  reason: SubstituteRefusal,
  chooser: SubstituteChooser,
  substituteId: string,
  language: Language,
): ApiError {
  if (reason === 'self')
    return ApiError.field(HttpStatus.BAD_REQUEST, 'delegateMemberId', t('substitute.self', language));
  const message =
    chooser === 'member' ? t('substitute.not_offered', language) : `no active member has the id ${substituteId}`;
  return ApiError.field(HttpStatus.BAD_REQUEST, 'delegateMemberId', message);
}

/** Attending is a question about a date: without one, the date poll is where members answer. */
export function assertDated(meeting: Meeting, language: Language): void {
  if (meeting.startsAt === null)
    throw ApiError.field(HttpStatus.CONFLICT, 'response', t('meeting.answer.noDate', language));
}

const toView = (i: ParticipantRow): InvitationView => ({
  memberId: i.memberId,
  fullName: i.fullName,
  email: i.email,
  countryCode: i.countryCode,
  response: i.response,
  delegateMemberId: i.delegateMemberId,
  delegate: i.delegateMemberId && i.delegateName !== null ? { id: i.delegateMemberId, fullName: i.delegateName } : null,
  respondedAt: i.respondedAt?.toISOString() ?? null,
  respondedVia: i.respondedVia,
  note: i.responseNote,
  invitedAt: i.invitedAt?.toISOString() ?? null,
  attended: i.attended,
});

@Injectable()
export class InvitationsService {
  constructor(
    private readonly members: MemberRepository,
    private readonly meetings: MeetingsService,
    private readonly participants: MeetingParticipants,
    private readonly notifier: MeetingNotifier,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly reminders: MeetingRemindersPlanner,
    private readonly access: AccessPolicy,
    private readonly invitations: InvitationRepository,
  ) {}

  async invite(
    meetingId: string,
    dto: InviteDto,
  ): Promise<{ invited: number; alreadyInvited: number; participants: InvitationView[] }> {
    const counts = await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const meeting = await this.meetings.load(manager, meetingId, true);
      if (meeting.status === 'cancelled' || meeting.status === 'held')
        throw ApiError.conflict(`The meeting is ${meeting.status}; nobody can be invited`);
      const memberIds = await this.participants.resolve(manager, meeting, dto);
      const rows = await this.participants.ensure(manager, meetingId, memberIds);
      // Recording who took part in a meeting already over emails nobody.
      const over = (meeting.endsAt ?? meeting.startsAt ?? new Date(8.64e15)).getTime() < Date.now();
      const sendNow =
        !over && (meeting.status === 'scheduled' || (meeting.status === 'tentative' && meeting.startsAt !== null));
      const fresh = rows.filter((r) => r.invitedAt === null).map((r) => r.memberId);
      const invited = sendNow ? fresh.length : 0;
      if (sendNow && fresh.length) {
        await this.invitations.markInvited(manager, meetingId, fresh);
        await this.notifier.plan(unit, meeting, 'meeting-invitation', fresh);
      }
      await this.reminders.plan(unit, meeting);
      await this.audit.record(manager, 'update', 'meeting', meetingId, null, {
        participantsAdded: memberIds.length,
        invited,
      });
      return { invited, alreadyInvited: rows.length - fresh.length };
    });
    return { ...counts, participants: await this.participantsOf(meetingId) };
  }

  async list(meetingId: string): Promise<ParticipantView[]> {
    await this.access.assertMeetingVisible(meetingId);
    const participants = await this.participantsOf(meetingId);
    const me = this.access.member();
    return me === null
      ? participants
      : participants.map(({ email, ...p }) => (p.memberId === me ? { ...p, email } : p));
  }

  private async participantsOf(meetingId: string): Promise<InvitationView[]> {
    await this.unitOfWork.runStatements(({ manager }) => this.meetings.load(manager, meetingId));
    const rows = await this.invitations.participantsOf(meetingId);
    return rows
      .map(toView)
      .sort((a, b) => a.countryCode.localeCompare(b.countryCode) || a.fullName.localeCompare(b.fullName));
  }

  async respond(
    meetingId: string,
    memberId: string,
    dto: RecordResponseDto,
    via: 'member' | 'secretariat' | 'email' | 'email_reply',
    language: Language = 'en',
  ): Promise<InvitationView> {
    this.access.assertSelf(memberId);
    await this.unitOfWork.run((unit) => this.respondIn(unit, meetingId, memberId, dto, via, language));
    return (await this.participantsOf(meetingId)).find((i) => i.memberId === memberId)!;
  }

  /**
   * The same answer with the same checks, inside the caller's unit of work: a calendar reply read from the
   * mailbox is recorded with its message, or not at all.
   */
  async respondIn(
    unit: UnitOfWorkContext,
    meetingId: string,
    memberId: string,
    dto: RecordResponseDto,
    via: 'member' | 'secretariat' | 'email' | 'email_reply' | 'calendar',
    language: Language = 'en',
  ): Promise<void> {
    const { manager } = unit;
    const meeting = await this.meetings.load(manager, meetingId);
    if (meeting.status === 'cancelled') throw ApiError.conflict('The meeting was cancelled; answers are closed');
    if (meeting.status === 'held') throw ApiError.conflict('The meeting has been held; record attendance instead');
    assertDated(meeting, language);
    const invitation = await this.invitations.lock(manager, meetingId, memberId);
    if (!invitation) {
      if (!(await this.members.exists(manager, memberId))) throw ApiError.notFound('Member', memberId);
      throw ApiError.conflict('This member is not invited to the meeting', 'memberId');
    }
    if (dto.response === 'delegated') {
      if (!dto.delegateMemberId)
        throw ApiError.field(
          HttpStatus.BAD_REQUEST,
          'delegateMemberId',
          'a delegated answer names the member who comes instead',
        );
      // The substitute already named stays allowed: a guest the secretariat approved is on no member's offer.
      if (dto.delegateMemberId !== invitation.delegateMemberId) {
        const chooser: SubstituteChooser = via === 'secretariat' ? 'secretariat' : 'member';
        const member = await this.members.findByIdOrFail(manager, memberId);
        const check = await checkSubstitute(this.members, manager, member, chooser, dto.delegateMemberId);
        if (check.kind === 'refused') throw substituteRefusal(check.reason, chooser, dto.delegateMemberId, language);
      }
    } else if (dto.delegateMemberId) {
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'delegateMemberId', 'only a delegated answer names a substitute');
    }
    const same = invitation.response === dto.response && invitation.delegateMemberId === (dto.delegateMemberId ?? null);
    if (same && (dto.note ?? null) === invitation.responseNote) return;
    if (dto.response === 'delegated' && dto.delegateMemberId !== invitation.delegateMemberId)
      await this.assertSubstituteChangeAllowed(manager, invitation.id, language);
    await this.record(unit, meeting, invitation, {
      response: dto.response,
      delegateMemberId: dto.delegateMemberId ?? null,
      respondedVia: via,
      responseNote: dto.note ?? null,
    });
  }

  respondAsActor(
    meetingId: string,
    memberId: string,
    dto: RecordResponseDto,
    language: Language,
  ): Promise<InvitationView> {
    return this.respond(meetingId, memberId, dto, this.access.member() === null ? 'secretariat' : 'member', language);
  }

  /** Inside the caller's unit of work, with the invitation locked by the caller. */
  async delegateTo(unit: UnitOfWorkContext, meeting: Meeting, invitation: Invitation, substituteId: string) {
    if (invitation.response === 'delegated' && invitation.delegateMemberId === substituteId) return;
    await this.record(unit, meeting, invitation, {
      response: 'delegated',
      delegateMemberId: substituteId,
      respondedVia: 'member',
      responseNote: invitation.responseNote,
    });
  }

  /**
   * Once a dateless meeting gets its date, answers given before it are void: each participant starts from
   * their poll answer for that date (`answers` by member), or from no answer. Inside the caller's unit of work.
   */
  async answersForNewDate(unit: UnitOfWorkContext, meeting: Meeting, answers: Map<string, MeetingDateAnswer>) {
    const fromPoll: Record<PollAnswer, Invitation['response']> = {
      yes: 'accepted',
      if_need_be: 'tentative',
      no: 'declined',
    };
    const rows = (substitutes: boolean) =>
      this.invitations
        .all(unit.manager, meeting.id)
        .then((all) => all.filter((i) => (i.substituteForMemberId !== null) === substitutes));
    // Substitutes last: voiding a delegated answer withdraws its substitute's row.
    for (const substitutes of [false, true])
      for (const invitation of await rows(substitutes)) {
        const poll = answers.get(invitation.memberId);
        if (!poll && invitation.response === 'pending' && invitation.respondedAt === null) continue;
        await this.record(
          unit,
          meeting,
          invitation,
          poll
            ? { response: fromPoll[poll.answer], delegateMemberId: null, respondedVia: 'poll', responseNote: null }
            : { response: 'pending', delegateMemberId: null, respondedVia: null, responseNote: null },
          poll?.answeredAt ?? null,
          false,
        );
      }
  }

  private async record(
    unit: UnitOfWorkContext,
    meeting: Meeting,
    invitation: Invitation,
    change: Pick<Invitation, 'response' | 'delegateMemberId' | 'respondedVia' | 'responseNote'>,
    respondedAt: Date | null = new Date(),
    planReminders = true,
  ): Promise<void> {
    const { manager } = unit;
    const before = { ...invitation };
    const previousSubstitute = invitation.response === 'delegated' ? invitation.delegateMemberId : null;
    Object.assign(invitation, { ...change, respondedAt });
    await this.invitations.save(manager, invitation);
    await this.audit.record(manager, 'update', 'invitation', invitation.id, before, invitation);
    if (previousSubstitute && previousSubstitute !== invitation.delegateMemberId)
      await this.withdrawSubstitute(unit, meeting, invitation.memberId, previousSubstitute);
    if (invitation.response === 'delegated')
      await this.inviteSubstitute(unit, meeting, invitation.memberId, invitation.delegateMemberId!);
    if (planReminders) await this.reminders.plan(unit, meeting);
  }

  /** Each change of substitute emails someone, so it is limited, counted under the invitation's lock. */
  async assertSubstituteChangeAllowed(
    manager: EntityManager,
    invitationId: string,
    language: Language,
    field = 'delegateMemberId',
  ): Promise<void> {
    const wait = await this.invitations.substituteChangeWait(manager, invitationId, SUBSTITUTE_CHANGES_PER_DAY);
    if (wait === null) return;
    throw ApiError.tooManyRequests(
      field,
      t('substitute.too_often', language, {
        limit: SUBSTITUTE_CHANGES_PER_DAY,
        hours: Math.ceil(wait / 3600),
      }),
      wait,
    );
  }

  private async inviteSubstitute(
    unit: UnitOfWorkContext,
    meeting: Meeting,
    memberId: string,
    delegateId: string,
  ): Promise<void> {
    const { manager } = unit;
    const fresh = !(await this.invitations.exists(manager, meeting.id, delegateId));
    const [row] = await this.invitations.ensure(manager, meeting.id, [delegateId]);
    if (fresh) {
      row.substituteForMemberId = memberId;
      await this.invitations.setSubstituteFor(manager, row.id, memberId);
      await this.audit.record(manager, 'create', 'invitation', row.id, null, row);
    }
    if (
      row.invitedAt !== null ||
      meeting.startsAt === null ||
      (meeting.status !== 'scheduled' && meeting.status !== 'tentative')
    )
      return;
    await this.invitations.markInvitedById(manager, row.id);
    // Keyed by the participant row: someone withdrawn and named again is invited again.
    await this.notifier.plan(unit, meeting, 'meeting-invitation', [delegateId], {
      key: `s${meeting.sequence}:${row.id}`,
    });
  }

  private async withdrawSubstitute(
    unit: UnitOfWorkContext,
    meeting: Meeting,
    memberId: string,
    substituteId: string,
  ): Promise<void> {
    const { manager } = unit;
    const row = await this.invitations.substituteRow(manager, meeting.id, substituteId, memberId);
    if (!row) return;
    if (await this.invitations.isNamedSubstitute(manager, meeting.id, substituteId)) return;
    await this.invitations.remove(manager, row.id);
    await this.audit.record(manager, 'delete', 'invitation', row.id, row, null);
    await this.notifier.withdraw(unit, meeting, row);
  }

  async recordAttendance(meetingId: string, dto: AttendanceDto, language: Language = 'en'): Promise<InvitationView[]> {
    await this.unitOfWork.run(async ({ manager }) => {
      const meeting = await this.meetings.load(manager, meetingId, true);
      if (meeting.status !== 'scheduled' && meeting.status !== 'held') {
        throw ApiError.conflict(
          `Attendance is recorded for a scheduled or held meeting; this one is ${meeting.status}`,
        );
      }
      assertStarted(meeting, 'attendance', language);
      const ids = dto.records.map((r) => r.memberId);
      const invitations = await this.invitations.ofMembers(manager, meetingId, ids);
      const unknown = ids.filter((id) => !invitations.some((i) => i.memberId === id));
      if (unknown.length)
        throw ApiError.field(HttpStatus.CONFLICT, 'records', `not participants of this meeting: ${unknown.join(', ')}`);
      for (const record of dto.records) {
        const invitation = invitations.find((i) => i.memberId === record.memberId)!;
        if (invitation.attended === record.attended) continue;
        const before = { ...invitation };
        invitation.attended = record.attended;
        await this.invitations.save(manager, invitation);
        await this.audit.record(manager, 'update', 'invitation', invitation.id, before, invitation);
      }
    });
    return this.participantsOf(meetingId);
  }

  async representation(meetingId: string) {
    await this.access.assertMeetingVisible(meetingId);
    return representationOf(meetingId, await this.participantsOf(meetingId));
  }
}

/** Who is coming from each country, and the Central Asian countries with nobody coming. */
export function representationOf(
  meetingId: string,
  rows: Pick<InvitationView, 'countryCode' | 'response' | 'invitedAt' | 'attended'>[],
) {
  const countries = [...new Set([...CENTRAL_ASIA, ...rows.map((r) => r.countryCode)])].sort();
  const coming = (r: (typeof rows)[number]) => r.response === 'accepted' || r.response === 'delegated';
  const byCountry = countries.map((countryCode) => {
    const people = rows.filter((r) => r.countryCode === countryCode);
    return {
      countryCode,
      centralAsia: (CENTRAL_ASIA as readonly string[]).includes(countryCode),
      invited: people.filter((r) => r.invitedAt !== null).length,
      accepted: people.filter(coming).length,
      declined: people.filter((r) => r.response === 'declined').length,
      pending: people.filter((r) => r.response === 'pending').length,
      tentative: people.filter((r) => r.response === 'tentative').length,
      attended: people.filter((r) => r.attended === true).length,
    };
  });
  const flags = byCountry
    .filter((c) => c.centralAsia && c.accepted === 0)
    .map((c) => ({
      countryCode: c.countryCode,
      flag: c.invited === 0 ? 'nobody_invited' : 'nobody_accepted',
      reason: nobodyComingReason(c),
    }));
  return { meetingId, byCountry, flags };
}

/** Why a country has nobody coming, in the order the secretariat acts on it. */
function nobodyComingReason(c: {
  invited: number;
  pending: number;
  tentative: number;
}): 'nobody_invited' | 'pending' | 'tentative' | 'declined' {
  if (c.invited === 0) return 'nobody_invited';
  if (c.pending > 0) return 'pending';
  return c.tentative > 0 ? 'tentative' : 'declined';
}
