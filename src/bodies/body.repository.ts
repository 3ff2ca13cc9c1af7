import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { paginate } from '../common/database/paginate';
import type { Page } from '../common/http/pagination';
import { Meeting } from '../meetings/meeting.entity';
import { Body } from './body.entity';
import type { BodyQuery } from './dto/body.dto';
import { Membership } from './membership.entity';

export interface NewSeatRow {
  body_id: string;
  seat: string;
  full_name: string;
  since: string;
  body: Record<string, string>;
}

@Injectable()
export class BodyRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Body | null> {
    return this.dataSource.manager.findOneBy(Body, { id });
  }

  lock(manager: EntityManager, id: string): Promise<Body | null> {
    return manager.findOne(Body, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(manager: EntityManager, body: Body): Promise<void> {
    await manager.save(body);
  }

  page(query: BodyQuery): Promise<Page<Body>> {
    const qb = this.dataSource.manager.createQueryBuilder(Body, 'b').orderBy('b.created_at', 'ASC').addOrderBy('b.id');
    if (query.kind) qb.andWhere('b.kind = :kind', { kind: query.kind });
    if (query.parentId) qb.andWhere('b.parent_id = :parentId', { parentId: query.parentId });
    return paginate(qb, query);
  }

  /** The ids of the body and of all its ancestors; empty when the id names no body. */
  async selfAndAncestors(manager: EntityManager, id: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE chain(id, parent_id) AS (
         SELECT id, parent_id FROM body WHERE id = $1
         UNION SELECT b.id, b.parent_id FROM body b JOIN chain c ON b.id = c.parent_id
       ) SELECT id FROM chain`,
      [id],
    );
    return rows.map((row) => row.id);
  }

  futureMeetings(manager: EntityManager, bodyId: string): Promise<Meeting[]> {
    return manager.find(Meeting, { where: { bodyId, status: 'scheduled', startsAt: MoreThan(new Date()) } });
  }

  all(): Promise<Body[]> {
    return this.dataSource.manager.find(Body, { order: { createdAt: 'ASC' } });
  }

  termsOf(memberId: string): Promise<Membership[]> {
    return this.dataSource.manager.find(Membership, {
      where: { memberId },
      relations: { body: true },
      order: { startDate: 'DESC' },
    });
  }

  /** Seats (chair to observer) taken within two years up to `day` (YYYY-MM-DD) and still held, newest first. */
  newSeats(day: string, limit: number): Promise<NewSeatRow[]> {
    return this.dataSource.query(
      `SELECT s.body_id, s.seat, m.full_name, s.start_date::text AS since, b.name AS body FROM membership s JOIN member m ON m.id = s.member_id JOIN body b ON b.id = s.body_id
       WHERE s.role IN ('chair', 'co_chair', 'member', 'observer') AND s.start_date > ($1::date - interval '2 years') AND s.start_date <= $1::date
         AND (s.end_date IS NULL OR s.end_date >= $1::date) ORDER BY s.start_date DESC LIMIT $2`,
      [day, limit],
    );
  }
}
