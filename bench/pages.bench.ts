// npm run bench -- pages: the five pages people wait for, on a small database and on the scale one
// (1,000,000 notifications, 100,000 activities, a meeting of 500 invitees with a poll), one API process each.
//   PAGES_SCALE=0.1 shrinks the big database's notifications and plans for a quick run;
//   PAGES_REUSE=1 keeps databases an earlier run generated (pending migrations still run).
import autocannon from 'autocannon';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../src/app.factory';
import { hashToken, newToken } from '../src/auth/token-hash';
import { JsonLogger } from '../src/common/logging/json-logger';
import { loadConfig } from '../src/config/app-config';
import type { AppConfig } from '../src/config/app-config';
import { runMigrations } from '../src/database/startup';
import { SessionRepository } from '../src/sessions/session.repository';
import { SESSION_COOKIE } from '../src/sessions/sessions.service';
import { BIG_MEETING_TITLE, FULL_SCALE, generateScale } from '../scripts/generate-scale';
import type { ScaleShape } from '../scripts/generate-scale';
import { startApiProcesses } from './api-load.bench';
import { BENCH_TOKEN } from './bench-app';
import { countQueries } from './query-counter';

const BASE_URL = process.env.PAGES_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wgs_pages';
const SCALE = Number(process.env.PAGES_SCALE ?? 1);
const SECONDS = Number(process.env.PAGES_SECONDS ?? 6);
const ROUNDS = Number(process.env.PAGES_ROUNDS ?? 2);
const CONNECTIONS = 20;
/** What Chromium and Firefox send: pages are measured as browsers receive them. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

/** The pages show the same meeting and plan on both databases; everything around them grows. */
export const PAGE_MEETING = { invitees: 500, pollOptions: 6 };
const SMALL: ScaleShape = {
  members: 500,
  plans: 1,
  itemsPerPlan: 1000,
  meetings: 200,
  notifications: 10_000,
  dueSoon: 20,
  stuck: 5,
  ...PAGE_MEETING,
};
const BIG: ScaleShape = {
  ...FULL_SCALE,
  // The meeting of 500 is the whole group: the people stay, their years of activities and emails grow.
  members: 500,
  plans: Math.max(2, Math.round(FULL_SCALE.plans * SCALE)),
  notifications: Math.round(FULL_SCALE.notifications * SCALE),
  ...PAGE_MEETING,
};

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** The pages by label, with what each needs from its database. */
async function pagePaths(db: Client): Promise<Record<string, string>> {
  const one = async (sql: string) => Object.values((await db.query(sql)).rows[0])[0] as string;
  const meeting = await one(`SELECT id FROM meeting WHERE title->>'en' = '${BIG_MEETING_TITLE}'`);
  const plan = await one('SELECT id FROM work_plan ORDER BY period DESC LIMIT 1');
  return {
    'baseline: GET /sign-in (no database)': '/sign-in',
    'dashboard GET /': '/',
    'meeting page (500 invitees, poll matrix)': `/meetings/${meeting}`,
    'work-plan page (1,000 activities, timeline)': `/work-plan/${plan}`,
    'member list GET /members': '/members',
    'outbox GET /outbox': '/outbox',
  };
}

/** The API as deployed (rendered pages kept until a commit), and rendering every request. */
const MODES = [
  { name: 'kept', pageCacheMb: '64' },
  { name: 'rendered', pageCacheMb: '0' },
] as const;

function benchConfig(databaseUrl: string, pageCacheMb = '64'): AppConfig {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    APP_SECRET: 'bench-secret-0123456789abcdef0123456789',
    ADMIN_TOKEN: BENCH_TOKEN,
    QUEUE_PREFIX: process.env.BENCH_QUEUE_PREFIX ?? 'wgs-bench-pages',
    LOG_LEVEL: 'error',
    ROLE: 'api',
    MIGRATIONS_RUN: 'false',
    API_REQUESTS_PER_MINUTE: '10000000',
    PAGE_CACHE_MB: pageCacheMb,
  });
}

/**
 * Load for `seconds`, then one more request: answers still queued when the load stopped are out before the next page.
 * With `commitEveryMs`, another connection commits a transaction that often meanwhile, as a worker sending emails does.
 */
