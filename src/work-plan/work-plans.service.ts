import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { UnitOfWork } from '../notifications/unit-of-work';
import { CreateWorkPlanDto, UpdateWorkPlanDto, WorkPlanQuery } from './dto/work-plan.dto';
import { WorkPlan } from './work-plan.entity';
import { WorkPlanRepository } from './work-plan.repository';

@Injectable()
export class WorkPlansService {
  constructor(
    private readonly plans: WorkPlanRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  create(dto: CreateWorkPlanDto): Promise<WorkPlan> {
    return this.unitOfWork.run(async ({ manager }) => {
      if (!(await this.plans.bodyExists(manager, dto.bodyId))) {
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'bodyId', `no body has the id ${dto.bodyId}`);
      }
      await this.assertMeeting(manager, dto.adoptedAtMeetingId);
      const plan = manager.create(WorkPlan, {
        ...dto,
        status: dto.status ?? 'draft',
        adoptedAtMeetingId: dto.adoptedAtMeetingId ?? null,
      });
      await this.plans.save(manager, plan);
      await this.audit.record(manager, 'create', 'work_plan', plan.id, null, plan);
      return plan;
    });
  }

  async get(id: string): Promise<WorkPlan> {
    await this.access.assertWorkPlanVisible(id);
    const plan = await this.plans.findById(id);
    if (!plan) throw ApiError.notFound('Work plan', id);
    return plan;
  }

  async getForUpdate(manager: EntityManager, id: string): Promise<{ plan: WorkPlan; timeZone: string }> {
    const plan = await this.plans.lock(manager, id);
    if (!plan) throw ApiError.notFound('Work plan', id);
    return { plan, timeZone: await this.plans.bodyTimeZone(manager, plan.bodyId) };
  }

  async list(query: WorkPlanQuery): Promise<Page<WorkPlan>> {
    return this.plans.page(
      { bodyId: query.bodyId, status: query.status, visibleBodies: await this.access.bodyIds() },
      query,
    );
  }

  update(id: string, dto: UpdateWorkPlanDto): Promise<WorkPlan> {
    return this.unitOfWork.run(async ({ manager }) => {
      const { plan } = await this.getForUpdate(manager, id);
      await this.assertMeeting(manager, dto.adoptedAtMeetingId);
      const before = { ...plan };
      manager.merge(WorkPlan, plan, dto);
      await this.plans.save(manager, plan);
      await this.audit.record(manager, 'update', 'work_plan', id, before, plan);
      return plan;
    });
  }

  private async assertMeeting(manager: EntityManager, meetingId: string | null | undefined) {
    if (meetingId && !(await this.plans.meetingExists(manager, meetingId))) {
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'adoptedAtMeetingId', `no meeting has the id ${meetingId}`);
    }
  }
}
