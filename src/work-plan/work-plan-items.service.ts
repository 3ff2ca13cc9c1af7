import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { requestContext } from '../common/request-context';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { Member } from '../members/member.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitOfWork } from '../notifications/unit-of-work';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import { ItemRemindersPlanner } from '../reminders/item-reminders.planner';
import type { ItemPlanContext, ItemWithPeople } from '../reminders/item-reminders.planner';
import { DeadlineReader } from './deadline/deadline-reader';
import { CreateWorkPlanItemDto, UpdateWorkPlanItemDto, WorkPlanItemQuery } from './dto/work-plan-item.dto';
import type { WorkPlanItemChange } from './work-plan-item-change.entity';
import { WorkPlanItem } from './work-plan-item.entity';
import { INSERTED_ITEM_STAMPS_JSON, WorkPlanItemRepository } from './work-plan-item.repository';
import type { ItemFieldChange } from './work-plan-item.repository';
import { ItemViewOptions, toItemView, WorkPlanItemView } from './work-plan-item.view';

/** The item as its audit entries keep it: responsible members by id, focal points (the organisation's) left out. */
function auditSnapshot(item: ItemWithPeople): object {
  const { focalPoints, ...kept } = item;
  return { ...kept, responsibleMemberIds: item.responsibleMembers.map((m) => m.id) };
}

@Injectable()
export class WorkPlanItemsService {
  constructor(
    private readonly items: WorkPlanItemRepository,
    private readonly deadlines: DeadlineReader,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: ItemRemindersPlanner,
    private readonly notifications: NotificationsService,
    private readonly unitOfWork: UnitOfWork,
    private readonly access: AccessPolicy,
  ) {}

  /** No transaction: the reads lock nothing (a transaction in READ COMMITTED would read the same). */
  async create(workPlanId: string, dto: CreateWorkPlanItemDto): Promise<WorkPlanItemView> {
    const item = await this.unitOfWork.runStatements(async (unit) =>
      this.insert(unit, await this.planContext(unit.manager, workPlanId), dto),
    );
    return toItemView(item, new Date(), this.viewOptions());
  }

  /** Creates one item inside the caller's transaction (the minutes' action items, all or none). */
  async createInTransaction(
    unit: UnitOfWorkContext,
    workPlanId: string,
    timeZone: string,
    dto: CreateWorkPlanItemDto,
  ): Promise<WorkPlanItem> {
    return this.insert(unit, { ...(await this.planContext(unit.manager, workPlanId)), timeZone }, dto);
  }

  private async planContext(manager: EntityManager, workPlanId: string): Promise<ItemPlanContext> {
    const context = await this.reminders.loadContext(manager, workPlanId);
    if (!context) throw ApiError.notFound('Work plan', workPlanId);
    return context;
  }

  /** The item's id is chosen here, so its reminders need nothing from its row but the position. */
  private async insert(
    unit: UnitOfWorkContext,
    context: ItemPlanContext,
    dto: CreateWorkPlanItemDto,
  ): Promise<WorkPlanItem> {
    const { manager } = unit;
    const deadline = this.deadlines.read(dto.deadline ?? '', context.timeZone);
    const executor = await this.resolveExecutor(manager, dto.executor ?? null);
    await this.assertMeeting(manager, dto.meetingId);
    const responsibleMembers = await this.resolveResponsible(manager, dto.responsibleMemberIds ?? []);
    const item = manager.create(WorkPlanItem, {
      id: randomUUID(),
      workPlanId: context.workPlanId,
      activity: dto.activity,
      deadlineText: deadline.text,
      deadlineKind: deadline.kind,
      deadlineWindows: deadline.windows,
      onRequest: deadline.onRequest,
      dueAt: deadline.dueAt,
      startsOn: deadline.startsOn,
      ...executor,
      responsibleMembers,
      countries: [...new Set(dto.countries ?? [])],
      topics: [...new Set(dto.topics ?? [])],
      status: dto.status ?? 'planned',
      meetingId: dto.meetingId ?? null,
      notes: dto.notes ?? null,
      reminderOffsets: dto.reminderOffsets ?? null,
    }) as ItemWithPeople;
    item.focalPoints = await this.focalPoints(manager, executor.executorOrganizationId);
    await this.insertAtNextPosition(unit, item, context);
    return item;
  }

  private async insertAtNextPosition(
    { manager, outbox }: UnitOfWorkContext,
    item: ItemWithPeople,
    context: ItemPlanContext,
  ): Promise<void> {
    const written = await this.items.insertAtNextPosition(manager, item, (firstParam) => {
      const audit = this.audit.entryInsertSql(
        'create',
        'work_plan_item',
        item.id,
        null,
        auditSnapshot(item),
        firstParam,
        INSERTED_ITEM_STAMPS_JSON,
      );
      const reminders = this.notifications.newSubjectInsertSql(
        this.reminders.desiredReminders(item, context),
        firstParam + audit.params.length,
        'reminders',
      );
      return {
        ctes: [`audit AS (${audit.sql})`, ...(reminders ? [`reminders AS (${reminders.sql})`] : [])],
        params: [...audit.params, ...(reminders?.params ?? [])],
        planned: reminders?.planned ?? null,
      };
    });
    if (!written) throw ApiError.notFound('Work plan', item.workPlanId);
    this.notifications.addInserted(outbox, written.planned);
  }

