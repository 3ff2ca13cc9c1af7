import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '../common/database/update-returning';
import { Member } from '../members/member.entity';
import { Session, SignInLink } from './session.entity';

/** Secretariat staff (a current secretariat term in any body) act as the secretariat. */
const HOLDS_SECRETARIAT_TERM = `EXISTS (SELECT 1 FROM membership t WHERE t.member_id = s.member_id AND t.role = 'secretariat' AND t.start_date <= :today AND (t.end_date IS NULL OR t.end_date >= :today))`;

@Injectable()
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  activeMemberByEmail(email: string): Promise<Member | null> {
    return this.dataSource.manager
      .createQueryBuilder(Member, 'm')
      .where('lower(m.email) = lower(:email) AND m.active', { email })
      .getOne();
  }

  activeMember(id: string): Promise<Member | null> {
    return this.dataSource.manager.findOneBy(Member, { id, active: true });
  }

  createLink(manager: EntityManager, memberId: string, expiresAt: Date, nextPath: string | null): Promise<SignInLink> {
    return manager.save(manager.create(SignInLink, { memberId, expiresAt, usedAt: null, nextPath }));
  }

  findLink(id: string): Promise<SignInLink | null> {
    return this.dataSource.manager.findOneBy(SignInLink, { id });
  }

  /** Marks the link used; null when it was used already, expired or is someone else's, else the page it opens. */
  async useLink(linkId: string, memberId: string): Promise<{ nextPath: string | null } | null> {
    const used = await updateReturning<{ next_path: string | null }>(
      this.dataSource,
      `UPDATE sign_in_link SET used_at = now() WHERE id = $1 AND member_id = $2 AND used_at IS NULL AND expires_at > now() RETURNING next_path`,
      [linkId, memberId],
    );
    return used[0] ? { nextPath: used[0].next_path } : null;
  }

  async createSession(tokenHash: string, memberId: string, expiresAt: Date): Promise<void> {
    const manager = this.dataSource.manager;
    await manager.save(manager.create(Session, { tokenHash, memberId, expiresAt, revokedAt: null }));
  }

  /** The session with its member, and the database snapshot it was read in (what the page cache keys on). */
  async findByTokenHash(
    tokenHash: string,
    today: string,
  ): Promise<{ session: Session; holdsSecretariatTerm: boolean; snapshot: string } | null> {
    const { entities, raw } = await this.dataSource.manager
      .createQueryBuilder(Session, 's')
      .innerJoinAndSelect('s.member', 'm')
      .addSelect(HOLDS_SECRETARIAT_TERM, 'holds_secretariat_term')
      .addSelect('pg_current_snapshot()::text', 'snapshot')
      .where('s.token_hash = :tokenHash', { tokenHash, today })
      .getRawAndEntities<{ holds_secretariat_term: boolean; snapshot: string }>();
    return entities[0]
      ? { session: entities[0], holdsSecretariatTerm: raw[0].holds_secretariat_term, snapshot: raw[0].snapshot }
      : null;
  }

  async revoke(id: string): Promise<void> {
    await this.dataSource.manager.update(Session, { id }, { revokedAt: new Date() });
  }

  async revokeAllOf(memberId: string): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()' })
      .where('member_id = :memberId AND revoked_at IS NULL', { memberId })
      .execute();
    return result.affected ?? 0;
  }
}
