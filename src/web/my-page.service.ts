import { labelledProblems } from './form-problems';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { FieldProblem } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { label } from '../common/i18n/labels';
import { formatDateTimeInZone } from '../common/time/format';
import { POLL_ANSWERS } from '../meetings/date-option.entity';
import { RecordResponseDto } from '../meetings/dto/invitation.dto';
import { PollAnswerDto } from '../meetings/dto/poll.dto';
import { MeetingCalendarService } from '../meetings/meeting-calendar.service';
import { MeetingPollService } from '../meetings/meeting-poll.service';
import { MeetingRepository } from '../meetings/meeting.repository';
import { InvitationsService } from '../meetings/invitations.service';
import { UpdateMemberDto } from '../members/dto/member.dto';
import type { Member } from '../members/member.entity';
import { MembersService } from '../members/members.service';
import { UpdateWorkPlanItemDto } from '../work-plan/dto/work-plan-item.dto';
import { ITEM_STATUSES } from '../work-plan/work-plan-item.entity';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import { choices, digestChoices, languageChoices, zoneChoices } from './choices';
import { dateOptionLabel } from './date-option-label';
import { attempt, submitForm } from './form-outcome';
import type { FormOutcome } from './form-outcome';
import { byField, validateForm } from './forms';
import { MemberRecordService } from './member-record.service';
import { ContentTexts } from '../common/i18n/content-texts';

/** Answers a member gives on their page; with a substitute they name the colleague who comes. */
const PAGE_RESPONSES = ['accepted', 'declined', 'tentative', 'delegated'] as const;
/** A poll's answer field on the page: `option.<date option id>`. */
const OPTION_FIELD = /^option\.([0-9a-f-]{36})$/;
const PREFERENCES = ['language', 'timeZone', 'digest'] as const;

/** Which of the page's forms failed, so its message stands beside it and its typed values stay. */
export interface MyPageFailure {
  form: 'answer' | 'poll' | 'item' | 'preferences';
  id?: string;
  problems: FieldProblem[];
  typed?: Record<string, unknown>;
}

