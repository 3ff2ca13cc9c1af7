import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import { todayIn } from '../common/time/dates';
import type { Member } from '../members/member.entity';
import { MemberRepository } from '../members/member.repository';
import type { EmailKind } from '../mail/email-kinds';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitOfWork } from '../notifications/unit-of-work';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import type { ProposeSubstituteDto, RefuseProposalDto } from './dto/substitute-proposal.dto';
import type { Invitation } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { assertDated, InvitationsService } from './invitations.service';
import type { Meeting } from './meeting.entity';
import { MeetingsService } from './meetings.service';
import { checkSubstitute } from './substitute-offer';
import type { ProposalStatus, SubstituteProposal } from './substitute-proposal.entity';
import { SubstituteProposalRepository } from './substitute-proposal.repository';

export interface ProposalView {
  id: string;
  meetingId: string;
  proposer: { id: string; fullName: string; countryCode: string };
  fullName: string;
  email: string;
  organization: string;
  position: string | null;
  language: Language;
  status: ProposalStatus;
  createdAt: string;
  decidedAt: string | null;
  refusalReason: string | null;
  guestMemberId: string | null;
}

const toView = (p: SubstituteProposal): ProposalView => ({
  id: p.id,
  meetingId: p.meetingId,
  proposer: { id: p.proposer!.id, fullName: p.proposer!.fullName, countryCode: p.proposer!.countryCode },
  fullName: p.fullName,
  email: p.email,
  organization: p.organization,
  position: p.position,
  language: p.language,
  status: p.status,
  createdAt: p.createdAt.toISOString(),
  decidedAt: p.decidedAt?.toISOString() ?? null,
  refusalReason: p.refusalReason,
  guestMemberId: p.guestMemberId,
});

