import type { DataSource } from 'typeorm';

/**
 * Counts the SQL statements a data source sends, by wrapping the logger TypeORM calls before every
 * query (whatever the logging setting). `during` gives the statements one piece of work sent.
 */
export function countQueries(dataSource: DataSource) {
  const logger = dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  const statements: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    statements.push(query);
    return logQuery(query, parameters, runner);
  };
  return {
    async during(work: () => Promise<unknown>): Promise<string[]> {
      const from = statements.length;
      await work();
      return statements.slice(from);
    },
    stop: () => {
      logger.logQuery = logQuery;
    },
  };
}
