import { Injectable } from '@nestjs/common';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { formatDateTimeInZone } from '../common/time/format';
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
import { WorkPlanItemRepository } from '../work-plan/work-plan-item.repository';
import { isRemindedOf } from '../reminders/item-recipients';
import type { ActionClaims } from './action-token.service';
import { ActionRepository } from './action.repository';
import { ContentTexts } from '../common/i18n/content-texts';

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

export const PROPOSAL_FIELDS = ['fullName', 'email', 'organization', 'position', 'language'] as const;
export type ProposalForm = Partial<Record<(typeof PROPOSAL_FIELDS)[number], string>>;

/** Why an action can no longer be taken, in words for the reader. */
export class ActionClosed extends Error {
  /** The meeting whose page says what stands now, when the link was about one. */
  constructor(
    message: string,
    readonly meetingId: string | null = null,
  ) {
    super(message);
  }
}

@Injectable()
export class ActionService {
  constructor(
    private readonly records: ActionRepository,
    private readonly members: MemberRepository,
    private readonly invitations: InvitationsService,
    private readonly poll: MeetingPollService,
    private readonly items: WorkPlanItemsService,
    private readonly proposals: SubstituteProposalsService,
    private readonly texts: ContentTexts,
    private readonly itemRepository: WorkPlanItemRepository,
  ) {}

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
            (option.startsAt ? formatDateTimeInZone(option.startsAt.toISOString(), member.timeZone, lang) : ''),
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
        { label: t('page.confirm.item', lang), value: this.texts.pick(item.activity, lang) },
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
    if (!meeting) throw new ActionClosed(t('page.error.closed', lang, { reason: t('link.closed.meeting.gone', lang) }));
    const invitation = await this.records.invitation(meeting.id, member.id);
    if (!invitation)
      throw new ActionClosed(t('page.error.closed', lang, { reason: t('link.closed.notParticipant', lang) }));
    if (meeting.status === 'cancelled' || meeting.status === 'held')
      throw new ActionClosed(
        t('page.error.closed', lang, {
          reason: t(meeting.status === 'held' ? 'link.closed.held' : 'link.closed.cancelled', lang),
        }),
        meeting.id,
      );
    if (!claims.option) return { meeting, option: null };
    const option = await this.records.dateOption(meeting.id, claims.option);
    if (!option)
      throw new ActionClosed(t('page.error.closed', lang, { reason: t('link.closed.optionGone', lang) }), meeting.id);
    if (meeting.status !== 'tentative' && meeting.status !== 'postponed')
      throw new ActionClosed(t('page.error.closed', lang, { reason: t('link.closed.decided', lang) }), meeting.id);
    if (meeting.pollClosesAt && meeting.pollClosesAt < new Date())
      throw new ActionClosed(t('page.error.closed', lang, { reason: t('link.closed.pollClosed', lang) }), meeting.id);
    return { meeting, option };
  }

  private async itemContext(claims: ActionClaims, member: Member): Promise<WorkPlanItem> {
    const lang = member.language;
    const item = await this.records.itemWithResponsible(claims.subject);
    if (!item) throw new ActionClosed(t('page.error.closed', lang, { reason: t('link.closed.itemGone', lang) }));
    if (!(await isRemindedOf(this.itemRepository, item, member.id)))
      throw new ActionClosed(t('page.error.closed', lang, { reason: t('link.closed.notResponsible', lang) }));
    if (item.status === 'cancelled')
      throw new ActionClosed(t('page.error.closed', lang, { reason: t('link.closed.itemCancelled', lang) }));
    return item;
  }

  private meetingLabel(meeting: Meeting, member: Member): string {
    const title = this.texts.pick(meeting.title, member.language);
    return meeting.startsAt
      ? `${title} — ${formatDateTimeInZone(meeting.startsAt.toISOString(), member.timeZone, member.language)}`
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
