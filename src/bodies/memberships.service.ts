import { paginate } from '../common/database/paginate';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import { MemberCards } from '../members/member-cards';
import { Member } from '../members/member.entity';
import { UnitOfWork } from '../notifications/unit-of-work';
import { ItemRemindersPlanner } from '../reminders/item-reminders.planner';
import { Body } from './body.entity';
import { CreateMembershipDto, MembershipQuery, ReplaceSeatHolderDto, UpdateMembershipDto } from './dto/membership.dto';
import { Membership } from './membership.entity';
import type { MembershipRole } from './membership.entity';

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
    @InjectRepository(Membership) private readonly repository: Repository<Membership>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly unitOfWork: UnitOfWork,
    private readonly itemReminders: ItemRemindersPlanner,
    private readonly access: AccessPolicy,
    private readonly cards: MemberCards,
  ) {}

  create(bodyId: string, dto: CreateMembershipDto): Promise<Membership> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      await this.assertBody(manager, bodyId);
      const member = await manager.findOneBy(Member, { id: dto.memberId });
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
      await manager.save(membership);
      await this.audit.record(manager, 'create', 'membership', membership.id, null, membership);
      if (ESCALATION_ROLES.includes(membership.role)) await this.itemReminders.planBody(unit, bodyId);
      return membership;
    });
  }

  /** A body's terms, read by the secretariat and by those serving in the body (who see the holders as cards). */
  async list(bodyId: string, query: MembershipQuery) {
    await this.access.assertBodyVisible(bodyId);
    await this.assertBody(this.dataSource.manager, bodyId);
    const qb = this.repository
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.member', 'm')
      .where('s.body_id = :bodyId', { bodyId })
      .orderBy('s.seat', 'ASC')
      .addOrderBy('s.start_date', 'ASC')
      .addOrderBy('s.id', 'ASC');
    if (query.at) qb.andWhere('s.start_date <= :at AND (s.end_date IS NULL OR s.end_date >= :at)', { at: query.at });
    if (query.memberId) qb.andWhere('s.member_id = :memberId', { memberId: query.memberId });
    if (query.role) qb.andWhere('s.role = :role', { role: query.role });
    if (query.seat) qb.andWhere('s.seat = :seat', { seat: query.seat });
    const page = await paginate(qb, query);
    return { ...page, items: await this.cards.onTerms(page.items) };
  }

  async get(bodyId: string, id: string) {
    await this.access.assertBodyVisible(bodyId);
    const membership = await this.repository.findOne({ where: { id, bodyId }, relations: { member: true } });
    if (!membership) throw ApiError.notFound('Membership', id);
    const [shown] = await this.cards.onTerms([membership]);
    return shown;
  }

  update(bodyId: string, id: string, dto: UpdateMembershipDto): Promise<Membership> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const membership = await manager.findOne(Membership, {
        where: { id, bodyId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!membership) throw ApiError.notFound('Membership', id);
      const before = { ...membership };
      manager.merge(Membership, membership, dto);
      await this.assertValidTerm(manager, membership);
      await manager.save(membership);
      await this.audit.record(manager, 'update', 'membership', id, before, membership);
      if (ESCALATION_ROLES.includes(membership.role) || ESCALATION_ROLES.includes(before.role))
        await this.itemReminders.planBody(unit, bodyId);
      return membership;
    });
  }

  /**
   * A seat changes hands in one step: the holder's term ends the day before `startDate` and the new
   * holder's term starts that day, in the same seat, or nothing changes.
   */
  replaceHolder(
    bodyId: string,
    id: string,
    dto: ReplaceSeatHolderDto,
  ): Promise<{ ended: Membership; started: Membership }> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const term = await manager.findOne(Membership, { where: { id, bodyId }, lock: { mode: 'pessimistic_write' } });
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
      if (!(await manager.existsBy(Member, { id: dto.memberId })))
        throw ApiError.field(HttpStatus.BAD_REQUEST, 'memberId', `no member has the id ${dto.memberId}`);
      const before = { ...term };
      term.endDate = lastDay;
      await manager.save(term);
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
      await manager.save(started);
      await this.audit.record(manager, 'create', 'membership', started.id, null, started);
      if (ESCALATION_ROLES.includes(term.role) || ESCALATION_ROLES.includes(started.role))
        await this.itemReminders.planBody(unit, bodyId);
      return { ended: term, started };
    });
  }

  private async assertBody(manager: EntityManager, bodyId: string) {
    if (!(await manager.existsBy(Body, { id: bodyId }))) throw ApiError.notFound('Body', bodyId);
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
    const overlapping = await manager
      .createQueryBuilder(Membership, 's')
      .where('s.member_id = :memberId AND s.body_id = :bodyId', { memberId: term.memberId, bodyId: term.bodyId })
      .andWhere(term.id ? 's.id <> :id' : 'TRUE', { id: term.id })
      .andWhere(`daterange(s.start_date, s.end_date, '[]') && daterange(:start::date, :end::date, '[]')`, {
        start: term.startDate,
        end: term.endDate,
      })
      .getOne();
    if (overlapping) {
      const until = overlapping.endDate ?? 'now (open)';
      throw ApiError.conflict(
        `This member already has a term in this body from ${overlapping.startDate} to ${until} (membership ${overlapping.id}) that overlaps this one`,
        overlapField,
      );
    }
  }
}
