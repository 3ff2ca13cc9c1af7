import type { INestApplication } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import nodemailer from 'nodemailer';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { DataSource } from 'typeorm';
import { sampleData } from '../test/support/email-samples';
import { TemplateRenderer } from '../src/mail/template-renderer';
import { NotificationQueue } from '../src/notifications/notification-queue';
import { api, percentile, startBenchApp } from './bench-app';
import { countQueries } from './query-counter';
import { startSmtpCounterProcess } from './smtp-counter';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Scheduling through the API, delivery of 10,000 due at once against a bare BullMQ + nodemailer baseline, lateness of 1,000. */
export async function benchReminders(): Promise<Record<string, string>> {
  const figures: Record<string, string> = {};
  const sink = await startSmtpCounterProcess();
  const appEnv = {
    SMTP_URL: sink.url,
    WORKER_CONCURRENCY: '32',
    MAIL_FROM: 'Bench <bench@wgecc.bench>',
    QUEUE_PREFIX: process.env.BENCH_QUEUE_PREFIX ?? 'wgs-bench',
  };
  const bench = await startBenchApp(appEnv);
  const dataSource = bench.app.get(DataSource);
  try {
    const { body, memberIds } = await seedParticipants(bench.url);

    // 1. Scheduling: one request invites 500 people, planning their invitations, reminders and chases in its transaction.
    const meeting = await createMeeting(bench.url, body.id);
    const before = Number((await dataSource.query('SELECT count(*) AS n FROM notification'))[0].n);
    const started = process.hrtime.bigint();
    await api(bench.url, 'POST', `/api/meetings/${meeting.id}/invitations`, { memberIds });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const planned = Number((await dataSource.query('SELECT count(*) AS n FROM notification'))[0].n) - before;
    figures['schedule: invite 500 (one request)'] =
      `${seconds.toFixed(2)} s, ${planned} rows planned, ${Math.round(planned / seconds).toLocaleString('en')} reminders/s`;
    await until(async () => (await sink.accepted()) >= 500, 120_000, 'the 500 invitations');

    // 2. Delivery: 10,000 reminders due now (20 per participant), through the real worker path.
    await dataSource.query(`UPDATE notification SET status = 'cancelled' WHERE status = 'scheduled'`);
    const rows = await insertDueNow(bench.app, meeting.id);
    const profile = await startCpuProfile();
    const queries = countQueries(dataSource);
    const cpu = await startCpuMeter(dataSource);
    const deliveryStart = Date.now();
    const statements = await queries.during(() => deliver(bench.app, sink, rows));
    const deliverySeconds = (Date.now() - deliveryStart) / 1000;
    queries.stop();
    const cpuMs = await cpu.stop();
    await profile.stop();
    const ours = 10_000 / deliverySeconds;
    figures['deliver 10,000 due at once'] =
      `${deliverySeconds.toFixed(2)} s, ${Math.round(ours).toLocaleString('en')} emails/s (rendered in 3 languages, .ics-free reminders, claim + record in PostgreSQL)`;
    figures['SQL statements during the 10,000'] = statementSummary(statements);
    figures['CPU per email during the 10,000'] =
      `app process ${(cpuMs.app / 10_000).toFixed(2)} ms, its PostgreSQL backends ${(cpuMs.postgres / 10_000).toFixed(2)} ms`;

    // 3. Lateness: 1,000 reminders due within the same second, planned ahead as delayed jobs; once all at
    // the same instant (what 09:00 in one zone gives), once spread evenly over that second.
    for (const spread of [false, true]) {
      await until(
        async () =>
          Number(
            (
              await dataSource.query(`SELECT count(*) AS n FROM notification WHERE status IN ('scheduled', 'sending')`)
            )[0].n,
          ) === 0,
        60_000,
        'the queue to drain',
      );
      const secondStart = new Date(Date.now() + 3000);
      const lateRows: DueRow[] = await dataSource.query(
        `INSERT INTO notification (key, kind, subject_type, subject_id, subject_version, recipient_id, recipient_email, due_at, payload)
         SELECT 'late:' || $3::text || ':' || m.id || ':' || g, 'meeting-reminder', 'meeting', $1, 0, m.id, m.email,
                $2::timestamptz + CASE WHEN $3::boolean THEN (row_number() OVER () - 1) * interval '1 millisecond' ELSE interval '0' END,
                '{"daysBefore": 1}'::jsonb
         FROM member m CROSS JOIN generate_series(1, 2) g RETURNING id, version, due_at, kind`,
        [meeting.id, secondStart, spread],
      );
      await bench.app
        .get(NotificationQueue)
        .enqueue(lateRows.map((r) => ({ id: r.id, version: r.version, dueAt: r.due_at, kind: r.kind })));
      const ids = lateRows.map((r) => `<${r.id}@wgecc.bench>`);
      let times: (number | null)[] = [];
      await until(
        async () => (times = await sink.acceptedAt(ids)).every((t) => t !== null),
        120_000,
        'the 1,000 due together',
      );
      const lateness = times.map((t, i) => t! - lateRows[i].due_at.getTime()).sort((a, b) => a - b);
      figures[spread ? 'lateness, 1,000 due spread over one second' : 'lateness, 1,000 due at the same instant'] =
        `p50 ${percentile(lateness, 50)} ms, p99 ${percentile(lateness, 99)} ms, max ${lateness[lateness.length - 1]} ms`;
    }
  } finally {
    await bench.close();
  }

  // The same 10,000 with five emails at a time awaiting their acceptance (SMTP_MAX_UNCONFIRMED=5, one per
  // connection, as if ungated) instead of one: what the default's "at most one duplicate per crash" costs.
  const unconfirmed = await startBenchApp({ ...appEnv, SMTP_MAX_UNCONFIRMED: '5' });
  try {
    const { body, memberIds } = await seedParticipants(unconfirmed.url);
    const meeting = await createMeeting(unconfirmed.url, body.id);
    const acceptedBefore = await sink.accepted();
    await api(unconfirmed.url, 'POST', `/api/meetings/${meeting.id}/invitations`, { memberIds });
    await until(async () => (await sink.accepted()) - acceptedBefore >= 500, 120_000, 'the 500 invitations');
    await unconfirmed.app
      .get(DataSource)
      .query(`UPDATE notification SET status = 'cancelled' WHERE status = 'scheduled'`);
    const rows = await insertDueNow(unconfirmed.app, meeting.id);
    const started = Date.now();
    await deliver(unconfirmed.app, sink, rows);
    const seconds = (Date.now() - started) / 1000;
    figures['deliver 10,000 due at once, 5 unconfirmed'] =
      `${seconds.toFixed(2)} s, ${Math.round(10_000 / seconds).toLocaleString('en')} emails/s (SMTP_MAX_UNCONFIRMED=5: up to five duplicates per crash)`;
  } finally {
    await unconfirmed.close();
  }

  // Baselines: 10,000 emails through bare BullMQ and nodemailer, no database, no templates per email.
  // The short one is the original yardstick (a one-line email); the same-size one sends our rendered
  // reminder (rendered once per language beforehand) with the transport settings ours uses, so that
  // only what our path adds (claim, re-check, render, record) separates the two.
  const renderer = new TemplateRenderer();
  const rendered = (['en', 'ru', 'kk'] as const).map((language) =>
    renderer.render('meeting-reminder', sampleData('meeting-reminder', language)),
  );
  const { perSecond: bare } = await bareBaseline(sink, (i) => ({
    subject: 'Reminder',
    text: 'The meeting is tomorrow.',
    html: '<p>The meeting is tomorrow.</p>',
    i,
  }));
  const {
    perSecond: sameSize,
    lateness: bareLateness,
    spreadLateness: bareSpreadLateness,
  } = await bareBaseline(sink, (i) => ({
    subject: rendered[i % 3].subject,
    html: rendered[i % 3].html,
    text: rendered[i % 3].text,
    textEncoding: 'base64' as const,
    i,
  }));
  await sink.stop();
  figures['baseline: bare BullMQ + nodemailer, 10,000'] =
    `${Math.round(bare).toLocaleString('en')} emails/s (a one-line email)`;
  figures['baseline: the same, our rendered reminder'] =
    `${Math.round(sameSize).toLocaleString('en')} emails/s (same size and encoding as ours)`;
  const latenessLine = (values: number[]) =>
    `p50 ${percentile(values, 50)} ms, p99 ${percentile(values, 99)} ms, max ${values[values.length - 1]} ms (bare BullMQ + nodemailer, no database)`;
  figures['baseline lateness: our reminder, 1,000 at the same instant'] = latenessLine(bareLateness);
  figures['baseline lateness: our reminder, 1,000 spread over one second'] = latenessLine(bareSpreadLateness);
  const oursPerSecond = Number(figures['deliver 10,000 due at once'].split(', ')[1].split(' ')[0].replace(/,/g, ''));
  figures['ratio to the baseline'] =
    `${(oursPerSecond / bare).toFixed(2)} (one-line email), ${(oursPerSecond / sameSize).toFixed(2)} (same email)`;
  return figures;
}

