import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { fork, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../src/config/app-config';
import type { AppConfig } from '../src/config/app-config';
import { NO_ENV_FILE } from '../src/config/dotenv';
import { NotificationQueue } from '../src/notifications/notification-queue';
import { QUEUES } from '../src/queue/queue-names';
import { api, BENCH_TOKEN, percentile, startBenchApp } from './bench-app';
import { countQueries } from './query-counter';
import type { SentStatement } from './query-counter';
import { startSmtpCounterProcess } from './smtp-counter';

export interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

export function load(url: string, requests: autocannon.Request[], seconds = 6, connections = 20): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
        requests,
      },
      (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result as LoadResult)),
    );
  });
}

const line = (r: LoadResult) =>
  `${Math.round(r.requests.average).toLocaleString('en')} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`;

export interface LoadData {
  planId: string;
  members: string[];
}

/**
 * 100 members, a plan of 1,000 items (a third of them overdue, so the overdue list has pages to show;
 * a tenth of the others with two responsible members, so reminders are planned) and 200 meetings.
 * Analyzed at the end as autovacuum would have done by then: plans on never-analyzed tables are not
 * what a running installation gets.
 */
export async function seedLoadData(url: string, dataSource: DataSource): Promise<LoadData> {
  const body = await api(url, 'POST', '/api/bodies', { name: { en: 'Load WG' }, kind: 'working_group' });
  const members: string[] = [];
  for (let i = 0; i < 100; i++) {
    members.push(
      (
        await api(url, 'POST', '/api/members', {
          fullName: `Load member ${i}`,
          email: `load${i}@bench.example`,
          countryCode: ['KZ', 'KG', 'TJ', 'TM', 'UZ'][i % 5],
          language: 'ru',
          timeZone: 'Asia/Almaty',
        })
      ).id,
    );
  }
  const plan = await api(url, 'POST', '/api/work-plans', {
    bodyId: body.id,
    title: { en: 'Load plan' },
    period: '2030',
  });
  const form = new FormData();
  const rows = ['activity,deadline,executor,countries,responsible'];
  for (let i = 0; i < 1000; i++) {
    // Overdue items get no responsible members: their reminders would be due at once, inside the load.
    const overdue = i % 3 === 1;
    const responsible =
      i % 10 === 0 && !overdue ? `load${i % 100}@bench.example; load${(i + 1) % 100}@bench.example` : '';
    rows.push(
      `Activity ${i},${overdue ? 'Q3 2025' : ['Февраль 2030', 'end of November 2030'][i % 2]},WECOOP 3,${['KZ', 'UZ'][i % 2]},${responsible}`,
    );
  }
  form.append('file', new Blob([rows.join('\n')], { type: 'text/csv' }), 'plan.csv');
  await api(url, 'POST', `/api/work-plans/${plan.id}/import`, form);
  for (let i = 0; i < 200; i++) {
    await api(url, 'POST', '/api/meetings', {
      bodyId: body.id,
      kind: 'technical',
      title: { en: `Load meeting ${i}` },
      timeZone: 'Asia/Almaty',
      startsAt: new Date(Date.UTC(2030, 0, 1 + i, 5)).toISOString(),
    });
  }
  await dataSource.query('ANALYZE');
  return { planId: plan.id, members };
}

/** The lists measured under load, by label. */
export const loadedLists = ({ planId }: LoadData): [string, string][] => [
  ['GET /api/members?limit=50', '/api/members?limit=50'],
  ['GET /api/work-plan-items?limit=50', `/api/work-plan-items?workPlanId=${planId}&limit=50`],
  ['GET /api/work-plan-items?due=overdue&country=KZ', `/api/work-plan-items?due=overdue&country=KZ&limit=50`],
  ['GET /api/meetings?limit=50', '/api/meetings?limit=50'],
  ['GET /api/notifications?limit=50', '/api/notifications?limit=50'],
];

