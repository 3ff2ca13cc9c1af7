import os from 'node:os';
import { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createHttpApp } from '../src/app.factory';
import { JsonLogger } from '../src/common/logging/json-logger';
import { loadConfig } from '../src/config/app-config';
import { recreateDatabase } from '../src/database/ensure-database';
import { runMigrations } from '../src/database/startup';

export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wg_secretariat_bench';
export const BENCH_TOKEN = 'bench-admin-token-0123456789abcdef';

/** A fresh database and the real app listening on a free port, for benchmarks. */
export async function startBenchApp(
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; url: string; close: () => Promise<void> }> {
  await recreateDatabase(BENCH_DATABASE_URL);
  const config = loadConfig({
    DATABASE_URL: BENCH_DATABASE_URL,
    APP_SECRET: 'bench-secret-0123456789abcdef0123456789',
    ADMIN_TOKEN: BENCH_TOKEN,
    QUEUE_PREFIX: process.env.BENCH_QUEUE_PREFIX ?? 'wgs-bench',
    LOG_LEVEL: 'error',
    ...env,
  });
  await flushQueuePrefix(config.redisUrl, config.queuePrefix);
  await runMigrations(config.databaseUrl);
  const app = await createHttpApp(config, new JsonLogger('error'));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

async function flushQueuePrefix(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- benchmarks read whatever the API answers
export async function api(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(base + path, {
    method,
    headers: {
      Authorization: `Bearer ${BENCH_TOKEN}`,
      ...(body instanceof FormData || body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
}