/** 500 members of one body, in three languages and zones, created through the API. */
async function seedParticipants(url: string): Promise<{ body: { id: string }; memberIds: string[] }> {
  const body = await api(url, 'POST', '/api/bodies', { name: { en: 'Bench WG' }, kind: 'working_group' });
  const memberIds: string[] = [];
  for (let i = 0; i < 500; i++) {
    memberIds.push(
      (
        await api(url, 'POST', '/api/members', {
          fullName: `Bench member ${i}`,
          email: `m${i}@bench.example`,
          countryCode: ['KZ', 'KG', 'TJ', 'TM', 'UZ'][i % 5],
          language: ['en', 'ru', 'kk'][i % 3],
          timeZone: ['Asia/Almaty', 'Asia/Bishkek', 'Europe/Brussels'][i % 3],
        })
      ).id,
    );
  }
  return { body, memberIds };
}

type DueRow = { id: string; version: number; due_at: Date; kind: string };

/** 10,000 reminders of the meeting due now (20 per member), written as the planners would. */
function insertDueNow(app: INestApplication, meetingId: string): Promise<DueRow[]> {
  return app.get(DataSource).query(
    `INSERT INTO notification (key, kind, subject_type, subject_id, subject_version, recipient_id, recipient_email, due_at, payload)
     SELECT 'bench:' || m.id || ':' || g, 'meeting-reminder', 'meeting', $1, 0, m.id, m.email, now(), '{"daysBefore": 1}'::jsonb
     FROM member m CROSS JOIN generate_series(1, 20) g RETURNING id, version, due_at, kind`,
    [meetingId],
  );
}

