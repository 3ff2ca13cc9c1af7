import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { paginate } from '../common/database/paginate';
import type { Page, PageQuery } from '../common/http/pagination';
import { Meeting } from '../meetings/meeting.entity';
import type { WorkPlanStatus } from './work-plan.entity';
import { WorkPlan } from './work-plan.entity';

/** The list's filters and, for a member, the bodies whose plans they may see. */
export interface WorkPlanFilter {
  bodyId?: string;
  status?: WorkPlanStatus;
  visibleBodies: string[] | null;
}

/** Queries over work plans, each one SQL statement. */
@Injectable()
export class WorkPlanRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The plan, or null when the id names none. */
  findById(id: string): Promise<WorkPlan | null> {
    return this.dataSource.manager.findOneBy(WorkPlan, { id });
  }

  findIn(manager: EntityManager, id: string): Promise<WorkPlan | null> {
    return manager.findOneBy(WorkPlan, { id });
  }

  /** The body's draft or adopted plan of the latest period, or null. */
  latestOpenOfBody(manager: EntityManager, bodyId: string): Promise<WorkPlan | null> {
    return manager.findOne(WorkPlan, {
      where: { bodyId, status: In(['draft', 'adopted']) },
      order: { period: 'DESC', createdAt: 'DESC' },
    });
  }

  /** The plan locked for the rest of the caller's transaction, or null. */
  lock(manager: EntityManager, id: string): Promise<WorkPlan | null> {
    return manager.findOne(WorkPlan, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The time zone of the plan's body. */
  async bodyTimeZone(manager: EntityManager, bodyId: string): Promise<string> {
    return (await manager.findOneByOrFail(Body, { id: bodyId })).timeZone;
  }

  /** Inserts or updates the plan (its id and defaults filled in). */
  async save(manager: EntityManager, plan: WorkPlan): Promise<void> {
    await manager.save(plan);
  }

  /** A page of plans, latest period first. */
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

  /** Whether a body has the id. */
  bodyExists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Body, { id });
  }

  /** Whether a meeting has the id. */
  meetingExists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Meeting, { id });
  }
}
