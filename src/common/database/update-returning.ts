import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Runs an UPDATE … RETURNING and gives its rows: TypeORM answers UPDATE with [rows, rowCount], not rows. */
export async function updateReturning<T>(
  runner: { query(sql: string, params?: unknown[]): Promise<unknown> },
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result = (await runner.query(sql, params)) as unknown[];
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}

/** A raw row (snake_case columns, as RETURNING * or row_to_json gives it) as an entity. */
export function rowToEntity<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!(column.databaseName in row)) continue;
    const value = row[column.databaseName];
    const instant = column.type === 'timestamptz' || column.type === 'timestamp with time zone';
    column.setEntityValue(entity, instant && value !== null ? new Date(value as string) : value);
  }
  return entity;
}
