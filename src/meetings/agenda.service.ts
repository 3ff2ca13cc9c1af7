import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import { MemberRepository } from '../members/member.repository';
import { UnitOfWork } from '../notifications/unit-of-work';
import { AgendaItem } from './agenda-item.entity';
import { CreateAgendaItemDto, ReorderAgendaDto, UpdateAgendaItemDto } from './dto/agenda.dto';
import { MeetingRepository } from './meeting.repository';
import { MeetingsService } from './meetings.service';

@Injectable()
export class AgendaService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly members: MemberRepository,
    private readonly meetings: MeetingsService,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly records: MeetingRepository,
  ) {}

  async list(meetingId: string): Promise<AgendaItem[]> {
    await this.access.assertMeetingVisible(meetingId);
    return this.unitOfWork.runStatements(async ({ manager }) => {
      await this.meetings.load(manager, meetingId);
      return this.records.agenda(manager, meetingId);
    });
  }

  add(meetingId: string, dto: CreateAgendaItemDto): Promise<AgendaItem> {
    return this.unitOfWork.run(async ({ manager }) => {
      await this.meetings.load(manager, meetingId, true);
      await this.assertPresenter(manager, dto.presenterId);
      const item = await this.records.addAgendaItem(manager, {
        meetingId,
        title: dto.title,
        presenterId: dto.presenterId ?? null,
        durationMinutes: dto.durationMinutes ?? null,
        documents: dto.documents ?? [],
      });
      await this.audit.record(manager, 'create', 'agenda_item', item.id, null, item);
      return item;
    });
  }

  update(meetingId: string, itemId: string, dto: UpdateAgendaItemDto): Promise<AgendaItem> {
    return this.unitOfWork.run(async ({ manager }) => {
      const item = await this.records.agendaItem(manager, meetingId, itemId, true);
      if (!item) throw ApiError.notFound('Agenda item', itemId);
      await this.assertPresenter(manager, dto.presenterId);
      const before = { ...item };
      manager.merge(AgendaItem, item, dto);
      await this.records.saveAgendaItem(manager, item);
      await this.audit.record(manager, 'update', 'agenda_item', itemId, before, item);
      return item;
    });
  }

  remove(meetingId: string, itemId: string): Promise<void> {
    return this.unitOfWork.run(async ({ manager }) => {
      const item = await this.records.agendaItem(manager, meetingId, itemId);
      if (!item) throw ApiError.notFound('Agenda item', itemId);
      await this.records.removeAgendaItem(manager, item);
      await this.audit.record(manager, 'delete', 'agenda_item', itemId, item, null);
    });
  }

  /** The new order must name every item exactly once, so that no item is lost or doubled by a stale page. */
  reorder(meetingId: string, dto: ReorderAgendaDto): Promise<AgendaItem[]> {
    return this.unitOfWork.run(async ({ manager }) => {
      await this.meetings.load(manager, meetingId, true);
      const items = await this.records.agendaItems(manager, meetingId);
      const ids = new Set(items.map((i) => i.id));
      if (
        dto.order.length !== items.length ||
        new Set(dto.order).size !== dto.order.length ||
        dto.order.some((id) => !ids.has(id))
      ) {
        throw ApiError.field(
          HttpStatus.BAD_REQUEST,
          'order',
          `order must list each of the meeting's ${items.length} agenda items exactly once`,
        );
      }
      for (const [index, id] of dto.order.entries()) await this.records.moveAgendaItem(manager, id, index + 1);
      await this.audit.record(
        manager,
        'update',
        'meeting',
        meetingId,
        { agenda: items.sort((a, b) => a.position - b.position).map((i) => i.id) },
        { agenda: dto.order },
      );
      return this.records.agenda(manager, meetingId);
    });
  }

  private async assertPresenter(manager: EntityManager, presenterId: string | null | undefined) {
    if (presenterId && !(await this.members.exists(manager, presenterId))) {
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'presenterId', `no member has the id ${presenterId}`);
    }
  }
}
