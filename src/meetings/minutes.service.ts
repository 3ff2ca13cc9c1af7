import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import { textsOf } from '../common/i18n/content-text';
import type { Translations } from '../common/i18n/content-text';
import type { Language } from '../common/i18n/languages';
import { storedTranslations } from '../common/validation/translations.dto';
import { t } from '../common/i18n/messages';
import { requestContext } from '../common/request-context';
import { UnitOfWork } from '../notifications/unit-of-work';
import { DeadlineReader } from '../work-plan/deadline/deadline-reader';
import { WorkPlan } from '../work-plan/work-plan.entity';
import { WorkPlanRepository } from '../work-plan/work-plan.repository';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import { ApproveMinutesDto, PutMinutesDto } from './dto/minutes.dto';
import { InvitationRepository } from './invitation.repository';
import type { Meeting } from './meeting.entity';
import { MeetingNotifier } from './meeting-notifier';
import { MeetingRepository } from './meeting.repository';
import { MeetingsService } from './meetings.service';
import { MeetingDecision, MeetingMinutes } from './minutes.entity';

export interface MinutesView {
  meetingId: string;
  text: string;
  originalLanguage: Language | null;
  translations: Translations<'text'>;
  status: 'draft' | 'approved';
  approvedAt: string | null;
  approvedBy: string | null;
  workPlanId: string | null;
  decisions: {
    id: string;
    number: number;
    label: string;
    text: string;
    translations: Translations<'text'>;
    actionItems: MeetingDecision['actionItems'];
    workPlanItemIds: string[];
  }[];
}

/** "9/3": the meeting's number and the decision's; meetings without a number use their date. */
export function decisionLabel(meeting: Pick<Meeting, 'number' | 'startsAt'>, number: number): string {
  return `${meeting.number ?? meeting.startsAt?.toISOString().slice(0, 10) ?? '—'}/${number}`;
}