/** A substitute from outside the directory: a member proposes, the secretariat approves or refuses. */
@Injectable()
export class SubstituteProposalsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly meetings: MeetingsService,
    private readonly invitations: InvitationsService,
    private readonly invitationRows: InvitationRepository,
    private readonly proposals: SubstituteProposalRepository,
    private readonly members: MemberRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  async propose(
    meetingId: string,
    memberId: string,
    dto: ProposeSubstituteDto,
    language: Language,
  ): Promise<ProposalView> {
    this.access.assertSelf(memberId, 'propose a substitute');
    const id = await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const meeting = await this.meetings.load(manager, meetingId);
      this.assertOpen(meeting, language);
      const invitation = await this.lockInvitation(manager, meetingId, memberId);
      const proposer = (await this.proposals.member(manager, memberId))!;
      await this.assertNotInDirectory(manager, proposer, dto.email, language);
      if (await this.proposals.hasPending(manager, invitation.id))
        throw ApiError.field(HttpStatus.CONFLICT, 'email', t('sp.pending', language));
      await this.invitations.assertSubstituteChangeAllowed(manager, invitation.id, language, 'email');
      const proposal = await this.proposals.insert(manager, {
        meetingId,
        invitationId: invitation.id,
        proposerId: memberId,
        fullName: dto.fullName,
        email: dto.email,
        organization: dto.organization,
        position: dto.position ?? null,
        language: dto.language,
      });
      await this.audit.record(manager, 'create', 'substitute_proposal', proposal.id, null, proposal);
      const secretariat = await this.members.activeSecretariatOn(todayIn('UTC'));
      await this.notifications.plan(
        unit,
        secretariat.map((r) => this.email(proposal, 'substitute-proposal-received', r)),
      );
      return proposal.id;
    });
    return this.one(meetingId, id);
  }

  /** On approval the person becomes a guest member (or the guest they already are) and the proposer's substitute. */
  async approve(meetingId: string, proposalId: string, language: Language): Promise<ProposalView> {
    await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const meeting = await this.meetings.load(manager, meetingId);
      this.assertOpen(meeting, language);
      const proposal = await this.lockPending(manager, meetingId, proposalId, language);
      const invitation = await this.invitationRows.lock(manager, meetingId, proposal.proposerId);
      if (!invitation) throw ApiError.conflict(t('sp.proposer_gone', language));
      const guest = await this.guestFor(manager, proposal, language);
      const before = { ...proposal };
      Object.assign(proposal, { status: 'approved', decidedAt: new Date(), guestMemberId: guest.id });
      await this.proposals.save(manager, proposal);
      await this.audit.record(manager, 'update', 'substitute_proposal', proposal.id, before, proposal);
      await this.invitations.delegateTo(unit, meeting, invitation, guest.id);
      await this.tellProposer(unit, proposal, 'substitute-proposal-approved');
    });
    return this.one(meetingId, proposalId);
  }

  async refuse(
    meetingId: string,
    proposalId: string,
    dto: RefuseProposalDto,
    language: Language,
  ): Promise<ProposalView> {
    await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      await this.meetings.load(manager, meetingId);
      const proposal = await this.lockPending(manager, meetingId, proposalId, language);
      const before = { ...proposal };
      Object.assign(proposal, { status: 'refused', decidedAt: new Date(), refusalReason: dto.reason || null });
      await this.proposals.save(manager, proposal);
      await this.audit.record(manager, 'update', 'substitute_proposal', proposal.id, before, proposal);
      await this.tellProposer(unit, proposal, 'substitute-proposal-refused');
    });
    return this.one(meetingId, proposalId);
  }

  async list(meetingId: string): Promise<ProposalView[]> {
    await this.access.assertMeetingVisible(meetingId);
    await this.meetings.get(meetingId);
    return (await this.proposals.ofMeeting(meetingId, this.access.member() ?? undefined)).map(toView);
  }

  async pendingOf(meetingId: string, memberId: string): Promise<ProposalView | null> {
    const found = (await this.proposals.ofMeeting(meetingId, memberId)).find((p) => p.status === 'pending');
    return found ? toView(found) : null;
  }

  private async one(meetingId: string, id: string): Promise<ProposalView> {
    const found = (await this.proposals.ofMeeting(meetingId)).find((p) => p.id === id);
    if (!found) throw ApiError.notFound('Substitute proposal', id);
    return toView(found);
  }

  private assertOpen(meeting: Meeting, language: Language): void {
    if (meeting.status === 'cancelled' || meeting.status === 'held')
      throw ApiError.conflict(t('sp.closed', language, { status: label('meetingStatus', meeting.status, language) }));
    assertDated(meeting, language);
  }

  private async lockInvitation(manager: EntityManager, meetingId: string, memberId: string): Promise<Invitation> {
    const invitation = await this.invitationRows.lock(manager, meetingId, memberId);
    if (invitation) return invitation;
    if (!(await this.proposals.member(manager, memberId))) throw ApiError.notFound('Member', memberId);
    throw ApiError.conflict('This member is not invited to the meeting', 'memberId');
  }

  private async lockPending(
    manager: EntityManager,
    meetingId: string,
    proposalId: string,
    language: Language,
  ): Promise<SubstituteProposal> {
    const proposal = await this.proposals.lock(manager, meetingId, proposalId);
    if (!proposal) throw ApiError.notFound('Substitute proposal', proposalId);
    if (proposal.status !== 'pending') throw ApiError.conflict(t('sp.decided', language));
    return proposal;
  }

  /** Someone of the directory is named, not proposed; a guest proposed before may be proposed again. */
  private async assertNotInDirectory(
    manager: EntityManager,
    proposer: Member,
    email: string,
    language: Language,
  ): Promise<void> {
    const existing = await this.proposals.memberByEmail(manager, email);
    if (!existing || existing.guest) return;
    if (existing.id === proposer.id)
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'email', t('sp.duplicate.self', language));
    const check = await checkSubstitute(this.members, manager, proposer, 'member', existing.id);
    const offered = check.kind === 'offered';
    throw ApiError.field(
      HttpStatus.CONFLICT,
      'email',
      t(offered ? 'sp.duplicate.offered' : 'sp.duplicate.other', language, { name: existing.fullName }),
      offered ? { offeredMember: { id: existing.id, fullName: existing.fullName } } : undefined,
    );
  }

  private async guestFor(manager: EntityManager, proposal: SubstituteProposal, language: Language): Promise<Member> {
    const existing = await this.proposals.memberByEmail(manager, proposal.email);
    if (existing && !existing.guest)
      throw ApiError.field(HttpStatus.CONFLICT, 'email', t('sp.now_member', language, { name: existing.fullName }));
    if (existing) {
      await this.proposals.refreshGuest(manager, existing.id, proposal.language);
      return { ...existing, language: proposal.language, active: true };
    }
    const proposer = (await this.proposals.member(manager, proposal.proposerId))!;
    const guest = await this.proposals.createGuest(manager, {
      fullName: proposal.fullName,
      email: proposal.email,
      countryCode: proposer.countryCode,
      organizationId: await this.proposals.organizationNamed(manager, proposal.organization),
      position: proposal.position,
      language: proposal.language,
      timeZone: proposer.timeZone,
    });
    await this.audit.record(manager, 'create', 'member', guest.id, null, guest);
    return guest;
  }

  private async tellProposer(unit: UnitOfWorkContext, proposal: SubstituteProposal, kind: EmailKind): Promise<void> {
    const proposer = (await this.proposals.member(unit.manager, proposal.proposerId))!;
    await this.notifications.plan(unit, [this.email(proposal, kind, proposer)]);
  }

  private email(proposal: SubstituteProposal, kind: EmailKind, recipient: { id: string; email: string }) {
    return {
      key: `substitute-proposal:${proposal.id}:${kind}:${recipient.id}`,
      kind,
      subjectType: 'substitute_proposal' as const,
      subjectId: proposal.id,
      recipientId: recipient.id,
      recipientEmail: recipient.email,
      dueAt: new Date(),
      payload: {},
    };
  }
}