async function measure(
  url: string,
  path: string,
  cookie: string,
  seconds: number,
  commitEveryMs = 0,
  databaseUrl = '',
): Promise<Measured> {
  const committer = commitEveryMs ? await startCommitting(databaseUrl, commitEveryMs) : null;
  const measured = await new Promise<Measured>((resolve, reject) => {
    autocannon(
      {
        url: url + path,
        connections: CONNECTIONS,
        duration: seconds,
        headers: { cookie, 'accept-encoding': BROWSER_ENCODINGS },
      },
      (error: Error | null, result: autocannon.Result) =>
        error
          ? reject(error)
          : resolve({
              rps: result.requests.average,
              p50: result.latency.p50,
              p99: result.latency.p99,
              non2xx: result.non2xx,
              errors: result.errors + result.timeouts,
            }),
    );
  });
  await committer?.stop();
  await (await fetch(url + path, { headers: { cookie } })).text();
  return measured;
}

/** A transaction that takes an id and commits, every `everyMs`: it changes the snapshot and no data. */
async function startCommitting(databaseUrl: string, everyMs: number): Promise<{ stop: () => Promise<void> }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let running = true;
  const loop = (async () => {
    while (running) {
      await db.query('SELECT pg_current_xact_id()');
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await db.end();
    },
  };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

interface Prepared {
  label: string;
  url: string;
  cookie: string;
  paths: Record<string, string>;
  statements: Record<string, number>;
  /** Median time of one request at a time, in the bench's own process. */
  alone: Record<string, number>;
  seconds: number;
}

/**
 * Fills (or reuses) a database, signs in a secretariat member, and counts the statements each page
 * sends in an in-process app; the load later goes to a separate API process.
 */
async function prepare(label: string, databaseUrl: string, shape: ScaleShape): Promise<Prepared> {
  const started = Date.now();
  if (process.env.PAGES_REUSE === '1') await runMigrations(databaseUrl);
  else await generateScale(databaseUrl, shape);
  const seconds = (Date.now() - started) / 1000;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let paths: Record<string, string>;
  let secretariat: string;
  try {
    secretariat = (await db.query<{ id: string }>('SELECT id FROM member ORDER BY id LIMIT 1')).rows[0].id;
    await db.query(
      `INSERT INTO membership (body_id, member_id, role, seat, start_date)
       SELECT (SELECT id FROM body), $1, 'secretariat', 'Secretariat', '2020-01-01'
       WHERE NOT EXISTS (SELECT 1 FROM membership WHERE member_id = $1 AND role = 'secretariat')`,
      [secretariat],
    );
    paths = await pagePaths(db);
  } finally {
    await db.end();
  }
  const app = await createHttpApp(benchConfig(databaseUrl, '0'), new JsonLogger('error'));
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const token = newToken('wss_');
  await app.get(SessionRepository).createSession(hashToken(token), secretariat, new Date(Date.now() + 86_400_000));
  const cookie = `${SESSION_COOKIE}=${token}`;
  const counter = countQueries(app.get(DataSource));
  const statements: Record<string, number> = {};
  const alone: Record<string, number> = {};
  try {
    for (const [page, path] of Object.entries(paths)) {
      await fetch(url + path, { headers: { cookie } }); // warm caches (translations, templates) first
      let status = 0;
      const sent = await counter.during(async () => {
        const response = await fetch(url + path, { headers: { cookie }, redirect: 'manual' });
        status = response.status;
        await response.text();
      });
      if (status !== 200) throw new Error(`${label}: ${page} answered ${status}`);
      statements[page] = sent.length;
      const times: number[] = [];
      for (let i = 0; i < 9; i++) {
        const started = performance.now();
        await (await fetch(url + path, { headers: { cookie } })).text();
        times.push(performance.now() - started);
      }
      alone[page] = median(times);
    }
  } finally {
    counter.stop();
    await app.close();
  }
  return { label, url: databaseUrl, cookie, paths, statements, alone, seconds };
}

export async function benchPages(): Promise<Record<string, string>> {
  const small = await prepare('small', `${BASE_URL}_small`, SMALL);
  const big = await prepare('big', `${BASE_URL}_big`, BIG);
  const figures: Record<string, string> = {
    databases: `small: ${SMALL.members} members, ${SMALL.notifications.toLocaleString('en')} notifications, ${(SMALL.plans * SMALL.itemsPerPlan).toLocaleString('en')} activities · big: ${BIG.members.toLocaleString('en')} members, ${BIG.notifications.toLocaleString('en')} notifications, ${(BIG.plans * BIG.itemsPerPlan).toLocaleString('en')} activities${process.env.PAGES_REUSE === '1' ? ' (reused)' : ` (generated in ${small.seconds.toFixed(0)} s and ${big.seconds.toFixed(0)} s)`}`,
    load: `${CONNECTIONS} connections, ${SECONDS} s per page, median of ${ROUNDS} alternating rounds, one API process per database`,
  };
  const servers = [small, big].map((prepared) =>
    MODES.map((mode) => startApiProcesses(1, benchConfig(prepared.url, mode.pageCacheMb))),
  );
  const started = await Promise.all(servers.map((modes) => Promise.all(modes)));
  try {
    const pages = Object.keys(small.paths);
    const runs = new Map<string, Measured[]>();
    const record = (key: string, measured: Measured) => runs.set(key, [...(runs.get(key) ?? []), measured]);
    // A second of load on every page first: JIT, connection pool and PostgreSQL's caches warm.
    for (const page of pages)
      for (const [i, prepared] of [small, big].entries())
        for (const [m] of MODES.entries()) await measure(started[i][m].url, prepared.paths[page], prepared.cookie, 1);
    for (let round = 0; round < ROUNDS; round++)
      for (const page of pages)
        for (const [i, prepared] of [small, big].entries())
          for (const [m, mode] of MODES.entries())
            record(
              `${page}|${prepared.label}|${mode.name}`,
              await measure(started[i][m].url, prepared.paths[page], prepared.cookie, SECONDS),
            );
    // The meeting page kept, while another connection commits ten times a second: renders, shared by those waiting.
    const meetingPage = pages[2];
    for (let round = 0; round < ROUNDS; round++)
      record(
        `${meetingPage}|big|commits`,
        await measure(started[1][0].url, big.paths[meetingPage], big.cookie, SECONDS, 100, big.url),
      );
    const summary = (key: string): Measured => {
      const measured = runs.get(key)!;
      return {
        rps: median(measured.map((r) => r.rps)),
        p50: median(measured.map((r) => r.p50)),
        p99: median(measured.map((r) => r.p99)),
        non2xx: measured.reduce((sum, r) => sum + r.non2xx, 0),
        errors: measured.reduce((sum, r) => sum + r.errors, 0),
      };
    };
    const shown = (m: Measured) =>
      `${Math.round(m.rps)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms${m.non2xx ? `, ${m.non2xx} non-2xx` : ''}${m.errors ? `, ${m.errors} errors` : ''}`;
    for (const page of pages) {
      for (const prepared of [small, big]) {
        const [kept, rendered] = MODES.map((mode) => summary(`${page}|${prepared.label}|${mode.name}`));
        figures[`${page} — ${prepared.label}`] = `kept: ${shown(kept)} · rendered each time: ${shown(rendered)}`;
      }
      const [s, b] = [small, big].map((prepared) => summary(`${page}|${prepared.label}|kept`));
      const [rs, rb] = [small, big].map((prepared) => summary(`${page}|${prepared.label}|rendered`));
      figures[`${page} — big/small p99 (kept, rendered), SQL statements`] =
        `×${(b.p99 / Math.max(s.p99, 1)).toFixed(2)}, ×${(rb.p99 / Math.max(rs.p99, 1)).toFixed(2)} · ${small.statements[page]} small, ${big.statements[page]} big${b.p99 > 100 ? ' · MISSES p99 ≤ 100 ms' : ''}`;
      figures[`${page} — one render at a time`] =
        `${small.alone[page].toFixed(0)} ms small, ${big.alone[page].toFixed(0)} ms big (median of 9)`;
    }
    figures[`${meetingPage} — big, kept, a commit every 100 ms`] = shown(summary(`${meetingPage}|big|commits`));
  } finally {
    await Promise.all(started.flat().map((server) => server.close()));
  }
  return figures;
}