  async get(id: string): Promise<WorkPlanItemView> {
    await this.access.assertItemVisible(id);
    const item = await this.items.findWithRelations(id);
    if (!item) throw ApiError.notFound('Work-plan item', id);
    return toItemView(item, new Date(), this.viewOptions());
  }

  async list(query: WorkPlanItemQuery, now = new Date()): Promise<Page<WorkPlanItemView>> {
    return JSON.parse(await this.listJson(query, now)) as Page<WorkPlanItemView>;
  }

  async listJson(query: WorkPlanItemQuery, now = new Date()): Promise<string> {
    const { limit, offset, ...filters } = query;
    const bodies = await this.access.bodyIds();
    const visibleTo = bodies === null ? null : { bodies, memberId: this.access.member() };
    return this.items.pageJson(
      { ...filters, zone: this.config.defaultTimeZone, visibleTo },
      { limit, offset },
      now,
      this.viewOptions(),
    );
  }

  /** Only the secretariat sees people's addresses; a member sees names and countries. */
  private viewOptions(): ItemViewOptions {
    return { emails: this.access.member() === null };
  }

  private async loadForUpdate(manager: EntityManager, id: string): Promise<ItemWithPeople> {
    const item = await this.items.lockWithPeople(manager, id);
    if (!item) throw ApiError.notFound('Work-plan item', id);
    return item;
  }

  async update(id: string, dto: UpdateWorkPlanItemDto): Promise<WorkPlanItemView> {
    await this.access.assertItemEditable(
      id,
      Object.keys(dto).filter((key) => dto[key as keyof UpdateWorkPlanItemDto] !== undefined),
    );
    const updated = await this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const item = await this.loadForUpdate(manager, id);
      const before = auditSnapshot(item);
      const context = await this.planContext(manager, item.workPlanId);
      const { deadline, executor, responsibleMemberIds, changeNote, countries, topics, ...rest } = dto;
      const changes: ItemFieldChange[] = [];

      if (deadline !== undefined && deadline !== item.deadlineText) {
        const read = this.deadlines.read(deadline ?? '', context.timeZone);
        changes.push({ field: 'deadline', oldValue: item.deadlineText, newValue: read.text });
        Object.assign(item, {
          deadlineText: read.text,
          deadlineKind: read.kind,
          deadlineWindows: read.windows,
          onRequest: read.onRequest,
          dueAt: read.dueAt,
          startsOn: read.startsOn,
        });
      }
      if (rest.status !== undefined && rest.status !== item.status)
        changes.push({ field: 'status', oldValue: item.status, newValue: rest.status });
      if (executor !== undefined) {
        Object.assign(item, await this.resolveExecutor(manager, executor));
        item.focalPoints = await this.focalPoints(manager, item.executorOrganizationId);
      }
      await this.assertMeeting(manager, rest.meetingId);
      if (responsibleMemberIds !== undefined)
        item.responsibleMembers = await this.resolveResponsible(manager, responsibleMemberIds ?? []);
      if (countries !== undefined) item.countries = [...new Set(countries ?? [])];
      if (topics !== undefined) item.topics = [...new Set(topics ?? [])];
      manager.merge(WorkPlanItem, item, rest);
      await this.items.writeUpdate(manager, item, {
        responsibleGiven: responsibleMemberIds !== undefined,
        changes,
        note: changeNote ?? null,
        actor: requestContext.actor(),
      });
      await this.reminders.planLoaded(unit, item, context);
      await this.audit.record(manager, 'update', 'work_plan_item', id, before, auditSnapshot(item));
      return item;
    });
    return toItemView(updated, new Date(), this.viewOptions());
  }

  async history(id: string): Promise<WorkPlanItemChange[]> {
    await this.access.assertItemVisible(id);
    if (!(await this.items.exists(id))) throw ApiError.notFound('Work-plan item', id);
    return this.items.changesOf(id);
  }

  private async resolveExecutor(manager: EntityManager, executorId: string | null) {
    if (executorId === null)
      return { executorOrganizationId: null, executorMemberId: null, executorOrganization: null, executorMember: null };
    const organization = await this.items.organization(manager, executorId);
    if (organization)
      return {
        executorOrganizationId: organization.id,
        executorMemberId: null,
        executorOrganization: organization,
        executorMember: null,
      };
    const member = await this.items.member(manager, executorId);
    if (member)
      return {
        executorOrganizationId: null,
        executorMemberId: member.id,
        executorOrganization: null,
        executorMember: member,
      };
    throw ApiError.field(HttpStatus.BAD_REQUEST, 'executor', `no organisation or member has the id ${executorId}`);
  }

  private async focalPoints(manager: EntityManager, organizationId: string | null): Promise<Member[]> {
    if (!organizationId) return [];
    return (await this.items.focalPointsOf(manager, [organizationId])).get(organizationId) ?? [];
  }

  private async assertMeeting(manager: EntityManager, meetingId: string | null | undefined) {
    if (meetingId && !(await this.items.meetingExists(manager, meetingId))) {
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'meetingId', `no meeting has the id ${meetingId}`);
    }
  }

  private async resolveResponsible(manager: EntityManager, ids: string[]): Promise<Member[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const members = await this.items.members(manager, unique);
    const missing = unique.filter((id) => !members.some((m) => m.id === id));
    if (missing.length)
      throw ApiError.field(
        HttpStatus.BAD_REQUEST,
        'responsibleMemberIds',
        `no member has the id ${missing.join(', ')}`,
      );
    return members;
  }
}
