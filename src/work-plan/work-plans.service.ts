import { paginate } from '../common/database/paginate';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { Body } from '../bodies/body.entity';
import { Meeting } from '../meetings/meeting.entity';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { CreateWorkPlanDto, UpdateWorkPlanDto, WorkPlanQuery } from './dto/work-plan.dto';
import { WorkPlan } from './work-plan.entity';

@Injectable()
export class WorkPlansService {
  constructor(
    @InjectRepository(WorkPlan) private readonly repository: Repository<WorkPlan>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  create(dto: CreateWorkPlanDto): Promise<WorkPlan> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Body, { id: dto.bodyId }))) {
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'bodyId', `no body has the id ${dto.bodyId}`);
      }
      await this.assertMeeting(manager, dto.adoptedAtMeetingId);
      const plan = manager.create(WorkPlan, { ...dto, status: dto.status ?? 'draft', adoptedAtMeetingId: dto.adoptedAtMeetingId ?? null });
      await manager.save(plan);
      await this.audit.record(manager, 'create', 'work_plan', plan.id, null, plan);
      return plan;
    });
  }

  async get(id: string): Promise<WorkPlan> {
    await this.access.assertWorkPlanVisible(id);
    const plan = await this.repository.findOneBy({ id });
    if (!plan) throw ApiError.notFound('Work plan', id);
    return plan;
  }

  /** The plan with its body's time zone, locked for the rest of the caller's transaction. */
  async getForUpdate(manager: EntityManager, id: string): Promise<{ plan: WorkPlan; timeZone: string }> {
    const plan = await manager.findOne(WorkPlan, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!plan) throw ApiError.notFound('Work plan', id);
    const body = await manager.findOneByOrFail(Body, { id: plan.bodyId });
    return { plan, timeZone: body.timeZone };
  }

  async list(query: WorkPlanQuery): Promise<Page<WorkPlan>> {
    const qb = this.repository.createQueryBuilder('p').orderBy('p.period', 'DESC').addOrderBy('p.created_at', 'DESC');
    if (query.bodyId) qb.andWhere('p.body_id = :bodyId', { bodyId: query.bodyId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    const bodies = await this.access.bodyIds();
    if (bodies !== null) qb.andWhere('p.body_id = ANY(:bodies)', { bodies });
    return paginate(qb, query);
  }

  update(id: string, dto: UpdateWorkPlanDto): Promise<WorkPlan> {
    return this.dataSource.transaction(async (manager) => {
      const { plan } = await this.getForUpdate(manager, id);
      await this.assertMeeting(manager, dto.adoptedAtMeetingId);
      const before = { ...plan };
      manager.merge(WorkPlan, plan, dto);
      await manager.save(plan);
      await this.audit.record(manager, 'update', 'work_plan', id, before, plan);
      return plan;
    });
  }

  private async assertMeeting(manager: EntityManager, meetingId: string | null | undefined) {
    if (meetingId && !(await manager.existsBy(Meeting, { id: meetingId }))) {
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'adoptedAtMeetingId', `no meeting has the id ${meetingId}`);
    }
  }
}