@Injectable()
export class MinutesService {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly items: WorkPlanItemsService,
    private readonly deadlines: DeadlineReader,
    private readonly notifier: MeetingNotifier,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly records: MeetingRepository,
    private readonly invitations: InvitationRepository,
    private readonly plans: WorkPlanRepository,
  ) {}

  async get(meetingId: string): Promise<MinutesView> {
    await this.access.assertMeetingVisible(meetingId);
    return this.unitOfWork.runStatements(async ({ manager }) => {
      const meeting = await this.meetings.load(manager, meetingId);
      const minutes = await this.records.minutes(manager, meetingId);
      if (!minutes) throw ApiError.notFound('Minutes of meeting', meetingId);
      return this.view(manager, meeting, minutes);
    });
  }

  /** Writes (or rewrites) the draft; every action item's deadline is read now, so approval cannot fail on it. */
  async put(meetingId: string, dto: PutMinutesDto): Promise<MinutesView> {
    return this.unitOfWork.run(async ({ manager }) => {
      const meeting = await this.meetings.load(manager, meetingId, true);
      if (meeting.status === 'tentative' || meeting.status === 'cancelled' || meeting.status === 'postponed') {
        throw ApiError.conflict(`Minutes are written for a scheduled or held meeting; this one is ${meeting.status}`);
      }
      const existing = await this.records.minutes(manager, meetingId);
      if (existing?.status === 'approved')
        throw ApiError.conflict('The minutes are approved and can no longer be changed');
      (dto.decisions ?? []).forEach((decision, d) =>
        (decision.actionItems ?? []).forEach((action, a) => {
          if (action.deadline) this.deadlines.readOrThrow(action.deadline, `decisions.${d}.actionItems.${a}.deadline`);
        }),
      );
      const minutes = manager.create(MeetingMinutes, {
        meetingId,
        text: dto.text,
        originalLanguage: dto.originalLanguage ?? null,
        translations: storedTranslations<'text'>(dto.translations),
        status: 'draft',
        approvedAt: null,
        approvedBy: null,
        workPlanId: null,
      });
      await this.records.saveMinutes(manager, minutes);
      await this.records.replaceDecisions(
        manager,
        meetingId,
        (dto.decisions ?? []).map((d) => ({
          text: d.text,
          translations: storedTranslations<'text'>(d.translations),
          actionItems: (d.actionItems ?? []).map(({ translations, ...action }) => ({
            ...action,
            translations: storedTranslations<'activity'>(translations),
          })),
        })),
      );
      await this.audit.record(manager, existing ? 'update' : 'create', 'meeting_minutes', meetingId, existing, minutes);
      return this.view(manager, meeting, minutes);
    });
  }

  /** Approval turns each action item into a work-plan item linked to the meeting, and tells the participants. */
  async approve(meetingId: string, dto: ApproveMinutesDto, language: Language = 'en'): Promise<MinutesView> {
    const view = await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const meeting = await this.meetings.load(manager, meetingId, true);
      const minutes = await this.records.minutes(manager, meetingId, true);
      if (!minutes) throw ApiError.notFound('Minutes of meeting', meetingId);
      if (minutes.status === 'approved') throw ApiError.conflict('The minutes are already approved');
      const decisions = await this.records.decisions(manager, meetingId);
      const hasActions = decisions.some((d) => d.actionItems.length > 0);
      const plan = hasActions ? await this.workPlanFor(manager, meeting, dto, language) : null;
      const timeZone = plan ? await this.plans.bodyTimeZone(manager, plan.bodyId) : meeting.timeZone;
      for (const decision of decisions) {
        const label = decisionLabel(meeting, decision.number);
        for (const [a, action] of decision.actionItems.entries()) {
          try {
            const item = await this.items.createInTransaction(unit, plan!.id, timeZone, {
              activity: textsOf(action.activity, minutes.originalLanguage, action.translations, 'activity'),
              deadline: action.deadline,
              executor: action.executor ?? null,
              responsibleMemberIds: action.responsibleMemberIds ?? [],
              meetingId,
              notes: `Decision ${label}: ${decision.text}`.slice(0, 5000),
            });
            decision.workPlanItemIds.push(item.id);
          } catch (error) {
            if (error instanceof ApiError) {
              const problem = (error.getResponse() as { message: { field: string; message: string }[] | string })
                .message;
              const first = Array.isArray(problem) ? problem[0] : { field: '', message: problem };
              throw ApiError.field(
                error.getStatus(),
                `decisions.${decision.number - 1}.actionItems.${a}.${first.field}`,
                first.message,
              );
            }
            throw error;
          }
        }
        await this.records.saveDecision(manager, decision);
      }
      const before = { ...minutes };
      Object.assign(minutes, {
        status: 'approved',
        approvedAt: new Date(),
        approvedBy: requestContext.actor().name,
        workPlanId: plan?.id ?? null,
      });
      await this.records.saveMinutes(manager, minutes);
      await this.audit.record(manager, 'update', 'meeting_minutes', meetingId, before, minutes);
      const recipients = await this.invitations.answers(manager, meetingId);
      await this.notifier.plan(
        unit,
        meeting,
        'minutes-available',
        recipients
          .filter((r) => r.attended === true || (r.invitedAt !== null && r.response !== 'declined'))
          .map((r) => r.memberId),
        { key: 'minutes' },
      );
      return this.view(manager, meeting, minutes);
    });
    return view;
  }

  private async workPlanFor(
    manager: EntityManager,
    meeting: Meeting,
    dto: ApproveMinutesDto,
    language: Language,
  ): Promise<WorkPlan> {
    const { workPlanId, newWorkPlan } = dto;
    if (workPlanId && newWorkPlan)
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'newWorkPlan', t('minutes.plan.both', language));
    if (newWorkPlan) {
      const plan = manager.create(WorkPlan, {
        bodyId: meeting.bodyId,
        title: newWorkPlan.title,
        period: newWorkPlan.period,
        status: 'draft',
        adoptedAtMeetingId: null,
      });
      await this.plans.save(manager, plan);
      await this.audit.record(manager, 'create', 'work_plan', plan.id, null, plan);
      return plan;
    }
    if (workPlanId) {
      const plan = await this.plans.findIn(manager, workPlanId);
      if (!plan) throw ApiError.field(HttpStatus.BAD_REQUEST, 'workPlanId', `no work plan has the id ${workPlanId}`);
      if (plan.status === 'closed') throw ApiError.conflict('That work plan is closed', 'workPlanId');
      return plan;
    }
    const plan = await this.plans.latestOpenOfBody(manager, meeting.bodyId);
    if (!plan) throw ApiError.conflict(t('minutes.plan.none', language), 'workPlanId');
    return plan;
  }

  private async view(manager: EntityManager, meeting: Meeting, minutes: MeetingMinutes): Promise<MinutesView> {
    const decisions = await this.records.decisions(manager, meeting.id);
    return {
      meetingId: meeting.id,
      text: minutes.text,
      originalLanguage: minutes.originalLanguage,
      translations: minutes.translations,
      status: minutes.status,
      approvedAt: minutes.approvedAt?.toISOString() ?? null,
      approvedBy: minutes.approvedBy,
      workPlanId: minutes.workPlanId,
      decisions: decisions.map((d) => ({
        id: d.id,
        number: d.number,
        label: decisionLabel(meeting, d.number),
        text: d.text,
        translations: d.translations,
        actionItems: d.actionItems,
        workPlanItemIds: d.workPlanItemIds,
      })),
    };
  }
}
