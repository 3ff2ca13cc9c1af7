/** Runs an UPDATE … RETURNING and gives its rows: TypeORM answers UPDATE with [rows, rowCount], not rows. */
export async function updateReturning<T>(runner: { query(sql: string, params?: unknown[]): Promise<unknown> }, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await runner.query(sql, params)) as unknown[];
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}
