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
 * One page and its total in one statement. The total is an uncorrelated scalar subquery over the same
 * filters (PostgreSQL runs it once, by the cheapest path, and drops joins it does not need), not a
 * window count: a window over every match stops PostgreSQL from sorting and limiting before the
 * select list is built, so subqueries and joins would run for every match instead of the page's rows.
 * Rows are read straight from the raw result, without TypeORM's entity transformer (a large share of
 * a list request's CPU in the profile). A page past the end has no row to carry the total: only then
 * is it counted apart.
 *
 * countUpTo: for lists that may match millions of rows, PostgreSQL stops counting after that many;
 * beyond it the total is a lower bound (the cap, or the rows up to this page when that is more) and
 * the page says so with totalIsLowerBound.
 */
export async function paginateRows<T extends ObjectLiteral, R>(
  qb: SelectQueryBuilder<T>,
  query: PageQuery,
  toItem: (row: Record<string, unknown>) => R,
  { countUpTo }: { countUpTo?: number } = {},
): Promise<Page<R>> {
  const counted = countSql(qb, countUpTo);
  const [sql, parameters] = qb.clone().addSelect(`(${counted})`, 'page_total').limit(query.limit).offset(query.offset).getQueryAndParameters();
  const rows: Record<string, unknown>[] = await qb.dataSource.query(sql, parameters);
  let total: number;
  if (rows.length > 0) {
    total = Number(rows[0].page_total);
  } else if (query.offset === 0) {
    total = 0;
  } else {
    const [countQuery, countParameters] = qb.dataSource.driver.escapeQueryWithParameters(`SELECT (${counted}) AS page_total`, qb.getParameters());
    total = Number((await qb.dataSource.query(countQuery, countParameters))[0].page_total);
  }
  const page: Page<R> = { items: rows.map(toItem), total, limit: query.limit, offset: query.offset };
  if (countUpTo !== undefined && total > countUpTo) {
    page.total = rows.length > 0 ? Math.max(countUpTo, query.offset + rows.length) : countUpTo;
    page.totalIsLowerBound = true;
  }
  return page;
}

/** The matches of the query builder's filters counted (up to cap + 1 when capped), as SQL with its named parameters. */
function countSql<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, cap: number | undefined): string {
  const matches = qb.clone().orderBy().limit(undefined).offset(undefined);
  if (cap === undefined) return matches.select('count(*)').getQuery();
  return `SELECT count(*) FROM (${matches.select('1').limit(cap + 1).getQuery()}) capped`;
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