/** Queues the rows and waits until the sink has accepted as many emails more, through the real worker path. */
/** The meeting the 500 participants are invited to, and the 10,000 reminders are about. */
function createMeeting(url: string, bodyId: string): Promise<{ id: string }> {
  return api(url, 'POST', '/api/meetings', {
    bodyId,
    kind: 'working_group',
    title: { en: 'Bench meeting' },
    timeZone: 'Asia/Almaty',
    startsAt: '2035-06-10T10:00:00+05:00',
  });
}

async function deliver(
  app: INestApplication,
  sink: { accepted: () => Promise<number> },
  rows: DueRow[],
): Promise<void> {
  const acceptedBefore = await sink.accepted();
  await app
    .get(NotificationQueue)
    .enqueue(rows.map((r) => ({ id: r.id, version: r.version, dueAt: r.due_at, kind: r.kind })));
  await until(async () => (await sink.accepted()) - acceptedBefore >= rows.length, 600_000, `${rows.length} reminders`);
}

/**
 * CPU time, less noisy than throughput on a shared machine: the app's process (the worker) and the
 * PostgreSQL backends connected to the benchmark's database (from /proc; the pool keeps them open).
 */
async function startCpuMeter(
  dataSource: DataSource,
): Promise<{ stop: () => Promise<{ app: number; postgres: number }> }> {
  const backends = async (): Promise<number[]> =>
    (
      await dataSource.query<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
    ).map((r) => r.pid);
  const ticksMs = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return 0;
    }
  };
  const pids = await backends();
  const pgBefore = new Map(pids.map((pid) => [pid, ticksMs(pid)]));
  const appBefore = process.cpuUsage();
  return {
    stop: async () => {
      const app = process.cpuUsage(appBefore);
      let postgres = 0;
      for (const pid of await backends()) postgres += ticksMs(pid) - (pgBefore.get(pid) ?? 0);
      return { app: (app.user + app.system) / 1000, postgres };
    },
  };
}

