import type { GlobalConfig } from 'jest';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { recreateDatabase } from '../../src/database/ensure-database';
import { runMigrations } from '../../src/database/startup';
import { TEST_BASE_DATABASE_URL, TEST_BASE_QUEUE_PREFIX, TEST_REDIS_URL, workerDatabaseUrl } from '../support/test-env';

/** Each worker's database, copied from the freshly migrated base one (the base is the template, never used itself). */
async function copyForWorkers(workers: number): Promise<void> {
  const url = new URL(TEST_BASE_DATABASE_URL);
  const quoted = (databaseUrl: string) =>
    `"${decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, '')).replace(/"/g, '""')}"`;
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    for (let worker = 1; worker <= workers; worker++) {
      const name = quoted(workerDatabaseUrl(worker));
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${quoted(TEST_BASE_DATABASE_URL)}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated test database for each worker of the run (migrations applied once, then copied), and
 * no leftover test jobs in Redis.
 */
export default async function globalSetup(globalConfig: GlobalConfig): Promise<void> {
  await recreateDatabase(TEST_BASE_DATABASE_URL);
  await runMigrations(TEST_BASE_DATABASE_URL);
  await copyForWorkers(Math.max(1, globalConfig.maxWorkers));

  const redis = new Redis(TEST_REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${TEST_BASE_QUEUE_PREFIX}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
