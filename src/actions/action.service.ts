import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { pickText } from '../common/i18n/content-text';
import type { Language, LocalizedText } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { formatDateTime } from '../common/time/format';
import type { MeetingDateOption } from '../meetings/date-option.entity';
import { InvitationsService } from '../meetings/invitations.service';
import type { Meeting } from '../meetings/meeting.entity';
import { MeetingPollService } from '../meetings/meeting-poll.service';
import { ProposeSubstituteDto, readProposalInput } from '../meetings/dto/substitute-proposal.dto';
import { SubstituteProposalsService } from '../meetings/substitute-proposals.service';
import type { Member } from '../members/member.entity';
import { MemberRepository } from '../members/member.repository';
import type { WorkPlanItem } from '../work-plan/work-plan-item.entity';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import type { ActionClaims } from './action-token.service';
import { ActionRepository } from './action.repository';

export interface ActionForm {
  delegateMemberId?: string;
  newDeadline?: string;
  note?: string;
}

export interface ActionView {
  member: Member;
  facts: { label: string; value: string }[];
  answer: string;
  substitutes?: { id: string; name: string }[];
  askDeadline?: boolean;
  askNote?: boolean;
  /** A delegate link also offers to propose someone not in the list; a proposal waiting is named. */
  proposeOutside?: boolean;
  pendingProposal?: string;
}

/** The fields of the form proposing a substitute from outside the list. */
export const PROPOSAL_FIELDS = ['fullName', 'email', 'organization', 'position', 'language'] as const;
export type ProposalForm = Partial<Record<(typeof PROPOSAL_FIELDS)[number], string>>;

export class ActionClosed extends Error {}

