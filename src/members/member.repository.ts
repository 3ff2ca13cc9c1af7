import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Member } from './member.entity';

/**
 * Active members who chair the body or serve in its secretariat on the day: those an escalation goes to.
 * A fragment, so that the reminders planner can aggregate it into the statement that reads an item's plan.
 */
export const escalationMembersSql = (
  bodyId: string,
  day: string,
) => `SELECT m.* FROM member m WHERE m.active AND EXISTS (
  SELECT 1 FROM membership s WHERE s.member_id = m.id AND s.body_id = ${bodyId} AND s.role IN ('chair', 'secretariat')
    AND s.start_date <= ${day}::date AND (s.end_date IS NULL OR s.end_date >= ${day}::date))`;

/** Active members serving in the body's secretariat on the day (a fragment, like escalationMembersSql). */
export const secretariatMembersSql = (
  bodyId: string,
  day: string,
) => `SELECT m.* FROM member m WHERE m.active AND EXISTS (
  SELECT 1 FROM membership s WHERE s.member_id = m.id AND s.body_id = ${bodyId} AND s.role = 'secretariat'
    AND s.start_date <= ${day}::date AND (s.end_date IS NULL OR s.end_date >= ${day}::date))`;

/** Queries over members and their memberships, each one SQL statement. */
@Injectable()
export class MemberRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The member, or null when the id names none. */
  findById(id: string): Promise<Member | null> {
    return this.dataSource.manager.findOneBy(Member, { id });
  }

  /** Active members by country, then name: the choices of the meeting page's forms. */
  activeByCountry(): Promise<Member[]> {
    return this.dataSource.manager.find(Member, {
      where: { active: true },
      order: { countryCode: 'ASC', fullName: 'ASC' },
    });
  }

  /** Whether the member is, on the day, one of those an escalation about the body goes to. */
  async isEscalationRecipient(bodyId: string, memberId: string, day: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM (${escalationMembersSql('$1', '$2')}) e WHERE e.id = $3`,
      [bodyId, day, memberId],
    );
    return rows.length > 0;
  }

  /** Active members serving in the secretariat of any body on the day: the digest's readers. */
  activeSecretariatOn(day: string): Promise<{ id: string; email: string }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT m.id, m.email FROM member m JOIN membership s ON s.member_id = m.id
       WHERE m.active AND s.role = 'secretariat' AND s.start_date <= $1 AND (s.end_date IS NULL OR s.end_date >= $1)`,
      [day],
    );
  }
}
