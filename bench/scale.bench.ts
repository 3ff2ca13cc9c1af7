// npm run bench:scale — the scale section of issue #8, on databases made by scripts/generate-scale.ts:
// the reconciler's pass on a million notifications, the lists on 100,000 items and a million
// notifications against the same lists on a small database, and Redis memory after a million jobs.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../src/app.factory';
import { JsonLogger } from '../src/common/logging/json-logger';
import { loadConfig } from '../src/config/app-config';
import type { AppConfig } from '../src/config/app-config';
import { NotificationQueue } from '../src/notifications/notification-queue';
import { NotificationReconciler } from '../src/notifications/notification-reconciler';
import { DEFAULT_JOB_OPTIONS, QUEUES } from '../src/queue/queue-names';
import { FULL_SCALE, generateScale, SCALE_DATABASE_URL } from '../scripts/generate-scale';
import type { ScaleShape } from '../scripts/generate-scale';
import { load, startApiProcesses } from './api-load.bench';
import type { LoadResult } from './api-load.bench';
import { BENCH_TOKEN, machine } from './bench-app';

const SMALL_DATABASE_URL = process.env.SCALE_SMALL_DATABASE_URL ?? SCALE_DATABASE_URL + '_small';
/** The load benchmark's group: 100 members, one plan of 1,000 items, 200 meetings, and their first 10,000 emails. */
const SMALL: ScaleShape = {
  members: 100,
  plans: 1,
  itemsPerPlan: 1000,
  meetings: 200,
  notifications: 10_000,
  dueSoon: 20,
  stuck: 5,
};
const QUEUE_PREFIX = process.env.BENCH_QUEUE_PREFIX ?? 'wgs-bench-scale';
const JOBS = Number(process.env.SCALE_JOBS ?? 1_000_000);
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function benchConfig(databaseUrl: string): AppConfig {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    APP_SECRET: 'bench-secret-0123456789abcdef0123456789',
    ADMIN_TOKEN: BENCH_TOKEN,
    QUEUE_PREFIX,
    LOG_LEVEL: 'error',
    ROLE: 'api',
    MIGRATIONS_RUN: 'false',
    API_REQUESTS_PER_MINUTE: '10000000',
  });
}

async function deleteKeys(redis: Redis, pattern: string) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Bytes Redis holds under a prefix (MEMORY USAGE of each key): ours alone, whatever else shares the server. */
async function memoryUnder(redis: Redis, prefix: string): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    for (const key of found) {
      keys++;
      bytes += Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
    }
    cursor = next;
  } while (cursor !== '0');
  return { keys, bytes };
}

/** Two reconciler passes over a million notifications: wall time, and the heap it grows by (sampled every 5 ms). */
async function benchReconciler(figures: Record<string, string>) {
  const app = await createHttpApp(benchConfig(SCALE_DATABASE_URL), new JsonLogger('error'));
  try {
    const reconciler = app.get(NotificationReconciler);
    const [{ n }] = await app.get(DataSource).query('SELECT count(*)::int AS n FROM notification');
    for (const pass of ['first pass (releases stuck rows)', 'second pass (steady state)']) {
      (global as { gc?: () => void }).gc?.();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
      const started = process.hrtime.bigint();
      const result = await reconciler.reconcile();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(sampler);
      figures[`reconciler, ${pass}`] =
        `${Math.round(ms)} ms over ${n.toLocaleString('en')} rows: ${result.released} released, ${result.enqueued} enqueued; heap +${mib(peak - before)} at peak`;
    }
  } finally {
    await app.close();
  }
}

