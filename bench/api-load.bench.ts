import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../src/config/app-config';
import type { AppConfig } from '../src/config/app-config';
import { api, BENCH_TOKEN, startBenchApp } from './bench-app';
import { countQueries } from './query-counter';
import type { SentStatement } from './query-counter';

export interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

export function load(url: string, requests: autocannon.Request[], seconds = 6, connections = 20): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections, duration: seconds, headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' }, requests },
      (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result as LoadResult)),
    );
  });
}

const line = (r: LoadResult) => `${Math.round(r.requests.average).toLocaleString('en')} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`;

export interface LoadData {
  planId: string;
  members: string[];
}

/** 100 members, a plan of 1,000 items (a tenth with two responsible members, so reminders are planned) and 200 meetings. */
export async function seedLoadData(url: string): Promise<LoadData> {
  const body = await api(url, 'POST', '/api/bodies', { name: { en: 'Load WG' }, kind: 'working_group' });
  const members: string[] = [];
  for (let i = 0; i < 100; i++) {
    members.push((await api(url, 'POST', '/api/members', { fullName: `Load member ${i}`, email: `load${i}@bench.example`, countryCode: ['KZ', 'KG', 'TJ', 'TM', 'UZ'][i % 5], language: 'ru', timeZone: 'Asia/Almaty' })).id);
  }
  const plan = await api(url, 'POST', '/api/work-plans', { bodyId: body.id, title: { en: 'Load plan' }, period: '2030' });
  const form = new FormData();
  const rows = ['activity,deadline,executor,countries,responsible'];
  for (let i = 0; i < 1000; i++) {
    const responsible = i % 10 === 0 ? `load${i % 100}@bench.example; load${(i + 1) % 100}@bench.example` : '';
    rows.push(`Activity ${i},${['Февраль 2030', 'Q3 2030', 'end of November 2030'][i % 3]},WECOOP 3,${['KZ', 'UZ'][i % 2]},${responsible}`);
  }
  form.append('file', new Blob([rows.join('\n')], { type: 'text/csv' }), 'plan.csv');
  await api(url, 'POST', `/api/work-plans/${plan.id}/import`, form);
  for (let i = 0; i < 200; i++) {
    await api(url, 'POST', '/api/meetings', { bodyId: body.id, kind: 'technical', title: { en: `Load meeting ${i}` }, timeZone: 'Asia/Almaty', startsAt: new Date(Date.UTC(2030, 0, 1 + i, 5)).toISOString() });
  }
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

/** A new work-plan item with one responsible member: its reminders are planned in the same transaction. */
export function itemWrite({ planId, members }: LoadData, word: string): autocannon.Request {
  let n = 0;
  return {
    method: 'POST',
    path: `/api/work-plans/${planId}/items`,
    setupRequest: (request) => ({ ...request, body: JSON.stringify({ activity: { en: `${word} ${n++}` }, deadline: 'Q4 2030', responsibleMemberIds: [members[n % members.length]] }) }),
  };
}

/** The main list endpoints with 100 members, 1,000 work-plan items and 200 meetings; reads, then reads and writes mixed. */
export async function benchApiLoad(): Promise<Record<string, string>> {
  const bench = await startBenchApp({ API_REQUESTS_PER_MINUTE: '10000000', ROLE: 'api', QUEUE_PREFIX: process.env.BENCH_QUEUE_PREFIX ?? 'wgs-bench-api' });
  const config = bench.app.get<AppConfig>(APP_CONFIG);
  // The in-process app seeds and counts queries; the load goes to separate API processes.
  let benchClosed: Promise<void> | null = null;
  const closeBench = () => (benchClosed ??= bench.close());
  const figures: Record<string, string> = {};
  try {
    const data = await seedLoadData(bench.url);
    Object.assign(figures, await queriesPerRequest(bench.url, bench.app.get(DataSource), data));
    await closeBench();

    for (const processes of apiProcessCounts()) {
      const server = await startApiProcesses(processes, config);
      const suffix = ` [${processes} API process${processes > 1 ? 'es' : ''}]`;
      try {
        for (const [label, path] of loadedLists(data)) figures[label + suffix] = line(await load(server.url, [{ method: 'GET', path }]));
        const [members, items, , meetings] = loadedLists(data);
        const reads = [members, items, meetings].map(([, path]): autocannon.Request => ({ method: 'GET', path }));
        const mixed = await load(server.url, [...reads, itemWrite(data, 'Written')]);
        figures['mixed: 3 reads + 1 write (item with reminders planned)' + suffix] = line(mixed);
        figures['writes only: POST item + its reminders in one transaction' + suffix] = line(await load(server.url, [itemWrite(data, 'Write only')], 6, 10));
      } finally {
        await server.close();
      }
    }
  } finally {
    await closeBench();
  }
  return figures;
}

/** BENCH_API_PROCESSES=1,2 (the default): the load is measured once per count of API processes. */
function apiProcessCounts(): number[] {
  return (process.env.BENCH_API_PROCESSES ?? '1,2').split(',').map(Number).filter((count) => count >= 1);
}

/** SQL statements sent for one request of 10 rows and one of 100: equal when no row costs a query of its own (no N+1). */
async function queriesPerRequest(url: string, dataSource: DataSource, { planId, members }: LoadData): Promise<Record<string, string>> {
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
      await counter.during(() => api(url, 'POST', `/api/work-plans/${planId}/items`, { activity: { en: 'Counted' }, deadline: 'Q4 2030', responsibleMemberIds: [members[0]] })),
    );
  } finally {
    counter.stop();
  }
  return figures;
}

/** How many statements a write sent, and how many of them while holding its plan's row lock: writers of one plan queue for those. */
export function writeStatements(statements: SentStatement[]): string {
  const locked = statements.findIndex((statement) => /FROM "?work_plan"?\s[\s\S]*FOR (NO KEY )?UPDATE|UPDATE "?work_plan"?\s+SET/i.test(statement.sql));
  return `${statements.length}, of which ${locked < 0 ? 0 : statements.length - locked} from the plan's lock to the commit`;
}

/**
 * `count` ROLE=api processes sharing one port (node:cluster) on the bench database, apart from the
 * load generator; `root` picks the source tree they run (an A/B comparison runs two); `execArgv` are
 * node's options for them (say `--cpu-prof`).
 */
export async function startApiProcesses(count: number, config: AppConfig, root = `${__dirname}/..`, execArgv: string[] = []): Promise<{ url: string; pid: number; close: () => Promise<void> }> {
  const port = await freePort();
  const child = fork(`${root}/bench/api-load-processes.ts`, [], {
    cwd: root,
    // node:cluster starts the API processes with these too.
    execArgv: ['-r', 'ts-node/register/transpile-only', ...execArgv],
    env: {
      ...process.env,
      API_PROCESSES: String(count),
      PORT: String(port),
      ROLE: 'api',
      MIGRATIONS_RUN: 'false',
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      APP_SECRET: config.appSecret,
      ADMIN_TOKEN: config.adminToken,
      API_REQUESTS_PER_MINUTE: String(config.apiRequestsPerMinute),
      LOG_LEVEL: 'error',
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
