import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page, PageQuery } from '../http/pagination';

/**
 * One page and the total. LIMIT/OFFSET straight on the query: every list it serves joins only
 * to-one relations, so rows are entities, and TypeORM's extra distinct-ids query is not needed.
 */
export async function paginate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, query: PageQuery): Promise<Page<T>> {
  const [items, total] = await qb.limit(query.limit).offset(query.offset).getManyAndCount();
  return { items, total, limit: query.limit, offset: query.offset };
}

/**
 * One page and its total in one statement, the total as a window count over the filtered rows; the
 * rows are read straight from the raw result, without TypeORM's entity transformer (a large share of
 * a list request's CPU in the profile). A page past the end has no row to carry the total: only then
 * is it counted apart. For lists of thousands of rows, not millions: the window count makes
 * PostgreSQL read every match.
 */
export async function paginateRows<T extends ObjectLiteral, R>(qb: SelectQueryBuilder<T>, query: PageQuery, toItem: (row: Record<string, unknown>) => R): Promise<Page<R>> {
  const [sql, parameters] = qb.clone().addSelect('count(*) OVER ()', 'page_total').limit(query.limit).offset(query.offset).getQueryAndParameters();
  const rows: Record<string, unknown>[] = await qb.dataSource.query(sql, parameters);
  const total = rows.length > 0 ? Number(rows[0].page_total) : query.offset === 0 ? 0 : await qb.getCount();
  return { items: rows.map(toItem), total, limit: query.limit, offset: query.offset };
}

interface RowReader {
  metadata: EntityMetadata;
  columns: [ColumnMetadata, string][];
  primary: string;
}

/** Per entity and alias: its metadata and the result column each property comes from, found once. */
const readers = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, Map<string, RowReader>>>();

function reader(dataSource: DataSource, target: EntityTarget<ObjectLiteral>, alias: string): RowReader {
  let byTarget = readers.get(dataSource);
  if (!byTarget) readers.set(dataSource, (byTarget = new Map()));
  let byAlias = byTarget.get(target);
  if (!byAlias) byTarget.set(target, (byAlias = new Map()));
  let found = byAlias.get(alias);
  if (!found) {
    const metadata = dataSource.getMetadata(target);
    found = { metadata, columns: metadata.columns.map((column) => [column, `${alias}_${column.databaseName}`]), primary: `${alias}_${metadata.primaryColumns[0].databaseName}` };
    byAlias.set(alias, found);
  }
  return found;
}

/**
 * The entity a query builder selected under `alias` (its columns come back as alias_column), hydrated
 * as TypeORM would; null when a left join found nothing.
 */
export function entityFromRow<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, row: Record<string, unknown>, alias: string): T | null {
  const { metadata, columns, primary } = reader(dataSource, target, alias);
  if (row[primary] == null) return null;
  const entity = metadata.create() as T;
  for (const [column, key] of columns) {
    if (key in row) column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(row[key], column));
  }
  return entity;
}