/** The reads of the mixed load: members, a plan's items and meetings. */
export function mixedReads(data: LoadData): autocannon.Request[] {
  const [members, items, , meetings] = loadedLists(data);
  return [members, items, meetings].map(([, path]): autocannon.Request => ({ method: 'GET', path }));
}

/** A new work-plan item with one responsible member: its reminders are planned in the same transaction. */
export function itemWrite({ planId, members }: LoadData, word: string): autocannon.Request {
  let n = 0;
  return {
    method: 'POST',
    path: `/api/work-plans/${planId}/items`,
    setupRequest: (request) => ({
      ...request,
      body: JSON.stringify({
        activity: { en: `${word} ${n++}` },
        deadline: 'Q4 2030',
        responsibleMemberIds: [members[n % members.length]],
      }),
    }),
  };
}

/** The main list endpoints with 100 members, 1,000 work-plan items and 200 meetings; reads, then reads and writes mixed. */
export async function benchApiLoad(): Promise<Record<string, string>> {
  const bench = await startBenchApp({
    API_REQUESTS_PER_MINUTE: '10000000',
    ROLE: 'api',
    QUEUE_PREFIX: process.env.BENCH_QUEUE_PREFIX ?? 'wgs-bench-api',
  });
  const config = bench.app.get<AppConfig>(APP_CONFIG);
  // The in-process app seeds and counts queries; the load goes to separate API processes.
  let benchClosed: Promise<void> | null = null;
  const closeBench = () => (benchClosed ??= bench.close());
  const figures: Record<string, string> = {};
  try {
    const data = await seedLoadData(bench.url, bench.app.get(DataSource));
    Object.assign(figures, await queriesPerRequest(bench.url, bench.app.get(DataSource), data));
    await closeBench();

    for (const processes of apiProcessCounts()) {
      const server = await startApiProcesses(processes, config);
      const suffix = ` [${processes} API process${processes > 1 ? 'es' : ''}]`;
      try {
        for (const [label, path] of loadedLists(data))
          figures[label + suffix] = line(await load(server.url, [{ method: 'GET', path }]));
        const mixed = await load(server.url, [...mixedReads(data), itemWrite(data, 'Written')]);
        figures['mixed: 3 reads + 1 write (item with reminders planned)' + suffix] = line(mixed);
        figures['writes only: POST item + its reminders in one transaction' + suffix] = line(
          await load(server.url, [itemWrite(data, 'Write only')], 6, 10),
        );
      } finally {
        await server.close();
      }
    }
    Object.assign(figures, await deliveryUnderLoad(config, data, apiProcessCounts()[0] ?? 1));
  } finally {
    await closeBench();
  }
  return figures;
}

/**
 * Reminder delivery while the mixed load runs: BENCH_DELIVERY_REMINDERS (2,000) item reminders fall
 * due evenly over the load's BENCH_DELIVERY_SECONDS (10) minus a second at each end, for a worker
 * process of its own (ROLE=worker) sending to an SMTP sink process. Lateness runs from a row's due
 * moment to the sink's acceptance; the emails/s count from the first due moment to the last acceptance.
 */
