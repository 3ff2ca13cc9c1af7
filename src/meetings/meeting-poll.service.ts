import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { MemberRepository } from '../members/member.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitOfWork } from '../notifications/unit-of-work';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import { DeadlineReader } from '../work-plan/deadline/deadline-reader';
import { MeetingRemindersPlanner } from '../reminders/meeting-reminders.planner';
import { ConfirmMeetingDto, CreateDateOptionDto, OpenPollDto, PollAnswerDto } from './dto/poll.dto';
import { MeetingDateAnswer, MeetingDateOption, PollAnswer } from './date-option.entity';
import { InvitationRepository } from './invitation.repository';
import { InvitationsService } from './invitations.service';
import { Meeting } from './meeting.entity';
import { MeetingNotifier } from './meeting-notifier';
import { MeetingRepository } from './meeting.repository';
import { MeetingParticipants } from './meeting-participants';
import { MeetingView, toMeetingView } from './meeting.view';
import { MeetingsService } from './meetings.service';

// One collator for the whole sort: localeCompare builds one per comparison.
const BY_TEXT = new Intl.Collator();

/** The chase goes this long before the poll closes. */
export const POLL_CHASE_BEFORE_MS = 3 * 86_400_000;

export interface PollMatrix {
  meetingId: string;
  status: string;
  closesAt: string | null;
  options: {
    id: string;
    label: string | null;
    startsAt: string | null;
    endsAt: string | null;
    text: string | null;
    windows: { start: string; end: string }[];
    yes: number;
    ifNeedBe: number;
    no: number;
    canCome: number;
    countriesCanCome: string[];
  }[];
  participants: {
    memberId: string;
    fullName: string;
    countryCode: string;
    answers: Record<string, PollAnswer | null>;
  }[];
  byCountry: { countryCode: string; participants: number; answered: number; canComeByOption: Record<string, number> }[];
}

