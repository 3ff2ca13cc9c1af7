import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { paginate } from '../common/database/paginate';
import type { Page, PageQuery } from '../common/http/pagination';
import { Meeting } from '../meetings/meeting.entity';
import type { WorkPlanStatus } from './work-plan.entity';
import { WorkPlan } from './work-plan.entity';

export interface WorkPlanFilter {
  bodyId?: string;
  status?: WorkPlanStatus;
  visibleBodies: string[] | null;
}

@Injectable()
export class WorkPlanRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<WorkPlan | null> {
    return this.dataSource.manager.findOneBy(WorkPlan, { id });
  }

  findIn(manager: EntityManager, id: string): Promise<WorkPlan | null> {
    return manager.findOneBy(WorkPlan, { id });
  }

  latestOpenOfBody(manager: EntityManager, bodyId: string): Promise<WorkPlan | null> {
    return manager.findOne(WorkPlan, {
      where: { bodyId, status: In(['draft', 'adopted']) },
      order: { period: 'DESC', createdAt: 'DESC' },
    });
  }

  lock(manager: EntityManager, id: string): Promise<WorkPlan | null> {
    return manager.findOne(WorkPlan, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async bodyTimeZone(manager: EntityManager, bodyId: string): Promise<string> {
    return (await manager.findOneByOrFail(Body, { id: bodyId })).timeZone;
  }

  async save(manager: EntityManager, plan: WorkPlan): Promise<void> {
    await manager.save(plan);
  }

  page(filter: WorkPlanFilter, query: PageQuery): Promise<Page<WorkPlan>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(WorkPlan, 'p')
      .orderBy('p.period', 'DESC')
      .addOrderBy('p.created_at', 'DESC');
    if (filter.bodyId) qb.andWhere('p.body_id = :bodyId', { bodyId: filter.bodyId });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.visibleBodies !== null) qb.andWhere('p.body_id = ANY(:bodies)', { bodies: filter.visibleBodies });
    return paginate(qb, query);
  }

  bodyExists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Body, { id });
  }

  meetingExists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Meeting, { id });
  }
}