/** What an answer link would record, and recording it, on behalf of the member the link names. */
@Injectable()
export class ActionService {
  constructor(
    private readonly records: ActionRepository,
    private readonly members: MemberRepository,
    private readonly invitations: InvitationsService,
    private readonly poll: MeetingPollService,
    private readonly items: WorkPlanItemsService,
    private readonly proposals: SubstituteProposalsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A text in the reader's language, else the configured fallback chain's. */
  private pick(texts: LocalizedText | null | undefined, language: Language): string {
    return pickText(texts, language, this.config.contentLanguageFallback);
  }

  async member(claims: ActionClaims): Promise<Member | null> {
    const member = await this.members.findById(claims.member);
    return member?.active ? member : null;
  }

  async describe(claims: ActionClaims, member: Member): Promise<ActionView> {
    const lang = member.language;
    const [area, answer] = claims.kind.split('.') as [string, string];
    const answerLabel = t(this.answerKey(claims.kind), lang);
    if (area === 'meeting' || area === 'poll') {
      const { meeting, option } = await this.meetingContext(claims, member);
      const facts = [{ label: t('page.confirm.meeting', lang), value: this.meetingLabel(meeting, member) }];
      if (option)
        facts.push({
          label: t('page.confirm.option', lang),
          value:
            option.label ??
            option.text ??
            (option.startsAt ? formatDateTime(option.startsAt.toISOString(), member.timeZone, lang) : ''),
        });
      facts.push({ label: t('page.confirm.answer', lang), value: answerLabel });
      const view: ActionView = { member, facts, answer: answerLabel };
      if (claims.kind === 'meeting.delegate') {
        const colleagues = await this.members.substitutesOffered(member, 'member');
        view.substitutes = colleagues.map((c) => ({ id: c.id, name: c.fullName }));
        view.proposeOutside = true;
        const pending = await this.proposals.pendingOf(meeting.id, member.id);
        if (pending) view.pendingProposal = t('sp.page.pending', lang, { name: pending.fullName });
      }
      return view;
    }
    const item = await this.itemContext(claims, member);
    return {
      member,
      facts: [
        { label: t('page.confirm.item', lang), value: this.pick(item.activity, lang) },
        { label: t('page.confirm.answer', lang), value: answerLabel },
      ],
      answer: answerLabel,
      askDeadline: answer === 'more_time',
      askNote: true,
    };
  }

  async perform(claims: ActionClaims, member: Member, form: ActionForm): Promise<void> {
    const [area, answer] = claims.kind.split('.') as [string, string];
    if (area === 'meeting') {
      await this.meetingContext(claims, member);
      const response =
        answer === 'accept'
          ? 'accepted'
          : answer === 'decline'
            ? 'declined'
            : answer === 'tentative'
              ? 'tentative'
              : 'delegated';
      await this.invitations.respond(
        claims.subject,
        member.id,
        {
          response,
          delegateMemberId: response === 'delegated' ? form.delegateMemberId : undefined,
          note: form.note || undefined,
        },
        'email',
        member.language,
      );
      return;
    }
    if (area === 'poll') {
      await this.meetingContext(claims, member);
      await this.poll.answer(claims.subject, claims.option!, member.id, {
        answer: answer as 'yes' | 'if_need_be' | 'no',
      });
      return;
    }
    await this.itemContext(claims, member);
    if (answer === 'more_time') {
      await this.items.update(claims.subject, {
        deadline: form.newDeadline ?? '',
        changeNote: form.note ? `Asked by ${member.fullName}: ${form.note}` : `Asked by ${member.fullName}`,
      });
    } else {
      await this.items.update(claims.subject, {
        status: answer as 'done' | 'in_progress',
        changeNote: form.note || undefined,
      });
    }
  }

  /** A substitute from outside the list, proposed through the delegate link; refusals in the member's language. */
  async propose(claims: ActionClaims, member: Member, form: ProposalForm): Promise<{ fullName: string }> {
    if (claims.kind !== 'meeting.delegate') throw new ActionClosed(t('page.error.invalid', member.language));
    await this.meetingContext(claims, member);
    const input = Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined && value !== ''));
    const dto = await readProposalInput(ProposeSubstituteDto, input, member.language);
    return this.proposals.propose(claims.subject, member.id, dto, member.language);
  }

  private async meetingContext(
    claims: ActionClaims,
    member: Member,
  ): Promise<{ meeting: Meeting; option: MeetingDateOption | null }> {
    const lang = member.language;
    const meeting = await this.records.meeting(claims.subject);
    if (!meeting) throw new ActionClosed(t('page.error.closed', lang, { reason: 'the meeting no longer exists' }));
    const invitation = await this.records.invitation(meeting.id, member.id);
    if (!invitation)
      throw new ActionClosed(t('page.error.closed', lang, { reason: 'you are no longer among the participants' }));
    if (meeting.status === 'cancelled' || meeting.status === 'held')
      throw new ActionClosed(t('page.error.closed', lang, { reason: `the meeting is ${meeting.status}` }));
    if (!claims.option) return { meeting, option: null };
    const option = await this.records.dateOption(meeting.id, claims.option);
    if (!option) throw new ActionClosed(t('page.error.closed', lang, { reason: 'this date option was removed' }));
    if (meeting.status !== 'tentative' && meeting.status !== 'postponed')
      throw new ActionClosed(t('page.error.closed', lang, { reason: 'the date has been decided' }));
    return { meeting, option };
  }

  private async itemContext(claims: ActionClaims, member: Member): Promise<WorkPlanItem> {
    const lang = member.language;
    const item = await this.records.itemWithResponsible(claims.subject);
    if (!item) throw new ActionClosed(t('page.error.closed', lang, { reason: 'the activity no longer exists' }));
    const concerned =
      (item.responsibleMembers ?? []).some((m) => m.id === member.id) || item.executorMemberId === member.id;
    if (!concerned)
      throw new ActionClosed(
        t('page.error.closed', lang, { reason: 'you are no longer responsible for this activity' }),
      );
    if (item.status === 'cancelled')
      throw new ActionClosed(t('page.error.closed', lang, { reason: 'the activity was cancelled' }));
    return item;
  }

  private meetingLabel(meeting: Meeting, member: Member): string {
    const title = this.pick(meeting.title, member.language);
    return meeting.startsAt
      ? `${title} — ${formatDateTime(meeting.startsAt.toISOString(), member.timeZone, member.language)}`
      : title;
  }

  private answerKey(kind: ActionClaims['kind']): MessageKey {
    const map: Record<string, MessageKey> = {
      'meeting.accept': 'action.accept',
      'meeting.decline': 'action.decline',
      'meeting.tentative': 'action.tentative',
      'meeting.delegate': 'action.delegate',
      'poll.yes': 'action.poll.yes',
      'poll.if_need_be': 'action.poll.if_need_be',
      'poll.no': 'action.poll.no',
      'item.done': 'action.item.done',
      'item.in_progress': 'action.item.in_progress',
      'item.more_time': 'action.item.more_time',
    };
    return map[kind] ?? 'action.preferences';
  }
}
