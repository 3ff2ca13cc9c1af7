import type { GlobalConfig } from 'jest';
import { Redis } from 'ioredis';
import { recreateDatabase } from '../../src/database/ensure-database';
import { runMigrations } from '../../src/database/startup';
import { TEST_BASE_DATABASE_URL, TEST_BASE_QUEUE_PREFIX, TEST_REDIS_URL, workerDatabaseUrl } from '../support/test-env';

/**
 * A fresh, migrated test database for each worker of the run (migrations applied once, then copied), and
 * no leftover test jobs in Redis.
 */
export default async function globalSetup(globalConfig: GlobalConfig): Promise<void> {
  await recreateDatabase(TEST_BASE_DATABASE_URL);
  await runMigrations(TEST_BASE_DATABASE_URL);
  // Each worker's database is a copy of the migrated base one, which is the template and never used itself.
  for (let worker = 1; worker <= Math.max(1, globalConfig.maxWorkers); worker++)
    await recreateDatabase(workerDatabaseUrl(worker), TEST_BASE_DATABASE_URL);

  const redis = new Redis(TEST_REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${TEST_BASE_QUEUE_PREFIX}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
