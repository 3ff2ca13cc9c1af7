import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DeepPartial } from 'typeorm';
import { Member } from '../members/member.entity';
import { SubstituteProposal } from './substitute-proposal.entity';

@Injectable()
export class SubstituteProposalRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, values: DeepPartial<SubstituteProposal>): Promise<SubstituteProposal> {
    return manager.save(manager.create(SubstituteProposal, values));
  }

  save(manager: EntityManager, proposal: SubstituteProposal): Promise<SubstituteProposal> {
    return manager.save(proposal);
  }

  lock(manager: EntityManager, meetingId: string, id: string): Promise<SubstituteProposal | null> {
    return manager.findOne(SubstituteProposal, { where: { id, meetingId }, lock: { mode: 'pessimistic_write' } });
  }

  hasPending(manager: EntityManager, invitationId: string): Promise<boolean> {
    return manager.existsBy(SubstituteProposal, { invitationId, status: 'pending' });
  }

  withMeeting(id: string): Promise<SubstituteProposal | null> {
    return this.dataSource.manager.findOne(SubstituteProposal, {
      where: { id },
      relations: { meeting: true, proposer: true },
    });
  }

  ofMeeting(meetingId: string, proposerId?: string): Promise<SubstituteProposal[]> {
    return this.dataSource.manager.find(SubstituteProposal, {
      where: proposerId ? { meetingId, proposerId } : { meetingId },
      relations: { proposer: true },
      order: { createdAt: 'DESC' },
    });
  }

  member(manager: EntityManager, id: string): Promise<Member | null> {
    return manager.findOneBy(Member, { id });
  }

  /** The member with this address, whatever its case (addresses are unique regardless of case). */
  memberByEmail(manager: EntityManager, email: string): Promise<Member | null> {
    return manager.createQueryBuilder(Member, 'm').where('lower(m.email) = lower(:email)', { email }).getOne();
  }

  /** The organisation of the directory with this name in any language, if one has it. */
  async organizationNamed(manager: EntityManager, name: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM organization o WHERE EXISTS (SELECT 1 FROM jsonb_each_text(o.name) n WHERE lower(n.value) = lower($1)) LIMIT 1`,
      [name],
    );
    return rows[0]?.id ?? null;
  }

  createGuest(manager: EntityManager, values: DeepPartial<Member>): Promise<Member> {
    return manager.save(manager.create(Member, { ...values, guest: true, active: true }));
  }

  /** A guest proposed again is written to in the language chosen this time. */
  async refreshGuest(manager: EntityManager, id: string, language: Member['language']): Promise<void> {
    await manager.update(Member, { id }, { language, active: true });
  }
}
