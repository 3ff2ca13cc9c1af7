import type { EntityManager } from 'typeorm';
import type { Member } from '../members/member.entity';
import type { MemberRepository } from '../members/member.repository';

/** Who names the substitute: a member answering for themself. */
export type SubstituteChooser = 'member' | 'secretariat';

/** Why a named substitute is refused, so that each caller can answer each case its own way. */
export type SubstituteRefusal = 'self' | 'outside-offer';
export type SubstituteCheck = { kind: 'offered'; substitute: Member } | { kind: 'refused'; reason: SubstituteRefusal };

/** Whether the named member is among those offered. */
export async function checkSubstitute(
  members: MemberRepository,
  manager: EntityManager,
  member: Pick<Member, 'id' | 'countryCode'>,
  chooser: SubstituteChooser,
  substituteId: string,
): Promise<SubstituteCheck> {
  if (substituteId === member.id) return { kind: 'refused', reason: 'self' };
  const substitute = await members.offeredSubstitute(manager, member, chooser, substituteId);
  return substitute ? { kind: 'offered', substitute } : { kind: 'refused', reason: 'outside-offer' };
}