/** The same lists on the small and the big database, in alternating rounds (one API process each). */
async function benchLists(figures: Record<string, string>) {
  const small = await startApiProcesses(1, benchConfig(SMALL_DATABASE_URL));
  const big = await startApiProcesses(1, benchConfig(SCALE_DATABASE_URL));
  const pick = async (url: string, sql: string) => {
    const client = new DataSource({ type: 'postgres', url });
    await client.initialize();
    const [row] = await client.query(sql);
    await client.destroy();
    return Object.values(row)[0] as string;
  };
  try {
    const paths = async (url: string) => ({
      'GET /api/members?limit=50': '/api/members?limit=50',
      'GET /api/work-plan-items?workPlanId=…&limit=50': `/api/work-plan-items?workPlanId=${await pick(url, 'SELECT id FROM work_plan ORDER BY period DESC LIMIT 1')}&limit=50`,
      'GET /api/work-plan-items?due=overdue&country=KZ': '/api/work-plan-items?due=overdue&country=KZ&limit=50',
      // The small database has 18 such items, the big one 1,800: at limit=50 the big page carries three times the rows.
      'GET /api/work-plan-items?due=overdue&country=KZ&limit=15':
        '/api/work-plan-items?due=overdue&country=KZ&limit=15',
      'GET /api/meetings?limit=50': '/api/meetings?limit=50',
      'GET /api/notifications?recipientId=…': `/api/notifications?recipientId=${await pick(url, 'SELECT id FROM member ORDER BY id LIMIT 1')}&limit=50`,
      'GET /api/notifications?status=failed': '/api/notifications?status=failed&limit=50',
      'GET /api/notifications?limit=50 (every row counted)': '/api/notifications?limit=50',
    });
    const [smallPaths, bigPaths] = [await paths(SMALL_DATABASE_URL), await paths(SCALE_DATABASE_URL)];
    for (const label of Object.keys(smallPaths) as (keyof typeof smallPaths)[]) {
      const results: LoadResult[][] = [[], []];
      for (let round = 0; round < 3; round++) {
        results[0].push(await load(small.url, [{ method: 'GET', path: smallPaths[label] }], 3, 10));
        results[1].push(await load(big.url, [{ method: 'GET', path: bigPaths[label] }], 3, 10));
      }
      const [s, b] = results.map((r) => ({
        p50: median(r.map((x) => x.latency.p50)),
        p99: median(r.map((x) => x.latency.p99)),
        rps: median(r.map((x) => x.requests.average)),
      }));
      figures[label] =
        `small p50 ${s.p50} ms, p99 ${s.p99} ms (${Math.round(s.rps)} req/s) · big p50 ${b.p50} ms, p99 ${b.p99} ms (${Math.round(b.rps)} req/s) · ×${(b.p50 / Math.max(s.p50, 1)).toFixed(1)} p50`;
    }
  } finally {
    await Promise.all([small.close(), big.close()]);
  }
}

/** A million delivery jobs through the real enqueue and job options, completed by a worker that does nothing. */
async function benchRedisMemory(figures: Record<string, string>) {
  const config = benchConfig(SCALE_DATABASE_URL);
  const prefix = process.env.BENCH_REDIS_PREFIX ?? 'bench-scale-redis';
  const redis = new Redis(config.redisUrl);
  await deleteKeys(redis, `${prefix}:*`);
  const connection = { url: config.redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue(QUEUES.notifications, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  const notifications = new NotificationQueue(queue);
  let completed = 0;
  const worker = new Worker(QUEUES.notifications, async () => undefined, { connection, prefix, concurrency: 200 });
  worker.on('completed', () => completed++);
  try {
    const baseline = await memoryUnder(redis, prefix);
    let peak = 0;
    const started = Date.now();
    for (let i = 0; i < JOBS; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, JOBS - i) }, (_, j) => ({
        id: `00000000-0000-4000-8000-${String(i + j).padStart(12, '0')}`,
        version: 1,
        dueAt: new Date(0),
      }));
      await notifications.enqueue(rows);
      if (i % 100_000 === 0)
        peak = Math.max(peak, Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0));
    }
    let seen = { completed, at: Date.now() };
    while (completed < JOBS) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (completed > seen.completed) seen = { completed, at: Date.now() };
      // Keys deleted by something else sharing the server (a wipe, a cleanup by pattern) leave jobs that never finish.
      if (Date.now() - seen.at > 60_000)
        throw new Error(
          `no job finished for a minute (${completed} of ${JOBS}): were keys under ${prefix} deleted by someone else?`,
        );
    }
    const seconds = (Date.now() - started) / 1000;
    const after = await memoryUnder(redis, prefix);
    figures[`Redis, ${JOBS.toLocaleString('en')} jobs completed`] =
      `${seconds.toFixed(0)} s (${Math.round(JOBS / seconds)} jobs/s)`;
    figures['Redis memory under the queue prefix'] =
      `before ${mib(baseline.bytes)} (${baseline.keys} keys), after ${mib(after.bytes)} (${after.keys} keys); server used_memory peaked at ${mib(peak)} while adding`;
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await deleteKeys(redis, `${prefix}:*`);
    redis.disconnect();
  }
}

async function main() {
  const only = process.argv.slice(2);
  const wanted = (part: string) => only.length === 0 || only.includes(part);
  console.log(`scale benchmarks — ${new Date().toISOString()}\nmachine: ${machine()}\n`);
  const figures: Record<string, string> = {};
  if (wanted('reconciler') || wanted('lists')) {
    for (const [label, url, shape] of [
      ['big', SCALE_DATABASE_URL, FULL_SCALE],
      ['small', SMALL_DATABASE_URL, SMALL],
    ] as const) {
      const started = Date.now();
      await generateScale(url, shape);
      figures[`generate ${label} database`] =
        `${shape.notifications.toLocaleString('en')} notifications, ${(shape.plans * shape.itemsPerPlan).toLocaleString('en')} items in ${((Date.now() - started) / 1000).toFixed(0)} s`;
    }
  }
  if (wanted('reconciler')) await benchReconciler(figures);
  if (wanted('lists')) await benchLists(figures);
  if (wanted('redis')) await benchRedisMemory(figures);
  for (const [label, value] of Object.entries(figures)) console.log(`  ${label.padEnd(52)} ${value}`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
