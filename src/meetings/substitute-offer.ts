import { Not } from 'typeorm';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { Member } from '../members/member.entity';

/**
 * Who names the substitute: a member answering for themself (API, email link, their page) chooses
 * among their colleagues; the secretariat records what it was told by phone or letter.
 */
export type SubstituteChooser = 'member' | 'secretariat';

/**
 * The outcome of checking a named substitute against the offer. A refusal says why, so that a caller
 * can answer each case its own way (a proposal for the secretariat to approve starts from `outside-offer`).
 */
export type SubstituteRefusal = 'self' | 'outside-offer';
export type SubstituteCheck = { kind: 'offered'; substitute: Member } | { kind: 'refused'; reason: SubstituteRefusal };

/**
 * The substitutes a chooser may name for a member: the one rule behind both the choices shown and the check of an answer.
 * A member is offered the directory's colleagues, not guests; someone else they propose (src/meetings/substitute-proposals.service.ts).
 */
function offerWhere(member: Pick<Member, 'id' | 'countryCode'>, chooser: SubstituteChooser): FindOptionsWhere<Member> {
  const anyone: FindOptionsWhere<Member> = { active: true, id: Not(member.id) };
  return chooser === 'member' ? { ...anyone, countryCode: member.countryCode, guest: false } : anyone;
}

/** The substitutes offered, by name: a member is offered the active colleagues of their country. */
export function substituteOffer(
  manager: EntityManager,
  member: Pick<Member, 'id' | 'countryCode'>,
  chooser: SubstituteChooser,
): Promise<Member[]> {
  return manager.find(Member, { where: offerWhere(member, chooser), order: { fullName: 'ASC' } });
}

/** Whether the named member is among those offered. */
export async function checkSubstitute(
  manager: EntityManager,
  member: Pick<Member, 'id' | 'countryCode'>,
  chooser: SubstituteChooser,
  substituteId: string,
): Promise<SubstituteCheck> {
  if (substituteId === member.id) return { kind: 'refused', reason: 'self' };
  const substitute = await manager.findOne(Member, { where: { ...offerWhere(member, chooser), id: substituteId } });
  return substitute ? { kind: 'offered', substitute } : { kind: 'refused', reason: 'outside-offer' };
}
