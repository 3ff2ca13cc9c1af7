import { Not } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { Member } from './member.entity';

/** Who may come instead of a member: the active colleagues of their country, by name. */
export function substituteCandidates(manager: EntityManager, member: Pick<Member, 'id' | 'countryCode'>): Promise<Member[]> {
  return manager.find(Member, { where: { countryCode: member.countryCode, active: true, id: Not(member.id) }, order: { fullName: 'ASC' } });
}
