import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Page } from '../common/http/pagination';
import { requestContext } from '../common/request-context';
import type { AuditEntry } from './audit-entry.entity';
import { AuditRepository } from './audit.repository';
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
  constructor(private readonly entries: AuditRepository) {}

  /** Records one change, inside the caller's transaction so that the change and its trace commit together. */
  async record(
    manager: EntityManager,
    action: 'create' | 'update' | 'delete' | 'revoke' | 'import' | 'upload' | 'publish' | 'withdraw',
    entity: string,
    entityId: string,
    before: object | null,
    after: object | null,
  ): Promise<void> {
    const context = requestContext.get();
    const actor = requestContext.actor();
    await this.entries.insert(manager, {
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
  }

  /** The same entry as `record`, as an INSERT to run inside a statement of the caller's. */
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
    return { sql: this.entries.insertSql(firstParam, afterSql), params };
  }

  list(query: AuditQuery): Promise<Page<AuditEntry>> {
    return this.entries.page(query);
  }
}