async function deliveryUnderLoad(
  config: AppConfig,
  data: LoadData,
  processes: number,
): Promise<Record<string, string>> {
  const count = Number(process.env.BENCH_DELIVERY_REMINDERS ?? 2000);
  const seconds = Number(process.env.BENCH_DELIVERY_SECONDS ?? 10);
  const sink = await startSmtpCounterProcess();
  const worker = await startWorkerProcess(config, sink.url);
  const db = new Client({ connectionString: config.databaseUrl });
  await db.connect();
  const queue = new Queue(QUEUES.notifications, { connection: { url: config.redisUrl }, prefix: config.queuePrefix });
  const notifications = new NotificationQueue(queue);
  const server = await startApiProcesses(processes, config);
  const suffix = ` [${processes} API process${processes > 1 ? 'es' : ''}, 1 worker process]`;
  try {
    const plan = async (word: string, total: number, firstDue: number, spreadMs: number) => {
      // Reminders of the plan's items with responsible members, as the planner writes them (the composer re-checks the item's deadline from the payload).
      const { rows } = await db.query<{ id: string; version: number; due_at: Date; kind: string }>(
        `WITH pairs AS (
           SELECT i.id AS item_id, i.due_at, m.id AS member_id, m.email, row_number() OVER (ORDER BY i.position, m.id) - 1 AS n
           FROM work_plan_item i JOIN work_plan_item_responsible r ON r.item_id = i.id JOIN member m ON m.id = r.member_id
           WHERE i.work_plan_id = $1 AND i.due_at IS NOT NULL),
         wanted AS (SELECT g - 1 AS k FROM generate_series(1, $2::int) g)
         INSERT INTO notification (key, kind, subject_type, subject_id, recipient_id, recipient_email, due_at, payload)
         SELECT $3 || ':' || w.k, 'item-due-soon', 'work_plan_item', p.item_id, p.member_id, p.email,
                to_timestamp(($4::float8 + w.k * $5::float8 / greatest($2::int - 1, 1)) / 1000),
                jsonb_build_object('dueAt', to_char(p.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'offset', 'P3D')
         FROM wanted w JOIN pairs p ON p.n = w.k % (SELECT count(*) FROM pairs)
         RETURNING id, version, due_at, kind`,
        [data.planId, total, `bench-delivery:${word}:${Date.now()}`, firstDue, spreadMs],
      );
      await notifications.enqueue(rows.map((r) => ({ id: r.id, version: r.version, dueAt: r.due_at, kind: r.kind })));
      return rows;
    };
    const accepted = async (rows: { id: string }[]) => {
      const { rows: sent } = await db.query<{ message_id: string }>(
        `SELECT message_id FROM notification WHERE id = ANY($1) AND status = 'sent'`,
        [rows.map((r) => r.id)],
      );
      return sent.length === rows.length ? sink.acceptedAt(sent.map((r) => r.message_id)) : null;
    };
    const settle = async (rows: { id: string }[], timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const times = await accepted(rows);
        if (times && times.every((t) => t !== null)) return times;
        if (Date.now() > deadline) return null;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    // A few due now warm the worker up (templates, connections) and show it is consuming.
    if (!(await settle(await plan('warm-up', 20, Date.now(), 0), 60_000)))
      throw new Error(`the worker process delivered nothing:\n${worker.output()}`);

    const start = Date.now() + 1000;
    const rows = await plan('load', count, start + 1000, (seconds - 2) * 1000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start - Date.now())));
    const mixed = await load(server.url, [...mixedReads(data), itemWrite(data, 'Written with delivery')], seconds);
    const loadEnded = Date.now();
    const times = await settle(rows, 300_000);
    if (!times) throw new Error(`not every reminder was delivered within 5 minutes of the load`);
    const lateness = rows.map((row, i) => times[i] - row.due_at.getTime()).sort((a, b) => a - b);
    const firstDue = Math.min(...rows.map((row) => row.due_at.getTime()));
    const rate = count / ((Math.max(...times) - firstDue) / 1000);
    return {
      ['mixed: 3 reads + 1 write, reminders delivered meanwhile' + suffix]: line(mixed),
      ['delivery during that load' + suffix]:
        `${count.toLocaleString('en')} item reminders due over ${seconds - 2} s: ${Math.round(rate).toLocaleString('en')} emails/s, ${times.filter((t) => t <= loadEnded).length.toLocaleString('en')} accepted before the load ended`,
      ['lateness during that load (due → SMTP accept)' + suffix]:
        `p50 ${percentile(lateness, 50)} ms, p99 ${percentile(lateness, 99)} ms, max ${lateness[lateness.length - 1]} ms`,
    };
  } finally {
    await server.close();
    await worker.stop();
    await queue.close();
    await db.end();
    await sink.stop();
  }
}