/** The member's own page: their meetings and answers, their items, their preferences. */
@Injectable()
export class MyPageService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly record: MemberRecordService,
    private readonly invitations: InvitationsService,
    private readonly items: WorkPlanItemsService,
    private readonly members: MembersService,
    private readonly poll: MeetingPollService,
    private readonly meetingRecords: MeetingRepository,
    private readonly calendar: MeetingCalendarService,
  ) {}

  async view(member: Member, language: Language, apiFailure?: MyPageFailure, feedUrl?: string) {
    const failure = apiFailure && {
      ...apiFailure,
      problems: labelledProblems(apiFailure.problems, myPageLabels(language), language),
    };
    const reader = { language, timeZone: member.timeZone };
    const [all, items, substitutes, feedSince] = await Promise.all([
      this.record.meetings(member.id, reader),
      this.record.workPlanItems(member.id, reader),
      this.meetingRecords.substitutesOfferedTo(member),
      this.calendar.feedIssuedAt(member.id),
    ]);
    const meetings = all.filter((m) => m.open);
    const polls = await this.openPolls(
      member,
      meetings.map((m) => m.meetingId),
      language,
      failure?.form === 'poll' ? failure : undefined,
    );
    const failed = (form: MyPageFailure['form'], id?: string) =>
      failure?.form === form && failure.id === id ? failure.problems.map((p) => p.message).join('; ') : '';
    const typedIn = (meetingId: string) =>
      failure?.form === 'answer' && failure.id === meetingId ? (failure.typed ?? {}) : null;
    const answerTyped = (meetingId: string) => typedIn(meetingId)?.response;
    const substituteTyped = (meetingId: string) => typedIn(meetingId)?.delegateMemberId;
    const preferences =
      failure?.form === 'preferences' ? { ...pick(member), ...typedPreferences(failure.typed ?? {}) } : pick(member);
    return {
      member,
      calendar: {
        since: feedSince
          ? t('my.feed.active', language, {
              date: formatDateTimeInZone(feedSince.toISOString(), member.timeZone, language),
            })
          : null,
        https: feedUrl ?? null,
        webcal: feedUrl ? feedUrl.replace(/^https?:/, 'webcal:') : null,
      },
      past: all
        .filter((m) => !m.open)
        .map((m) => ({ ...m, minutesUrl: m.held ? `/meetings/${m.meetingId}#minutes` : null })),
      polls: meetings.filter((m) => polls.has(m.meetingId)).map((m) => ({ id: m.meetingId, title: m.title })),
      meetings: meetings.map((m) => ({
        ...m,
        responseLabel: t(`my.response.${m.response}` as MessageKey, language),
        legend: t('my.answer.for', language, { meeting: m.title }),
        choices: choices(PAGE_RESPONSES, answerTyped(m.meetingId) ?? m.response, (value) =>
          t(`my.response.${value}` as MessageKey, language),
        ),
        substitutes: choices(
          substitutes.map((s) => s.id),
          substituteTyped(m.meetingId) ?? m.delegateMemberId,
          (id) => substitutes.find((s) => s.id === id)!.fullName,
        ),
        error: failed('answer', m.meetingId),
        poll: polls.get(m.meetingId) ?? null,
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

  /** The substitute chosen counts only with the answer that sends one. */
  answer(member: Member, meetingId: string, body: Record<string, unknown>, language: Language) {
    const delegated = body?.response === 'delegated';
    const values = {
      response: body?.response,
      ...(delegated && body.delegateMemberId !== '' ? { delegateMemberId: body.delegateMemberId } : {}),
    };
    return submitForm(RecordResponseDto, values, (dto) =>
      this.invitations.respond(meetingId, member.id, dto, 'member', language),
    );
  }

  /** The member's answers to a date poll, one per date (yes / if need be / no). */
  async answerPoll(member: Member, meetingId: string, body: Record<string, unknown>): Promise<FormOutcome<number>> {
    const given = Object.entries(body ?? {}).flatMap(([field, value]) => {
      const option = OPTION_FIELD.exec(field);
      return option ? [{ field, optionId: option[1], value }] : [];
    });
    if (given.length === 0)
      return {
        ok: false,
        status: HttpStatus.BAD_REQUEST,
        problems: [{ field: 'poll', message: 'choose an answer for at least one date' }],
      };
    const checked = await Promise.all(
      given.map(async (g) => ({ ...g, result: await validateForm(PollAnswerDto, { answer: g.value }) })),
    );
    const problems = checked.flatMap((c) =>
      c.result.ok ? [] : c.result.problems.map((p) => ({ field: c.field, message: p.message })),
    );
    if (problems.length) return { ok: false, status: HttpStatus.BAD_REQUEST, problems };
    const answers = checked.flatMap((c) =>
      c.result.ok ? [{ optionId: c.optionId, answer: c.result.value.answer }] : [],
    );
    const outcome = await attempt(async () => (await this.poll.answerAll(meetingId, member.id, answers)).length);
    if (outcome.ok) return outcome;
    const fields = new Set(given.map((g) => g.field));
    return { ...outcome, problems: outcome.problems.map((p) => (fields.has(p.field) ? p : { ...p, field: 'poll' })) };
  }

  /** The date polls open to the member, each date with their current answer (or what they typed in a refused form). */
  private async openPolls(member: Member, meetingIds: string[], language: Language, failure?: MyPageFailure) {
    const polls = new Map<string, { closes: string | null; options: unknown[]; error: string }>();
    if (meetingIds.length === 0) return polls;
    const now = new Date();
    const meetings = await this.meetingRecords.withOpenedPolls(meetingIds);
    for (const meeting of meetings.filter((m) => !m.pollClosesAt || m.pollClosesAt > now)) {
      const matrix = await this.poll.participantMatrix(meeting.id, member.id);
      const mine = matrix?.participants.find((p) => p.memberId === member.id);
      if (!matrix || !mine || matrix.options.length === 0) continue;
      const typed = failure?.id === meeting.id ? (failure.typed ?? {}) : {};
      const errors = failure?.id === meeting.id ? byField(failure.problems) : {};
      polls.set(meeting.id, {
        closes: meeting.pollClosesAt
          ? t('mp.poll.closes', language, {
              date: formatDateTimeInZone(meeting.pollClosesAt.toISOString(), member.timeZone, language),
            })
          : null,
        error: errors.poll ?? '',
        options: matrix.options.map((o) => {
          const name = `option.${o.id}`;
          return {
            name,
            legend: dateOptionLabel(o, member.timeZone, language),
            choices: choices(POLL_ANSWERS, typed[name] ?? mine.answers[o.id], (value) =>
              label('pollAnswer', value, language),
            ),
            error: errors[name] ?? null,
          };
        }),
      });
    }
    return polls;
  }

  /** One activity, as the link of a reminder shows it: what, when, who; the status form for those responsible. */
  async item(itemId: string, member: Member, language: Language) {
    const item = await this.items.get(itemId);
    const mine =
      item.responsibleMemberIds.includes(member.id) ||
      (item.executor?.type === 'member' && item.executor.id === member.id);
    return {
      id: item.id,
      workPlanId: item.workPlanId,
      activity: this.texts.pick(item.activity, language),
      deadline: item.deadline.text || '—',
      due: item.deadline.dueAt ? formatDateTimeInZone(item.deadline.dueAt, member.timeZone, language) : null,
      overdue: item.overdue,
      statusLabel: label('itemStatus', item.status, language),
      executor: item.executor ? this.texts.pick(item.executor.name, language) : null,
      responsible: item.responsibleMembers.map((m) => `${m.fullName} (${m.countryCode})`).join(', '),
      form: mine
        ? {
            label: t('my.item.status', language, { activity: this.texts.pick(item.activity, language) }),
            choices: choices(ITEM_STATUSES, item.status, (value) => label('itemStatus', value, language)),
          }
        : null,
    };
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

/** The labels of the forms on a member's own page, by the API's field names. */
function myPageLabels(language: Language): Record<string, string> {
  return {
    language: t('prefs.language', language),
    timeZone: t('prefs.timeZone', language),
    digest: t('prefs.digest', language),
    response: t('my.answer', language),
    delegateMemberId: t('my.substitute', language),
    status: t('members.status', language),
  };
}
