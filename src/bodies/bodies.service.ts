import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/http/api-error';
import { Page } from '../common/http/pagination';
import { canonicalTimeZone } from '../common/time/time-zone';
import { UnitOfWork } from '../notifications/unit-of-work';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import { ItemRemindersPlanner } from '../reminders/item-reminders.planner';
import { MeetingRemindersPlanner } from '../reminders/meeting-reminders.planner';
import { ItemDueMoments } from '../work-plan/item-due-moments';
import { Body } from './body.entity';
import { BodyRepository } from './body.repository';
import { BodyQuery, CreateBodyDto, UpdateBodyDto } from './dto/body.dto';

@Injectable()
export class BodiesService {
  constructor(
    private readonly repository: BodyRepository,
    private readonly audit: AuditService,
    private readonly unitOfWork: UnitOfWork,
    private readonly meetingReminders: MeetingRemindersPlanner,
    private readonly itemReminders: ItemRemindersPlanner,
    private readonly dueMoments: ItemDueMoments,
  ) {}

  create(dto: CreateBodyDto): Promise<Body> {
    return this.unitOfWork.run(async ({ manager }) => {
      if (dto.parentId) await this.assertParent(manager, dto.parentId, null);
      const body = manager.create(Body, {
        name: dto.name,
        kind: dto.kind,
        parentId: dto.parentId ?? null,
        timeZone: canonicalTimeZone(dto.timeZone ?? 'Asia/Almaty'),
        reminderOffsets: dto.reminderOffsets ? { ...dto.reminderOffsets } : null,
        documentDistribution: dto.documentDistribution ? { ...dto.documentDistribution } : null,
      });
      await this.repository.save(manager, body);
      await this.audit.record(manager, 'create', 'body', body.id, null, body);
      return body;
    });
  }

  async get(id: string): Promise<Body> {
    const body = await this.repository.findById(id);
    if (!body) throw ApiError.notFound('Body', id);
    return body;
  }

  list(query: BodyQuery): Promise<Page<Body>> {
    return this.repository.page(query);
  }

  update(id: string, dto: UpdateBodyDto): Promise<Body> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const body = await this.repository.lock(manager, id);
      if (!body) throw ApiError.notFound('Body', id);
      if (dto.parentId) await this.assertParent(manager, dto.parentId, id);
      const before = { ...body };
      const { reminderOffsets, documentDistribution, ...rest } = dto;
      manager.merge(Body, body, rest);
      if (reminderOffsets !== undefined) body.reminderOffsets = reminderOffsets ? { ...reminderOffsets } : null;
      if (documentDistribution !== undefined)
        body.documentDistribution = documentDistribution ? { ...documentDistribution } : null;
      if (dto.timeZone) body.timeZone = canonicalTimeZone(dto.timeZone);
      await this.repository.save(manager, body);
      await this.replanReminders(unit, before, body);
      await this.audit.record(manager, 'update', 'body', id, before, body);
      return body;
    });
  }

  private async replanReminders(unit: UnitOfWorkContext, before: Body, body: Body): Promise<void> {
    const { manager } = unit;
    const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const zoneChanged = before.timeZone !== body.timeZone;
    if (
      !same(before.reminderOffsets?.meetings, body.reminderOffsets?.meetings) ||
      !same(before.documentDistribution, body.documentDistribution)
    ) {
      const meetings = await this.repository.futureMeetings(manager, body.id);
      for (const meeting of meetings) await this.meetingReminders.plan(unit, meeting);
    }
    if (zoneChanged) await this.dueMoments.rezoneBody(manager, body.id, body.timeZone);
    if (zoneChanged || !same(before.reminderOffsets?.items, body.reminderOffsets?.items))
      await this.itemReminders.planBody(unit, body.id);
  }

  private async assertParent(manager: EntityManager, parentId: string, bodyId: string | null) {
    const chain = await this.repository.selfAndAncestors(manager, parentId);
    if (chain.length === 0) throw ApiError.field(HttpStatus.BAD_REQUEST, 'parentId', `no body has the id ${parentId}`);
    if (bodyId && chain.includes(bodyId)) {
      throw ApiError.field(
        HttpStatus.CONFLICT,
        'parentId',
        'a body cannot be placed under itself or one of its own sub-bodies',
      );
    }
  }
}
