import type { DataSource } from 'typeorm';

export interface SentStatement {
  sql: string;
  parameters: unknown[];
}

/**
 * Records the SQL statements a data source sends, by wrapping the logger TypeORM calls before every
 * query (whatever the logging setting). `during` gives the statements one piece of work sent.
 */
export function countQueries(dataSource: DataSource) {
  const logger = dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  const statements: SentStatement[] = [];
  logger.logQuery = (query, parameters, runner) => {
    statements.push({ sql: query, parameters: Array.isArray(parameters) ? parameters : [] });
    return logQuery(query, parameters, runner);
  };
  return {
    async during(work: () => Promise<unknown>): Promise<SentStatement[]> {
      const from = statements.length;
      await work();
      return statements.slice(from);
    },
    stop: () => {
      logger.logQuery = logQuery;
    },
  };
}