@Injectable()
export class MeetingPollService {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly participants: MeetingParticipants,
    private readonly notifier: MeetingNotifier,
    private readonly notifications: NotificationsService,
    private readonly unitOfWork: UnitOfWork,
    private readonly deadlines: DeadlineReader,
    private readonly audit: AuditService,
    private readonly reminders: MeetingRemindersPlanner,
    private readonly access: AccessPolicy,
    private readonly invitations: InvitationRepository,
    private readonly records: MeetingRepository,
    private readonly members: MemberRepository,
    private readonly invitationAnswers: InvitationsService,
  ) {}

  addOption(meetingId: string, dto: CreateDateOptionDto): Promise<MeetingDateOption> {
    return this.unitOfWork.run(async ({ manager }) => {
      const meeting = await this.meetings.load(manager, meetingId, true);
      if (meeting.status !== 'tentative' && meeting.status !== 'postponed') {
        throw ApiError.conflict(
          `Date options belong to a tentative or postponed meeting; this one is ${meeting.status}`,
        );
      }
      if (!dto.startsAt && !dto.text)
        throw ApiError.field(
          HttpStatus.BAD_REQUEST,
          'startsAt',
          'give startsAt (and endsAt), or a text such as "early December 2019"',
        );
      if (dto.startsAt && dto.text)
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'text', 'give either times or a text, not both');
      const times = this.meetings.times(dto.startsAt, dto.endsAt);
      const windows = dto.text ? this.readWindows(dto.text) : [];
      const option = await this.records.addOption(manager, {
        meetingId,
        label: dto.label ?? null,
        text: dto.text ?? null,
        windows,
        ...times,
      });
      await this.audit.record(manager, 'create', 'meeting_date_option', option.id, null, option);
      return option;
    });
  }

  /** `language` is the reader's, for the refusal a page shows; the API answers in English. */
  removeOption(meetingId: string, optionId: string, language: Language = 'en'): Promise<void> {
    return this.unitOfWork.run(async ({ manager }) => {
      const meeting = await this.meetings.load(manager, meetingId, true);
      if (meeting.status !== 'tentative' && meeting.status !== 'postponed') {
        throw ApiError.conflict(
          `Date options belong to a tentative or postponed meeting; this one is ${meeting.status}`,
        );
      }
      const option = await this.records.option(manager, meetingId, optionId);
      if (!option) throw ApiError.notFound('Date option', optionId);
      const answered = await this.records.countAnswers(manager, optionId);
      if (answered > 0) throw ApiError.conflict(t('poll.option.answered', language, { count: answered }));
      await this.records.removeOption(manager, option);
      await this.audit.record(manager, 'delete', 'meeting_date_option', optionId, option, null);
    });
  }

  async options(meetingId: string): Promise<MeetingDateOption[]> {
    await this.access.assertMeetingVisible(meetingId);
    return this.unitOfWork.runStatements(async ({ manager }) => {
      await this.meetings.load(manager, meetingId);
      return this.records.options(manager, meetingId);
    });
  }

  async open(meetingId: string, dto: OpenPollDto): Promise<PollMatrix> {
    await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const meeting = await this.meetings.load(manager, meetingId, true);
      if (meeting.status !== 'tentative' && meeting.status !== 'postponed') {
        throw ApiError.conflict(`A date poll is for a tentative or postponed meeting; this one is ${meeting.status}`);
      }
      const optionCount = await this.records.countOptions(manager, meetingId);
      if (optionCount < 1)
        throw ApiError.conflict(`Add date options first (POST /api/meetings/${meetingId}/date-options)`);
      const closesAt = dto.closesAt ? new Date(dto.closesAt) : null;
      if (closesAt && closesAt <= new Date())
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'closesAt', 'closesAt is in the past');
      const memberIds = await this.participants.resolve(manager, meeting, dto);
      await this.participants.ensure(manager, meetingId, memberIds);
      const before = { ...meeting };
      meeting.pollOpenedAt = new Date();
      meeting.pollClosesAt = closesAt;
      await this.records.save(manager, meeting);
      const round = `poll${meeting.pollOpenedAt.getTime()}`;
      await this.notifier.plan(unit, meeting, 'meeting-poll', memberIds, { key: round });
      if (closesAt && closesAt.getTime() - POLL_CHASE_BEFORE_MS > Date.now()) {
        await this.notifier.plan(unit, meeting, 'poll-chase', memberIds, {
          key: round,
          dueAt: new Date(closesAt.getTime() - POLL_CHASE_BEFORE_MS),
        });
      }
      await this.audit.record(manager, 'update', 'meeting', meetingId, before, meeting);
    });
    return this.buildMatrix(meetingId);
  }

  /** Records one answer, also one given by phone; answering again replaces it with the time of the change. */
  async answer(meetingId: string, optionId: string, memberId: string, dto: PollAnswerDto): Promise<MeetingDateAnswer> {
    const [answer] = await this.answerAll(meetingId, memberId, [{ optionId, answer: dto.answer }]);
    return answer;
  }

  async answerAll(
    meetingId: string,
    memberId: string,
    answers: { optionId: string; answer: PollAnswer }[],
  ): Promise<MeetingDateAnswer[]> {
    this.access.assertSelf(memberId);
    return this.unitOfWork.run(async ({ manager }) => {
      const meeting = await this.meetings.load(manager, meetingId);
      const optionIds = answers.map((a) => a.optionId);
      const found = new Set((await this.records.optionsIn(manager, meetingId, optionIds)).map((o) => o.id));
      const missing = optionIds.find((id) => !found.has(id));
      if (missing) throw ApiError.notFound('Date option', missing);
      if (!(await this.members.exists(manager, memberId))) throw ApiError.notFound('Member', memberId);
      if (!(await this.invitations.exists(manager, meetingId, memberId))) {
        throw ApiError.conflict(
          'This member is not a participant of the meeting: invite them or include them in the poll first',
          'memberId',
        );
      }
      if (meeting.status !== 'tentative' && meeting.status !== 'postponed')
        throw ApiError.conflict(`The date is already decided: the meeting is ${meeting.status}`);
      if (meeting.pollClosesAt && meeting.pollClosesAt < new Date())
        throw ApiError.conflict('The poll closed on ' + meeting.pollClosesAt.toISOString());
      const previous = new Map(
        (await this.records.answersTo(manager, optionIds, memberId)).map((a) => [a.optionId, a]),
      );
      const recorded: MeetingDateAnswer[] = [];
      for (const { optionId, answer: given } of answers) {
        const before = previous.get(optionId);
        if (before?.answer === given) {
          recorded.push(before);
          continue;
        }
        const answer = manager.create(MeetingDateAnswer, { optionId, memberId, answer: given, answeredAt: new Date() });
        await this.records.saveAnswer(manager, answer);
        await this.audit.record(
          manager,
          before ? 'update' : 'create',
          'meeting_date_answer',
          `${optionId}/${memberId}`,
          before ?? null,
          answer,
        );
        recorded.push(answer);
      }
      return recorded;
    });
  }

  async matrix(meetingId: string): Promise<PollMatrix> {
    await this.access.assertMeetingVisible(meetingId);
    return this.buildMatrix(meetingId);
  }

  async participantMatrix(meetingId: string, memberId: string): Promise<PollMatrix | null> {
    this.access.assertSelf(memberId, 'read the polls');
    const matrix = await this.buildMatrix(meetingId);
    return matrix.participants.some((p) => p.memberId === memberId) ? matrix : null;
  }

  private buildMatrix(meetingId: string): Promise<PollMatrix> {
    return this.unitOfWork.runStatements(({ manager }) => this.matrixOf(manager, meetingId));
  }

  private async matrixOf(manager: EntityManager, meetingId: string): Promise<PollMatrix> {
    const meeting = await this.meetings.load(manager, meetingId);
    const options = await this.records.options(manager, meetingId);
    const invitations = await this.invitations.pollParticipants(manager, meetingId);
    const answers = await this.records.answerGrid(
      manager,
      options.map((o) => o.id),
    );
    const answerOf = new Map(answers.map((a) => [`${a.optionId}/${a.memberId}`, a.answer]));
    const participants = invitations
      .map((i) => ({
        memberId: i.memberId,
        fullName: i.fullName,
        countryCode: i.countryCode,
        answers: Object.fromEntries(options.map((o) => [o.id, answerOf.get(`${o.id}/${i.memberId}`) ?? null])),
      }))
      .sort((a, b) => BY_TEXT.compare(a.countryCode, b.countryCode) || BY_TEXT.compare(a.fullName, b.fullName));
    const canCome = (a: PollAnswer | null) => a === 'yes' || a === 'if_need_be';
    const countries = [...new Set(participants.map((p) => p.countryCode))].sort();
    return {
      meetingId,
      status: meeting.status,
      closesAt: meeting.pollClosesAt?.toISOString() ?? null,
      options: options.map((o) => {
        const column = participants.map((p) => ({ answer: p.answers[o.id], country: p.countryCode }));
        return {
          id: o.id,
          label: o.label,
          startsAt: o.startsAt?.toISOString() ?? null,
          endsAt: o.endsAt?.toISOString() ?? null,
          text: o.text,
          windows: o.windows,
          yes: column.filter((c) => c.answer === 'yes').length,
          ifNeedBe: column.filter((c) => c.answer === 'if_need_be').length,
          no: column.filter((c) => c.answer === 'no').length,
          canCome: column.filter((c) => canCome(c.answer)).length,
          countriesCanCome: [...new Set(column.filter((c) => canCome(c.answer)).map((c) => c.country))].sort(),
        };
      }),
      participants,
      byCountry: countries.map((countryCode) => {
        const people = participants.filter((p) => p.countryCode === countryCode);
        return {
          countryCode,
          participants: people.length,
          answered: people.filter((p) => Object.values(p.answers).some((a) => a !== null)).length,
          canComeByOption: Object.fromEntries(
            options.map((o) => [o.id, people.filter((p) => canCome(p.answers[o.id])).length]),
          ),
        };
      }),
    };
  }

  async confirm(meetingId: string, dto: ConfirmMeetingDto): Promise<MeetingView> {
    const meeting = await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const meeting = await this.meetings.load(manager, meetingId, true);
      if (meeting.status !== 'tentative' && meeting.status !== 'postponed') {
        throw ApiError.conflict(
          `Only a tentative or postponed meeting can be confirmed; this one is ${meeting.status}`,
        );
      }
      const times = await this.chosenTimes(manager, meetingId, dto);
      const before = { ...meeting };
      Object.assign(meeting, times, { status: 'scheduled', statusReason: null });
      // Calendars that hold the save-the-date or the postponed event must replace it.
      if (before.startsAt !== null) meeting.sequence += 1;
      await this.records.save(manager, meeting);
      await this.notifications.cancelScheduled(manager, 'meeting', meetingId, 'the date was confirmed', [
        'meeting-poll',
        'poll-chase',
      ]);
      if (before.startsAt === null) await this.answersForDate(unit, meeting);
      await this.inviteAll(unit, meeting, before.startsAt !== null);
      await this.audit.record(manager, 'update', 'meeting', meetingId, before, meeting);
      return meeting;
    });
    return toMeetingView(meeting);
  }

  /** The poll's answers for the date now fixed (the option with exactly its times) become the invitations' answers. */
  private async answersForDate(unit: UnitOfWorkContext, meeting: Meeting): Promise<void> {
    const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
    const option = (await this.records.options(unit.manager, meeting.id)).find(
      (o) => o.startsAt !== null && same(o.startsAt, meeting.startsAt) && same(o.endsAt, meeting.endsAt),
    );
    const answers = option ? await this.records.answersTo(unit.manager, [option.id]) : [];
    await this.invitationAnswers.answersForNewDate(unit, meeting, new Map(answers.map((a) => [a.memberId, a])));
  }

  private async inviteAll(unit: UnitOfWorkContext, meeting: Meeting, hadTime: boolean): Promise<void> {
    const { manager } = unit;
    const all = await this.invitations.all(manager, meeting.id);
    const alreadyInvited = all.filter((i) => i.invitedAt !== null && i.response !== 'declined').map((i) => i.memberId);
    const toInvite = all.filter((i) => i.invitedAt === null).map((i) => i.memberId);
    await this.invitations.markInvited(manager, meeting.id, toInvite);
    await this.notifier.plan(unit, meeting, 'meeting-invitation', toInvite);
    if (hadTime)
      await this.notifier.plan(unit, meeting, 'meeting-update', alreadyInvited, { payload: { previous: null } });
    else await this.notifier.plan(unit, meeting, 'meeting-invitation', alreadyInvited);
    await this.reminders.plan(unit, meeting);
  }

  private async chosenTimes(
    manager: EntityManager,
    meetingId: string,
    dto: ConfirmMeetingDto,
  ): Promise<{ startsAt: Date | null; endsAt: Date | null }> {
    if (dto.dateOptionId && dto.startsAt)
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'dateOptionId', 'give either dateOptionId or startsAt, not both');
    if (dto.dateOptionId) {
      const option = await this.records.option(manager, meetingId, dto.dateOptionId);
      if (!option)
        throw ApiError.field(
          HttpStatus.BAD_REQUEST,
          'dateOptionId',
          `no date option ${dto.dateOptionId} in this meeting`,
        );
      if (!option.startsAt) {
        throw ApiError.field(
          HttpStatus.BAD_REQUEST,
          'dateOptionId',
          `the option "${option.text ?? option.label}" has no exact times: confirm with startsAt and endsAt`,
        );
      }
      return { startsAt: option.startsAt, endsAt: option.endsAt };
    }
    if (!dto.startsAt) {
      // A tentative meeting that already has a date ("save the date") is confirmed as it stands.
      const meeting = await this.meetings.load(manager, meetingId);
      if (meeting.status === 'tentative' && meeting.startsAt)
        return { startsAt: meeting.startsAt, endsAt: meeting.endsAt };
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'dateOptionId', 'give dateOptionId, or startsAt and endsAt');
    }
    return this.meetings.times(dto.startsAt, dto.endsAt);
  }

  private readWindows(text: string) {
    const parsed = this.deadlines.readOrThrow(text, 'text');
    if (parsed.windows.length === 0)
      throw ApiError.field(HttpStatus.UNPROCESSABLE_ENTITY, 'text', `"${text}" names no dates`);
    return parsed.windows;
  }
}
