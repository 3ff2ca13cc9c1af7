import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Page, PageQuery } from '../http/pagination';
import { isoInstantSql } from './iso-instant-sql';

export async function paginate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, query: PageQuery): Promise<Page<T>> {
  const [items, total] = await qb.limit(query.limit).offset(query.offset).getManyAndCount();
  return { items, total, limit: query.limit, offset: query.offset };
}

/** One page and its total in one statement. */
export async function paginateRows<T extends ObjectLiteral, R>(
  qb: SelectQueryBuilder<T>,
  query: PageQuery,
  toItem: (row: Record<string, unknown>) => R,
  options: PageOptions = {},
): Promise<Page<R>> {
  const { rows, total, totalIsLowerBound } = await pageOfRows(qb, () => qb.clone(), query, options);
  const page: Page<R> = { items: rows.map(toItem), total, limit: query.limit, offset: query.offset };
  if (totalIsLowerBound) page.totalIsLowerBound = true;
  return page;
}

/** The same page as paginateRows, as the JSON text of the API's answer, written by PostgreSQL. */
export async function paginateJson<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: PageQuery,
  itemJson: string,
  options: PageOptions = {},
): Promise<string> {
  const { rows, total, totalIsLowerBound } = await pageOfRows(
    qb,
    () => qb.clone().select(`(${itemJson})::text`, 'item'),
    query,
    options,
  );
  return `{"items":[${rows.map((row) => row.item as string).join(',')}],"total":${total},"limit":${query.limit},"offset":${query.offset}${totalIsLowerBound ? ',"totalIsLowerBound":true' : ''}}`;
}

export interface PageOptions {
  countUpTo?: number;
  statementOf?: string;
}

/** A statement with $1… in place of named parameters and LIMIT and OFFSET as the last two. */
interface BuiltStatement {
  sql: string;
  names: string[];
  preparedAs: string;
}

const builtStatements = new WeakMap<DataSource, Map<string, BuiltStatement>>();
const BUILT_STATEMENTS_KEPT = 500;

class ParameterName {
  constructor(readonly name: string) {}
}

async function pageOfRows<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  select: () => SelectQueryBuilder<T>,
  query: PageQuery,
  { countUpTo, statementOf }: PageOptions,
): Promise<{ rows: Record<string, unknown>[]; total: number; totalIsLowerBound: boolean }> {
  const pageIsWhole = Number.isInteger(query.limit) && Number.isInteger(query.offset);
  const built =
    statementOf === undefined || !pageIsWhole ? undefined : builtStatement(qb, select, countUpTo, statementOf);
  let rows: Record<string, unknown>[];
  if (built) {
    const values: Record<string, unknown> = qb.getParameters();
    rows = await queryPrepared(qb.dataSource, built, [
      ...built.names.map((name) => values[name]),
      query.limit,
      query.offset,
    ]);
  } else {
    const [sql, parameters] = select()
      .addSelect(`(${countSql(qb, countUpTo)})`, 'page_total')
      .limit(query.limit)
      .offset(query.offset)
      .getQueryAndParameters();
    rows = await qb.dataSource.query(sql, parameters);
  }
  let total: number;
  if (rows.length > 0) {
    total = Number(rows[0].page_total);
  } else if (query.offset === 0) {
    total = 0;
  } else {
    const [countQuery, countParameters] = qb.dataSource.driver.escapeQueryWithParameters(
      `SELECT (${countSql(qb, countUpTo)}) AS page_total`,
      qb.getParameters(),
    );
    total = Number((await qb.dataSource.query<{ page_total: string }[]>(countQuery, countParameters))[0].page_total);
  }
  if (countUpTo !== undefined && total > countUpTo) {
    return {
      rows,
      total: rows.length > 0 ? Math.max(countUpTo, query.offset + rows.length) : countUpTo,
      totalIsLowerBound: true,
    };
  }
  return { rows, total, totalIsLowerBound: false };
}

function builtStatement<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  select: () => SelectQueryBuilder<T>,
  countUpTo: number | undefined,
  statementOf: string,
): BuiltStatement | undefined {
  const wheres = qb.expressionMap.wheres;
  if (!wheres.every((where) => typeof where.condition === 'string')) return undefined;
  const key = `${statementOf}\u0000${countUpTo}\u0000${wheres.map((where) => `${where.type} ${where.condition as string}`).join('\u0000')}`;
  let byKey = builtStatements.get(qb.dataSource);
  if (!byKey) builtStatements.set(qb.dataSource, (byKey = new Map<string, BuiltStatement>()));
  const known = byKey.get(key);
  if (known) return known;
  const selected = select().addSelect(`(${countSql(qb, countUpTo)})`, 'page_total');
  const named = selected.getQuery();
  const stand = Object.fromEntries(
    Object.keys(selected.getParameters()).map((name) => [name, new ParameterName(name)]),
  );
  let sql: string;
  let markers: unknown[];
  try {
    [sql, markers] = qb.dataSource.driver.escapeQueryWithParameters(named, stand);
  } catch {
    return undefined;
  }
  // Only plain values can be filled in later: a parameter spread into a list (:...name) is not one.
  if (!markers.every((marker) => marker instanceof ParameterName)) return undefined;
  sql = `${sql} LIMIT $${markers.length + 1} OFFSET $${markers.length + 2}`;
  const statement = {
    sql,
    names: markers.map((marker) => marker.name),
    preparedAs: `page_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`,
  };
  if (byKey.size >= BUILT_STATEMENTS_KEPT) byKey.clear();
  byKey.set(key, statement);
  return statement;
}

