import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Runs an UPDATE … RETURNING and gives its rows: TypeORM answers UPDATE with [rows, rowCount], not rows. */
export async function updateReturning<T>(runner: { query(sql: string, params?: unknown[]): Promise<unknown> }, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await runner.query(sql, params)) as unknown[];
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}

/** A raw row (snake_case columns, as RETURNING * gives it) as an entity, converted as TypeORM would load it. */
export function rowToEntity<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.databaseName in row) column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return entity;
}
