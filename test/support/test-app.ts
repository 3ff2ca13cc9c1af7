import { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../src/app.factory';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { runMigrations } from '../../src/database/startup';
import { TEST_ADMIN_TOKEN, TEST_APP_SECRET, TEST_DATABASE_URL, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from './test-env';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  /** A request builder already carrying the admin (secretariat) token. */
  admin: ReturnType<typeof adminClient>;
  anonymous: ReturnType<typeof request>;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    APP_SECRET: TEST_APP_SECRET,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    QUEUE_PREFIX: TEST_QUEUE_PREFIX,
    LOG_LEVEL: 'error',
    ...env,
  });
}

function adminClient(server: unknown, token = TEST_ADMIN_TOKEN) {
  const agent = request(server as never);
  const auth = <T extends { set(name: string, value: string): T }>(test: T) =>
    test.set('Authorization', `Bearer ${token}`);
  return {
    get: (url: string) => auth(agent.get(url)),
    post: (url: string) => auth(agent.post(url)),
    put: (url: string) => auth(agent.put(url)),
    patch: (url: string) => auth(agent.patch(url)),
    delete: (url: string) => auth(agent.delete(url)),
  };
}

/** A client for the same app acting with another bearer token. */
export function clientWithToken(testApp: TestApp, token: string) {
  return adminClient(testApp.app.getHttpServer(), token);
}

/**
 * Empties every table but the migrations', so each test file starts from nothing. It runs before the
 * file's app starts: a worker started first could still send an earlier file's due emails to this
 * file's SMTP sink before they were gone.
 */
export async function resetDatabase(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    if (tables.length) await client.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Forgets the rate-limit counters of earlier test files: each file signs in as if for the first time. */
export async function resetRateLimits(config: AppConfig): Promise<void> {
  const redis = new Redis(config.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.queuePrefix}:rate:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** `logger`: the app's logger, writing errors only unless a test reads other lines. */
export async function startTestApp(
  env: Record<string, string> = {},
  logger = new JsonLogger('error'),
): Promise<TestApp> {
  const config = testConfig(env);
  await runMigrations(config.databaseUrl);
  await resetDatabase(config.databaseUrl);
  await resetRateLimits(config);
  const app = await createHttpApp(config, logger);
  const dataSource = app.get(DataSource);
  const server = app.getHttpServer();
  return {
    app,
    config,
    dataSource,
    admin: adminClient(server),
    anonymous: request(server),
    close: () => app.close(),
  };
}
