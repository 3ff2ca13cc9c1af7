import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { paginate } from '../common/database/paginate';
import type { Page } from '../common/http/pagination';
import { AuditEntry } from './audit-entry.entity';
import type { AuditQuery } from './dto/audit-query.dto';

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, entry: Partial<AuditEntry>): Promise<void> {
    await manager.save(manager.create(AuditEntry, entry), { reload: false });
  }

  insertSql(firstParam: number, afterSql: string): string {
    const $ = (i: number) => `$${firstParam + i}`;
    return `INSERT INTO audit_entry (actor_kind, actor_id, actor_name, action, entity, entity_id, before, after, request_id)
            VALUES (${$(0)}, ${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}::jsonb, ${$(7)}::jsonb || ${afterSql}, ${$(8)})`;
  }

  page(query: AuditQuery): Promise<Page<AuditEntry>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(AuditEntry, 'a')
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC');
    if (query.entity) qb.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.id) qb.andWhere('a.entity_id = :id', { id: query.id });
    return paginate(qb, query);
  }
}
