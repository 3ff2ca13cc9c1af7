import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { paginate } from '../common/database/paginate';
import type { Page } from '../common/http/pagination';
import { Member } from '../members/member.entity';
import { Body } from './body.entity';
import type { MembershipQuery } from './dto/membership.dto';
import { Membership } from './membership.entity';

@Injectable()
export class MembershipRepository {
  constructor(private readonly dataSource: DataSource) {}

  findWithMember(bodyId: string, id: string): Promise<Membership | null> {
    return this.dataSource.manager.findOne(Membership, { where: { id, bodyId }, relations: { member: true } });
  }

  lock(manager: EntityManager, bodyId: string, id: string): Promise<Membership | null> {
    return manager.findOne(Membership, { where: { id, bodyId }, lock: { mode: 'pessimistic_write' } });
  }

  async save(manager: EntityManager, membership: Membership): Promise<void> {
    await manager.save(membership);
  }

  bodyExists(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(Body, { id });
  }

  member(manager: EntityManager, id: string): Promise<Member | null> {
    return manager.findOneBy(Member, { id });
  }

  page(bodyId: string, query: MembershipQuery): Promise<Page<Membership>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Membership, 's')
      .innerJoinAndSelect('s.member', 'm')
      .where('s.body_id = :bodyId', { bodyId })
      .orderBy('s.seat', 'ASC')
      .addOrderBy('s.start_date', 'ASC')
      .addOrderBy('s.id', 'ASC');
    if (query.at) qb.andWhere('s.start_date <= :at AND (s.end_date IS NULL OR s.end_date >= :at)', { at: query.at });
    if (query.memberId) qb.andWhere('s.member_id = :memberId', { memberId: query.memberId });
    if (query.role) qb.andWhere('s.role = :role', { role: query.role });
    if (query.seat) qb.andWhere('s.seat = :seat', { seat: query.seat });
    return paginate(qb, query);
  }

  overlapping(manager: EntityManager, term: Membership): Promise<Membership | null> {
    return manager
      .createQueryBuilder(Membership, 's')
      .where('s.member_id = :memberId AND s.body_id = :bodyId', { memberId: term.memberId, bodyId: term.bodyId })
      .andWhere(term.id ? 's.id <> :id' : 'TRUE', { id: term.id })
      .andWhere(`daterange(s.start_date, s.end_date, '[]') && daterange(:start::date, :end::date, '[]')`, {
        start: term.startDate,
        end: term.endDate,
      })
      .getOne();
  }

  seatTermsUpTo(bodyId: string, day: string): Promise<Membership[]> {
    return this.dataSource.manager
      .createQueryBuilder(Membership, 's')
      .innerJoinAndSelect('s.member', 'm')
      .where('s.body_id = :bodyId', { bodyId })
      .andWhere("s.role <> 'secretariat'")
      .andWhere('s.start_date <= :day', { day })
      .orderBy('s.start_date', 'ASC')
      .getMany();
  }
}
