import { LoggerService } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { redact } from '../common/logging/redact';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';

/** A start-up problem the person starting the service can fix; printed as a sentence, not a stack trace. */
export class StartupError extends Error {}

const HOW_TO_START_POSTGRES =
  'Start PostgreSQL with "docker compose up -d postgres", or the local service ' +
  '("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"), or set DATABASE_URL.';
const HOW_TO_START_REDIS =
  'Start Redis with "docker compose up -d redis", or the local service ' +
  '("redis-server --daemonize yes --bind 127.0.0.1 --port 6379"), or set REDIS_URL.';

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return redact([e.code, e.message].filter(Boolean).join(': ') || String(error));
}

export async function prepareInfrastructure(config: AppConfig, logger: LoggerService): Promise<void> {
  try {
    await ensureDatabase(config.databaseUrl);
  } catch (error) {
    throw new StartupError(
      `Cannot reach PostgreSQL at ${redact(config.databaseUrl)} (${reason(error)}).\n${HOW_TO_START_POSTGRES}`,
    );
  }
  await checkRedis(config.redisUrl);
  if (config.runMigrations) await runMigrations(config.databaseUrl, logger);
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 3000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new StartupError(`Cannot reach Redis at ${redact(url)} (${reason(error)}).\n${HOW_TO_START_REDIS}`);
  } finally {
    redis.disconnect();
  }
}

/** Several processes may start at once; an advisory lock lets one migrate while the others wait. */
const MIGRATION_LOCK = 724_311_001;

export async function runMigrations(databaseUrl: string, logger?: LoggerService): Promise<void> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), extra: { max: 2 } });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) logger?.log({ msg: 'migration applied', name: migration.name }, 'Migrations');
  } finally {
    await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await dataSource.destroy();
  }
}
