import { recreateDatabase } from '../../src/database/ensure-database';
import { Redis } from 'ioredis';
import { TEST_DATABASE_URL, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '../support/test-env';

/** A fresh test database for each run (migrated by the first app that starts), and no leftover test jobs in Redis. */
export default async function globalSetup(): Promise<void> {
  await recreateDatabase(TEST_DATABASE_URL);

  const redis = new Redis(TEST_REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${TEST_QUEUE_PREFIX}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
