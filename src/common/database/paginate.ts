import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page, PageQuery } from '../http/pagination';

/**
 * One page and the total. LIMIT/OFFSET straight on the query: every list it serves joins only
 * to-one relations, so rows are entities, and TypeORM's extra distinct-ids query is not needed.
 */
export async function paginate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, query: PageQuery): Promise<Page<T>> {
  const [items, total] = await qb.limit(query.limit).offset(query.offset).getManyAndCount();
  return { items, total, limit: query.limit, offset: query.offset };
}
