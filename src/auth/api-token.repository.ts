import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Member } from '../members/member.entity';
import { ApiToken } from './api-token.entity';

@Injectable()
export class ApiTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The unrevoked token; one bound to a member acts for that member only while they are active. */
  findActive(tokenHash: string): Promise<ApiToken | null> {
    return this.dataSource.manager
      .createQueryBuilder(ApiToken, 't')
      .leftJoin(Member, 'm', 'm.id = t.member_id')
      .where('t.token_hash = :tokenHash AND t.revoked_at IS NULL AND (t.member_id IS NULL OR m.active)', { tokenHash })
      .getOne();
  }

  all(): Promise<ApiToken[]> {
    return this.dataSource.manager.find(ApiToken, { order: { createdAt: 'DESC' } });
  }

  lock(manager: EntityManager, id: string): Promise<ApiToken | null> {
    return manager.findOne(ApiToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(manager: EntityManager, token: ApiToken): Promise<void> {
    await manager.save(token);
  }

  memberExists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Member, { id });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.dataSource.manager.update(ApiToken, { id }, { lastUsedAt: at });
  }
}
