import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Body } from './body.entity';
import { Membership } from './membership.entity';

export interface NewSeatRow {
  body_id: string;
  seat: string;
  full_name: string;
  since: string;
  body: Record<string, string>;
}

/** Read queries over bodies and their members' terms for the pages, each one SQL statement. */
@Injectable()
export class BodyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every body, oldest first. */
  all(): Promise<Body[]> {
    return this.dataSource.manager.find(Body, { order: { createdAt: 'ASC' } });
  }

  /** A member's terms in every body, with the body, latest first. */
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
