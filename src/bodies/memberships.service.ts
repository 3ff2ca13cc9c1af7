import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import { MemberCards } from '../members/member-cards';
import { UnitOfWork } from '../notifications/unit-of-work';
import { ItemRemindersPlanner } from '../reminders/item-reminders.planner';
import { CreateMembershipDto, MembershipQuery, ReplaceSeatHolderDto, UpdateMembershipDto } from './dto/membership.dto';
import { Membership } from './membership.entity';
import type { MembershipRole } from './membership.entity';
import { MembershipRepository } from './membership.repository';

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Escalations about overdue items go to whoever holds these roles in the body. */
const ESCALATION_ROLES: MembershipRole[] = ['chair', 'secretariat'];

@Injectable()
export class MembershipsService {
  constructor(
    private readonly repository: MembershipRepository,
    private readonly audit: AuditService,
    private readonly unitOfWork: UnitOfWork,
    private readonly itemReminders: ItemRemindersPlanner,
    private readonly access: AccessPolicy,
    private readonly cards: MemberCards,
  ) {}

  create(bodyId: string, dto: CreateMembershipDto): Promise<Membership> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      await this.assertBody(bodyId, manager);
      const member = await this.repository.member(manager, dto.memberId);
      if (!member) throw ApiError.field(HttpStatus.BAD_REQUEST, 'memberId', `no member has the id ${dto.memberId}`);
      const membership = manager.create(Membership, {
        bodyId,
        memberId: dto.memberId,
        role: dto.role,
        seat: dto.seat ?? member.countryCode,
        startDate: dto.startDate,
        endDate: dto.endDate ?? null,
      });
      await this.assertValidTerm(manager, membership);
      await this.repository.save(manager, membership);
      await this.audit.record(manager, 'create', 'membership', membership.id, null, membership);
      if (ESCALATION_ROLES.includes(membership.role)) await this.itemReminders.planBody(unit, bodyId);
      return membership;
    });
  }

  async list(bodyId: string, query: MembershipQuery) {
    await this.access.assertBodyVisible(bodyId);
    await this.assertBody(bodyId);
    const page = await this.repository.page(bodyId, query);
    return { ...page, items: await this.cards.onTerms(page.items) };
  }

  async get(bodyId: string, id: string) {
    await this.access.assertBodyVisible(bodyId);
    const membership = await this.repository.findWithMember(bodyId, id);
    if (!membership) throw ApiError.notFound('Membership', id);
    const [shown] = await this.cards.onTerms([membership]);
    return shown;
  }

  update(bodyId: string, id: string, dto: UpdateMembershipDto): Promise<Membership> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const membership = await this.repository.lock(manager, bodyId, id);
      if (!membership) throw ApiError.notFound('Membership', id);
      const before = { ...membership };
      manager.merge(Membership, membership, dto);
      await this.assertValidTerm(manager, membership);
      await this.repository.save(manager, membership);
      await this.audit.record(manager, 'update', 'membership', id, before, membership);
      if (ESCALATION_ROLES.includes(membership.role) || ESCALATION_ROLES.includes(before.role))
        await this.itemReminders.planBody(unit, bodyId);
      return membership;
    });
  }

  /** The holder's term ends the day before `startDate` and the new holder's starts that day, or nothing changes. */
  replaceHolder(
    bodyId: string,
    id: string,
    dto: ReplaceSeatHolderDto,
  ): Promise<{ ended: Membership; started: Membership }> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const term = await this.repository.lock(manager, bodyId, id);
      if (!term) throw ApiError.notFound('Membership', id);
      const lastDay = dayBefore(dto.startDate);
      if (dto.startDate <= term.startDate)
        throw ApiError.field(
          HttpStatus.BAD_REQUEST,
          'startDate',
          `the new holder's first day must be after the current term's start (${term.startDate})`,
        );
      if (term.endDate !== null && term.endDate < lastDay)
        throw ApiError.field(
          HttpStatus.CONFLICT,
          'startDate',
          `this term already ended on ${term.endDate}: add a new term instead`,
        );
      if (dto.memberId === term.memberId)
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'memberId', 'the new holder must be someone else');
      if (!(await this.repository.member(manager, dto.memberId)))
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'memberId', `no member has the id ${dto.memberId}`);
      const before = { ...term };
      term.endDate = lastDay;
      await this.repository.save(manager, term);
      await this.audit.record(manager, 'update', 'membership', id, before, term);
      const started = manager.create(Membership, {
        bodyId,
        memberId: dto.memberId,
        role: dto.role ?? term.role,
        seat: term.seat,
        startDate: dto.startDate,
        endDate: null,
      });
      await this.assertValidTerm(manager, started, 'memberId');
      await this.repository.save(manager, started);
      await this.audit.record(manager, 'create', 'membership', started.id, null, started);
      if (ESCALATION_ROLES.includes(term.role) || ESCALATION_ROLES.includes(started.role))
        await this.itemReminders.planBody(unit, bodyId);
      return { ended: term, started };
    });
  }

  private async assertBody(bodyId: string, manager?: EntityManager) {
    if (!(await this.repository.bodyExists(bodyId, manager))) throw ApiError.notFound('Body', bodyId);
  }

  /** A term ends after it starts, and one member's terms in one body never overlap (the database checks too). */
  private async assertValidTerm(manager: EntityManager, term: Membership, overlapField = 'startDate') {
    if (term.endDate !== null && term.endDate < term.startDate) {
      throw ApiError.field(
        HttpStatus.BAD_REQUEST,
        'endDate',
        `endDate (${term.endDate}) is before startDate (${term.startDate})`,
      );
    }
    const overlapping = await this.repository.overlapping(manager, term);
    if (overlapping) {
      const until = overlapping.endDate ?? 'now (open)';
      throw ApiError.conflict(
        `This member already has a term in this body from ${overlapping.startDate} to ${until} (membership ${overlapping.id}) that overlaps this one`,
        overlapField,
      );
    }
  }
}
