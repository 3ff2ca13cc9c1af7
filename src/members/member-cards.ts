import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy';
import type { MembershipRole } from '../bodies/membership.entity';
import type { LocalizedText } from '../common/i18n/languages';
import { todayIn } from '../common/time/dates';
import { Member } from './member.entity';

/** What a member sees of a colleague: who they are and where they serve with them, nothing personal. */
export interface MemberCard {
  id: string;
  fullName: string;
  countryCode: string;
  organization: { id: string; name: LocalizedText } | null;
  /** Their roles today in the bodies the reader serves in. */
  roles: { bodyId: string; role: MembershipRole }[];
}

/** SQL: the member `column` holds a term today in a body where `:reader` holds one too. */
export const SERVES_WITH_READER = (column: string) => `EXISTS (
  SELECT 1 FROM membership s JOIN membership r ON r.body_id = s.body_id
  WHERE s.member_id = ${column} AND r.member_id = :reader
    AND s.start_date <= :today AND (s.end_date IS NULL OR s.end_date >= :today)
    AND r.start_date <= :today AND (r.end_date IS NULL OR r.end_date >= :today))`;

/** The cards of other members as the acting member may see them: only those serving with them today. */
@Injectable()
export class MemberCards {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * Cards by member id: of those among `memberIds` the reader serves with today (their own included),
   * or, with `anyOf: true`, of all of them (the holders of terms the reader may read).
   */
  async of(reader: string, memberIds: string[], { anyOf = false } = {}): Promise<Map<string, MemberCard>> {
    const ids = [...new Set(memberIds)];
    const cards = new Map<string, MemberCard>();
    if (ids.length === 0) return cards;
    const today = todayIn('UTC');
    const members = await this.dataSource.manager
      .createQueryBuilder(Member, 'm')
      .leftJoinAndSelect('m.organization', 'o')
      .where('m.id IN (:...ids)', { ids })
      .andWhere(anyOf ? 'TRUE' : `(m.id = :reader OR (m.active AND ${SERVES_WITH_READER('m.id')}))`, { reader, today })
      .getMany();
    const bodies = (await this.access.bodyIds()) ?? [];
    const terms: { member_id: string; body_id: string; role: MembershipRole }[] = bodies.length
      ? await this.dataSource.query(
          `SELECT member_id, body_id, role FROM membership WHERE member_id = ANY($1) AND body_id = ANY($2)
             AND start_date <= $3 AND (end_date IS NULL OR end_date >= $3) ORDER BY body_id, role`,
          [members.map((m) => m.id), bodies, today],
        )
      : [];
    for (const m of members) {
      cards.set(m.id, {
        id: m.id,
        fullName: m.fullName,
        countryCode: m.countryCode,
        organization: m.organization ? { id: m.organization.id, name: m.organization.name } : null,
        roles: terms.filter((s) => s.member_id === m.id).map((s) => ({ bodyId: s.body_id, role: s.role })),
      });
    }
    return cards;
  }

  /** Terms of a body the reader may read, their holders as cards when a member reads them; the secretariat sees the records. */
  async onTerms<T extends { memberId: string; member?: Member }>(
    terms: T[],
  ): Promise<(T | (Omit<T, 'member'> & { member: MemberCard | undefined }))[]> {
    const reader = this.access.member();
    if (reader === null) return terms;
    const cards = await this.of(
      reader,
      terms.map((s) => s.memberId),
      { anyOf: true },
    );
    return terms.map((term) => ({ ...term, member: cards.get(term.memberId) }));
  }
}
