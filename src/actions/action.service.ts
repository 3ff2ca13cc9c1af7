import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pickLocalized } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { formatDateTime } from '../common/time/format';
import { MeetingDateOption } from '../meetings/date-option.entity';
import { Invitation } from '../meetings/invitation.entity';
import { InvitationsService } from '../meetings/invitations.service';
import { Meeting } from '../meetings/meeting.entity';
import { MeetingPollService } from '../meetings/meeting-poll.service';
import { substituteOffer } from '../meetings/substitute-offer';
import { Member } from '../members/member.entity';
import { WorkPlanItem } from '../work-plan/work-plan-item.entity';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import { WorkPlanItemRepository } from '../work-plan/work-plan-item.repository';
import { isRemindedOf } from '../reminders/item-recipients';
import type { ActionClaims } from './action-token.service';

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
}

/** Why an action can no longer be taken, in words for the reader. */
export class ActionClosed extends Error {}

/** What an answer link would record, and recording it, on behalf of the member the link names. */
@Injectable()
export class ActionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invitations: InvitationsService,
    private readonly poll: MeetingPollService,
    private readonly items: WorkPlanItemsService,
    private readonly itemRepository: WorkPlanItemRepository,
  ) {}

  async member(claims: ActionClaims): Promise<Member | null> {
    const member = await this.dataSource.manager.findOneBy(Member, { id: claims.member });
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
        const colleagues = await substituteOffer(this.dataSource.manager, member, 'member');
        view.substitutes = colleagues.map((c) => ({ id: c.id, name: c.fullName }));
        if (view.substitutes.length === 0)
          throw new ActionClosed(
            t('page.error.closed', lang, {
              reason: 'no colleague of your country is registered; please write to the secretariat',
            }),
          );
      }
      return view;
    }
    const item = await this.itemContext(claims, member);
    return {
      member,
      facts: [
        { label: t('page.confirm.item', lang), value: pickLocalized(item.activity, lang) },
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

  private async meetingContext(
    claims: ActionClaims,
    member: Member,
  ): Promise<{ meeting: Meeting; option: MeetingDateOption | null }> {
    const lang = member.language;
    const meeting = await this.dataSource.manager.findOneBy(Meeting, { id: claims.subject });
    if (!meeting) throw new ActionClosed(t('page.error.closed', lang, { reason: 'the meeting no longer exists' }));
    const invitation = await this.dataSource.manager.findOneBy(Invitation, {
      meetingId: meeting.id,
      memberId: member.id,
    });
    if (!invitation)
      throw new ActionClosed(t('page.error.closed', lang, { reason: 'you are no longer among the participants' }));
    if (meeting.status === 'cancelled' || meeting.status === 'held')
      throw new ActionClosed(t('page.error.closed', lang, { reason: `the meeting is ${meeting.status}` }));
    if (!claims.option) return { meeting, option: null };
    const option = await this.dataSource.manager.findOneBy(MeetingDateOption, {
      id: claims.option,
      meetingId: meeting.id,
    });
    if (!option) throw new ActionClosed(t('page.error.closed', lang, { reason: 'this date option was removed' }));
    if (meeting.status !== 'tentative' && meeting.status !== 'postponed')
      throw new ActionClosed(t('page.error.closed', lang, { reason: 'the date has been decided' }));
    return { meeting, option };
  }

  private async itemContext(claims: ActionClaims, member: Member): Promise<WorkPlanItem> {
    const lang = member.language;
    const item = await this.dataSource.manager.findOne(WorkPlanItem, {
      where: { id: claims.subject },
      relations: { responsibleMembers: true, executorMember: true },
    });
    if (!item) throw new ActionClosed(t('page.error.closed', lang, { reason: 'the activity no longer exists' }));
    if (!(await isRemindedOf(this.itemRepository, item, member.id)))
      throw new ActionClosed(
        t('page.error.closed', lang, { reason: 'you are no longer responsible for this activity' }),
      );
    if (item.status === 'cancelled')
      throw new ActionClosed(t('page.error.closed', lang, { reason: 'the activity was cancelled' }));
    return item;
  }

  private meetingLabel(meeting: Meeting, member: Member): string {
    const title = pickLocalized(meeting.title, member.language);
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