/** "1,234 (0.12 per email): 400 UPDATE notification, …": how well the jobs share their round trips. */
function statementSummary(statements: { sql: string }[]): string {
  const byKind = new Map<string, number>();
  for (const { sql } of statements) {
    const kind = sql
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^WITH claimed AS \( /, '')
      .split(' ')
      .slice(0, 3)
      .join(' ');
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  const kinds = [...byKind.entries()].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${n} ${kind}`);
  return `${statements.length.toLocaleString('en')} (${(statements.length / 10_000).toFixed(2)} per email): ${kinds.join(', ')}`;
}

/**
 * BENCH_CPU_PROFILE=<file.cpuprofile> profiles the app's process during the 10,000 only (not the setup,
 * the lateness run or the baselines): open the file in Chrome DevTools or summarise it with bench/profile-summary.ts.
 */
async function startCpuProfile(): Promise<{ stop: () => Promise<void> }> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/**
 * 10,000 emails through bare BullMQ (the concurrency ours has in the benchmark) and a pooled nodemailer
 * transport of the same size; then, as for ours, 1,000 delayed jobs due at the same moment and 1,000 spread
 * over one second, to show the lateness that the queue and SMTP alone give on this machine.
 */
async function bareBaseline(
  sink: { url: string; accepted: () => Promise<number>; acceptedAt: (ids: string[]) => Promise<(number | null)[]> },
  message: (i: number) => { subject: string; text: string; html: string; textEncoding?: 'base64'; i: number },
): Promise<{ perSecond: number; lateness: number[]; spreadLateness: number[] }> {
  const queue = new Queue('bare-baseline', { connection: { url: REDIS_URL }, prefix: 'wgs-bench-bare' });
  await queue.obliterate({ force: true });
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
    host: '127.0.0.1',
    port: Number(new URL(sink.url).port),
    secure: false,
  });
  const acceptedBefore = await sink.accepted();
  const worker = new Worker(
    'bare-baseline',
    async (job) => {
      const { i, ...content } = message(job.data.i);
      await transport.sendMail({
        from: 'bench@wgecc.bench',
        to: job.data.to,
        ...content,
        messageId: job.data.late ? `<late-${job.data.late}-${i}@bare>` : `<${job.id}-${i}@bare>`,
      });
    },
    {
      connection: { url: REDIS_URL, maxRetriesPerRequest: null },
      prefix: 'wgs-bench-bare',
      concurrency: 32,
      removeOnComplete: { count: 1000 },
    },
  );
  const start = Date.now();
  for (let i = 0; i < 10_000; i += 1000) {
    await queue.addBulk(
      Array.from({ length: 1000 }, (_, j) => ({
        name: 'send',
        data: { to: `m${(i + j) % 500}@bench.example`, i: i + j },
      })),
    );
  }
  await until(async () => (await sink.accepted()) - acceptedBefore >= 10_000, 600_000, 'the baseline');
  const perSecond = 10_000 / ((Date.now() - start) / 1000);

  const latenessOf = async (spreadMs: number) => {
    const secondStart = Date.now() + 3000;
    const dueAt = (i: number) => secondStart + Math.floor((i * spreadMs) / 1000);
    await queue.addBulk(
      Array.from({ length: 1000 }, (_, i) => ({
        name: 'send',
        data: { to: `m${i % 500}@bench.example`, i, late: secondStart },
        opts: { delay: dueAt(i) - Date.now() },
      })),
    );
    const ids = Array.from({ length: 1000 }, (_, i) => `<late-${secondStart}-${i}@bare>`);
    let times: (number | null)[] = [];
    await until(
      async () => (times = await sink.acceptedAt(ids)).every((t) => t !== null),
      120_000,
      'the 1,000 of the baseline due together',
    );
    return times.map((t, i) => t! - dueAt(i)).sort((a, b) => a - b);
  };
  const lateness = await latenessOf(0);
  const spreadLateness = await latenessOf(1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  transport.close();
  return { perSecond, lateness, spreadLateness };
}
