import { paginate } from '../common/database/paginate';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Page } from '../common/http/pagination';
import { requestContext } from '../common/request-context';
import { AuditEntry } from './audit-entry.entity';
import { AuditQuery } from './dto/audit-query.dto';

const HIDDEN_FIELDS = new Set(['tokenHash', 'token', 'secret', 'password', 'feedTokenHash']);

/** Plain JSON of a record without relations or secrets, as the audit log keeps it. */
function snapshot(record: object | null): Record<string, unknown> | null {
  if (record === null) return null;
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (HIDDEN_FIELDS.has(key) || value === undefined) continue;
    if (
      value !== null &&
      typeof value === 'object' &&
      !(value instanceof Date) &&
      !Array.isArray(value) &&
      'id' in value
    )
      continue;
    plain[key] = value instanceof Date ? value.toISOString() : value;
  }
  return plain;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Records one change, inside the caller's transaction so that the change and its trace commit together. */
  async record(
    manager: EntityManager,
    action: 'create' | 'update' | 'delete' | 'revoke' | 'import',
    entity: string,
    entityId: string,
    before: object | null,
    after: object | null,
  ): Promise<void> {
    const context = requestContext.get();
    const actor = requestContext.actor();
    const entry = manager.create(AuditEntry, {
      actorKind: actor.kind,
      actorId: actor.id,
      actorName: actor.name,
      action,
      entity,
      entityId,
      before: snapshot(before),
      after: snapshot(after),
      requestId: context?.requestId ?? null,
    });
    await manager.save(entry, { reload: false });
  }

  /**
   * The same entry as `record`, as an INSERT to run inside a statement of the caller's (a CTE), so
   * that a change and its trace take one round trip. `afterSql` is a jsonb expression over the
   * statement's other CTEs, merged into `after`: values only the database knows, such as a position.
   * Parameters are numbered from `firstParam`.
   */
  entryInsertSql(
    action: 'create' | 'update',
    entity: string,
    entityId: string,
    before: object | null,
    after: object,
    firstParam: number,
    afterSql = `'{}'::jsonb`,
  ): { sql: string; params: unknown[] } {
    const context = requestContext.get();
    const actor = requestContext.actor();
    const params = [
      actor.kind,
      actor.id,
      actor.name,
      action,
      entity,
      entityId,
      before === null ? null : JSON.stringify(snapshot(before)),
      JSON.stringify(snapshot(after)),
      context?.requestId ?? null,
    ];
    const $ = (i: number) => `$${firstParam + i}`;
    return {
      sql: `INSERT INTO audit_entry (actor_kind, actor_id, actor_name, action, entity, entity_id, before, after, request_id)
            VALUES (${$(0)}, ${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}::jsonb, ${$(7)}::jsonb || ${afterSql}, ${$(8)})`,
      params,
    };
  }

  async list(query: AuditQuery): Promise<Page<AuditEntry>> {
    const qb = this.entries.createQueryBuilder('a').orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC');
    if (query.entity) qb.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.id) qb.andWhere('a.entity_id = :id', { id: query.id });
    return paginate(qb, query);
  }
}