/** What an app process started by the bench shares with the in-process bench app: its database, queue and secrets. */
function benchProcessEnv(config: AppConfig): Record<string, string> {
  return {
    MIGRATIONS_RUN: 'false',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    APP_SECRET: config.appSecret,
    ADMIN_TOKEN: config.adminToken,
    LOG_LEVEL: 'error',
    PAGE_CACHE_MB: String(config.pageCacheMegabytes),
  };
}

/** The real entry point as a ROLE=worker process on the bench database, sending to `smtpUrl`. */
async function startWorkerProcess(
  config: AppConfig,
  smtpUrl: string,
): Promise<{ output: () => string; stop: () => Promise<void> }> {
  const root = `${__dirname}/..`;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts', NO_ENV_FILE], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      ...benchProcessEnv(config),
      ROLE: 'worker',
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'Bench <bench@wgecc.bench>',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** BENCH_API_PROCESSES=1,2 (the default): the load is measured once per count of API processes. */
function apiProcessCounts(): number[] {
  return (process.env.BENCH_API_PROCESSES ?? '1,2')
    .split(',')
    .map(Number)
    .filter((count) => count >= 1);
}

/** SQL statements sent for one request of 10 rows and one of 100: equal when no row costs a query of its own (no N+1). */
async function queriesPerRequest(
  url: string,
  dataSource: DataSource,
  { planId, members }: LoadData,
): Promise<Record<string, string>> {
  const counter = countQueries(dataSource);
  const figures: Record<string, string> = {};
  try {
    for (const [label, path] of [
      ['members', '/api/members?'],
      ['work-plan-items', `/api/work-plan-items?workPlanId=${planId}&`],
      ['meetings', '/api/meetings?'],
      ['notifications', '/api/notifications?'],
    ] as const) {
      const few = await counter.during(() => api(url, 'GET', `${path}limit=10`));
      const many = await counter.during(() => api(url, 'GET', `${path}limit=100`));
      figures[`SQL queries per request: ${label}`] = `${few.length} for 10 rows, ${many.length} for 100 rows`;
    }
    figures['SQL queries per request: POST item with reminders'] = writeStatements(
      await counter.during(() =>
        api(url, 'POST', `/api/work-plans/${planId}/items`, {
          activity: { en: 'Counted' },
          deadline: 'Q4 2030',
          responsibleMemberIds: [members[0]],
        }),
      ),
    );
  } finally {
    counter.stop();
  }
  return figures;
}

/** How many statements a write sent, and how many of them while holding its plan's row lock: writers of one plan queue for those. */
export function writeStatements(statements: SentStatement[]): string {
  const locked = statements.findIndex((statement) =>
    /FROM "?work_plan"?\s[\s\S]*FOR (NO KEY )?UPDATE|UPDATE "?work_plan"?\s+SET/i.test(statement.sql),
  );
  return `${statements.length}, of which ${locked < 0 ? 0 : statements.length - locked} from the plan's lock to the commit`;
}

/**
 * `count` ROLE=api processes sharing one port (node:cluster) on the bench database, apart from the
 * load generator; `root` picks the source tree they run (an A/B comparison runs two); `execArgv` are
 * node's options for them (say `--cpu-prof`).
 */
export async function startApiProcesses(
  count: number,
  config: AppConfig,
  root = `${__dirname}/..`,
  execArgv: string[] = [],
): Promise<{ url: string; pid: number; close: () => Promise<void> }> {
  const port = await freePort();
  const child = fork(`${root}/bench/api-load-processes.ts`, [], {
    cwd: root,
    // node:cluster starts the API processes with these too.
    execArgv: ['-r', 'ts-node/register/transpile-only', ...execArgv],
    env: {
      ...process.env,
      ...benchProcessEnv(config),
      API_PROCESSES: String(count),
      PORT: String(port),
      ROLE: 'api',
      API_REQUESTS_PER_MINUTE: String(config.apiRequestsPerMinute),
    },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the API processes stopped with code ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
