import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy';
import type { MembershipRole } from '../bodies/membership.entity';
import type { LocalizedText } from '../common/i18n/languages';
import { todayIn } from '../common/time/dates';
import type { Member } from './member.entity';
import { MemberRepository } from './member.repository';

/** What a member sees of a colleague: who they are and where they serve with them, nothing personal. */
export interface MemberCard {
  id: string;
  fullName: string;
  countryCode: string;
  organization: { id: string; name: LocalizedText } | null;
  roles: { bodyId: string; role: MembershipRole }[];
}

/** The cards of other members as the acting member may see them: only those serving with them today. */
@Injectable()
export class MemberCards {
  constructor(
    private readonly members: MemberRepository,
    private readonly access: AccessPolicy,
  ) {}

  async of(reader: string, memberIds: string[], { anyOf = false } = {}): Promise<Map<string, MemberCard>> {
    const ids = [...new Set(memberIds)];
    const cards = new Map<string, MemberCard>();
    if (ids.length === 0) return cards;
    const today = todayIn('UTC');
    const members = await this.members.cardMembers(reader, ids, anyOf, today);
    const bodies = (await this.access.bodyIds()) ?? [];
    const terms = bodies.length
      ? await this.members.termsIn(
          members.map((m) => m.id),
          bodies,
          today,
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
