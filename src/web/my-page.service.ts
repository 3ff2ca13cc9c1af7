import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { label } from '../common/i18n/labels';
import { RecordResponseDto } from '../meetings/dto/invitation.dto';
import { InvitationsService } from '../meetings/invitations.service';
import { UpdateMemberDto } from '../members/dto/member.dto';
import type { Member } from '../members/member.entity';
import { MembersService } from '../members/members.service';
import { UpdateWorkPlanItemDto } from '../work-plan/dto/work-plan-item.dto';
import { ITEM_STATUSES } from '../work-plan/work-plan-item.entity';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import { choices, digestChoices, languageChoices, zoneChoices } from './choices';
import { submitForm } from './form-outcome';
import { byField } from './forms';
import { MemberRecordService } from './member-record.service';

/** Answers a member gives on their page; a substitute is named through the emailed link, which lists who may come. */
const PAGE_RESPONSES = ['accepted', 'declined', 'tentative'] as const;
const PREFERENCES = ['language', 'timeZone', 'digest'] as const;

/** Which of the page's forms failed, so its message stands beside it and its typed values stay. */
export interface MyPageFailure {
  form: 'answer' | 'item' | 'preferences';
  id?: string;
  problems: FieldProblem[];
  typed?: Record<string, unknown>;
}

/** The member's own page: their meetings and answers, their items, their preferences. */
@Injectable()
export class MyPageService {
  constructor(
    private readonly record: MemberRecordService,
    private readonly invitations: InvitationsService,
    private readonly items: WorkPlanItemsService,
    private readonly members: MembersService,
  ) {}

  async view(member: Member, language: Language, failure?: MyPageFailure) {
    const reader = { language, timeZone: member.timeZone };
    const [meetings, items] = await Promise.all([this.record.meetings(member.id, reader), this.record.workPlanItems(member.id, reader)]);
    const failed = (form: MyPageFailure['form'], id?: string) => (failure?.form === form && failure.id === id ? failure.problems.map((p) => p.message).join('; ') : '');
    const preferences = failure?.form === 'preferences' ? { ...pick(member), ...typedPreferences(failure.typed ?? {}) } : pick(member);
    return {
      member,
      meetings: meetings.map((m) => ({
        ...m,
        responseLabel: t(`my.response.${m.response}` as MessageKey, language),
        legend: t('my.answer.for', language, { meeting: m.title }),
        choices: choices(PAGE_RESPONSES, m.response, (value) => t(`my.response.${value}` as MessageKey, language)),
        error: failed('answer', m.meetingId),
      })),
      items: items.map((item) => ({
        ...item,
        label: t('my.item.status', language, { activity: item.activity }),
        choices: choices(ITEM_STATUSES, item.status, (value) => label('itemStatus', value, language)),
        error: failed('item', item.id),
      })),
      preferences: {
        languages: languageChoices(preferences.language),
        zones: zoneChoices(preferences.timeZone),
        digests: digestChoices(preferences.digest, language),
        errors: failure?.form === 'preferences' ? byField(failure.problems) : {},
      },
    };
  }

  answer(member: Member, meetingId: string, body: Record<string, unknown>) {
    return submitForm(RecordResponseDto, { response: body?.response }, (dto) => this.invitations.respond(meetingId, member.id, dto, 'member'));
  }

  /** The item's rules apply as in the API: only those responsible for it may change it. */
  setItemStatus(itemId: string, body: Record<string, unknown>) {
    return submitForm(UpdateWorkPlanItemDto, { status: body?.status }, (dto) => this.items.update(itemId, dto));
  }

  savePreferences(member: Member, body: Record<string, unknown>) {
    return submitForm(UpdateMemberDto, typedPreferences(body), (dto) => this.members.update(member.id, dto));
  }
}

function pick(member: Member): Record<string, unknown> {
  return { language: member.language, timeZone: member.timeZone, digest: member.digest };
}

/** Only the three preferences are read from the form, as a member's PATCH may change only these. */
export function typedPreferences(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(PREFERENCES.filter((key) => body?.[key] !== undefined).map((key) => [key, body[key]]));
}