async function queryPrepared(
  dataSource: DataSource,
  statement: BuiltStatement,
  values: unknown[],
): Promise<Record<string, unknown>[]> {
  dataSource.logger.logQuery(statement.sql, values);
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  try {
    return (await pool.query<Record<string, unknown>>({ name: statement.preparedAs, text: statement.sql, values }))
      .rows;
  } catch (error) {
    dataSource.logger.logQueryError(error as Error, statement.sql, values);
    throw new QueryFailedError(statement.sql, values, error as Error);
  }
}

/** The matches of the query builder's filters counted (up to cap + 1 when capped), as SQL with its named parameters. */
function countSql<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, cap: number | undefined): string {
  const matches = qb.clone().orderBy().limit(undefined).offset(undefined);
  if (cap === undefined) return matches.select('count(*)').getQuery();
  return `SELECT count(*) FROM (${matches
    .select('1')
    .limit(cap + 1)
    .getQuery()}) capped`;
}

interface RowReader {
  metadata: EntityMetadata;
  columns: [ColumnMetadata, string, boolean][];
  primary: string;
}

/** Column types whose node-postgres value is the entity's value as it is. */
const PLAIN_TYPES = new Set([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'boolean',
  'integer',
  'int',
  'int4',
  'smallint',
  'int2',
  'jsonb',
  'json',
]);
/** Instants: node-postgres gives the entity's Date, but PostgreSQL writes them in JSON otherwise than toISOString. */
const INSTANT_TYPES = new Set(['timestamptz', 'timestamp with time zone']);

/** TypeORM's hydration of this column would return node-postgres's value as it is (and set it as a plain property). */
function hydratedAsRead(column: ColumnMetadata): boolean {
  if (column.embeddedMetadata || column.isVirtual || column.transformer || column.isArray) return false;
  if (column.type === 'enum') return (column.enum ?? []).every((option) => typeof option === 'string');
  return typeof column.type === 'string' && (PLAIN_TYPES.has(column.type) || INSTANT_TYPES.has(column.type));
}

const readers = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, Map<string, RowReader>>>();

function reader(dataSource: DataSource, target: EntityTarget<ObjectLiteral>, alias: string): RowReader {
  let byTarget = readers.get(dataSource);
  if (!byTarget) readers.set(dataSource, (byTarget = new Map<EntityTarget<ObjectLiteral>, Map<string, RowReader>>()));
  let byAlias = byTarget.get(target);
  if (!byAlias) byTarget.set(target, (byAlias = new Map<string, RowReader>()));
  let found = byAlias.get(alias);
  if (!found) {
    const metadata = dataSource.getMetadata(target);
    found = {
      metadata,
      columns: metadata.columns.map((column) => [column, `${alias}_${column.databaseName}`, hydratedAsRead(column)]),
      primary: `${alias}_${metadata.primaryColumns[0].databaseName}`,
    };
    byAlias.set(alias, found);
  }
  return found;
}

export function entityFromRow<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
  alias: string,
): T | null {
  const { metadata, columns, primary } = reader(dataSource, target, alias);
  if (row[primary] == null) return null;
  const entity = metadata.create() as T;
  for (const [column, key, asRead] of columns) {
    if (!(key in row)) continue;
    // TypeORM's per-value dispatch showed in every list's profile, and most columns come out of it unchanged.
    if (asRead) (entity as Record<string, unknown>)[column.propertyName] = row[key];
    else column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(row[key], column));
  }
  return entity;
}

const jsonSql = new WeakMap<DataSource, Map<string, string>>();

/** A JSON object per row, written by PostgreSQL, equal to JSON.stringify of entityFromRow's entity. */
export function entityJsonSql<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
  relations: Record<string, string> = {},
): string {
  let bySource = jsonSql.get(dataSource);
  if (!bySource) jsonSql.set(dataSource, (bySource = new Map<string, string>()));
  const metadata = dataSource.getMetadata(target);
  const key = `${metadata.name} ${alias} ${JSON.stringify(relations)}`;
  const known = bySource.get(key);
  if (known) return known;
  const fields = new Map<string, string>();
  for (const column of metadata.columns) {
    const type = typeof column.type === 'string' ? column.type : column.type.name.toLowerCase();
    const reference = `"${alias}"."${column.databaseName}"`;
    if (column.embeddedMetadata || column.transformer || column.isArray)
      throw new Error(`entityJsonSql: ${metadata.name}.${column.propertyName} needs JavaScript to be written`);
    if (INSTANT_TYPES.has(type)) fields.set(column.propertyName, isoInstantSql(reference));
    // PostgreSQL writes a date as YYYY-MM-DD, the string TypeORM hydrates it to.
    else if (type === 'enum' || type === 'date' || PLAIN_TYPES.has(type)) fields.set(column.propertyName, reference);
    else
      throw new Error(`entityJsonSql: ${metadata.name}.${column.propertyName} has the type ${type}, not written here`);
  }
  for (const [property, sql] of Object.entries(relations)) fields.set(property, sql);
  // JSON.stringify writes an entity's properties in the order its class defines them, columns set later after.
  const declared = Object.keys(metadata.create() as object);
  const order = [...new Set([...declared.filter((property) => fields.has(property)), ...fields.keys()])];
  const sql = `(SELECT row_to_json(r) FROM (SELECT ${order.map((property) => `${fields.get(property)} AS "${property}"`).join(', ')}) r)`;
  bySource.set(key, sql);
  return sql;
}
