import { Client } from 'pg';
import { OwnPostgres, OwnRedis, retrying, scenarioEnv, startAppProcess } from './fault-processes';
import type { AppProcess } from './fault-processes';
import { SmtpSink, waitFor } from './smtp-sink';
import { TEST_ADMIN_TOKEN } from './test-env';

export interface Counted {
  /** Rows that must reach their reader (neither cancelled nor skipped, nor refused for good by the server). */
  expected: number;
  /** Distinct Message-IDs of those rows the SMTP server accepted. */
  delivered: number;
  lost: number;
  /** Emails accepted after the change that made them untrue had committed. */
  stale: number;
  duplicates: number;
  /** Copies of one email beyond the attempts its row recorded: a duplicate without a kill to explain it. */
  copiesBeyondAttempts: number;
  /** Rows the server refused for good, each shown as failed with its error by GET /api/notifications. */
  failed: number;
  failedShown: number;
  kills: number;
  /** With the kills' times: the extra copies attributed to each kill (the one nearest the first copy's acceptance). */
  duplicatesPerKill?: number[];
  /** With the kills' times: for each email that went twice, its first acceptance less the time of the nearest kill. */
  firstAcceptedFromKillMs?: number[];
}

interface Row {
  id: string;
  status: string;
  kind: string;
  subject_id: string | null;
  obsolete: boolean | null;
  attempts: number;
  due: boolean;
}

/**
 * One fault scenario's own world: a PostgreSQL cluster and a Redis server it may break, an SMTP
 * server it controls, and app processes started from the real entry point. Counting is done at
 * the SMTP server by Message-ID against the rows in PostgreSQL.
 */
export class FaultScenario {
  readonly postgres = new OwnPostgres();
  readonly redis = new OwnRedis();
  readonly smtp = new SmtpSink();
  readonly processes: AppProcess[] = [];
  private db!: Client;
  /** When a change to a subject had committed (ms, by subject id): an email made untrue by it and accepted later is stale. */
  readonly changedAt = new Map<string, number>();

  constructor(readonly name: string) {}

  get env() {
    return scenarioEnv({
      DATABASE_URL: this.postgres.url('wgs_faults'),
      REDIS_URL: this.redis.url,
      SMTP_URL: this.smtp.url,
      QUEUE_PREFIX: `wgs-faults-${this.name}`,
    });
  }

  async start(): Promise<this> {
    await Promise.all([this.postgres.start(), this.redis.start(), this.smtp.start()]);
    return this;
  }

  async startProcess(role: 'api' | 'worker', env: Record<string, string> = {}): Promise<AppProcess> {
    const started = await startAppProcess(role, { ...this.env, ...env });
    this.processes.push(started);
    return started;
  }

  /** The scenario's database, reconnected after a PostgreSQL restart. */
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return retrying(async () => {
      if (!this.db) {
        const client = new Client({ connectionString: this.postgres.url('wgs_faults') });
        client.on('error', () => undefined);
        await client.connect();
        this.db = client;
      }
      try {
        return (await this.db.query(sql, params)).rows as T[];
      } catch (error) {
        await this.db.end().catch(() => undefined);
        this.db = undefined as never;
        throw error;
      }
    });
  }

  async api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    base = this.processes.find((p) => p.role === 'api')!.url,
  ): Promise<T> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Members of one body, created through the API (as the secretariat would). */
  async createMembers(
    count: number,
    overrides: (i: number) => Record<string, unknown> = () => ({}),
  ): Promise<{ bodyId: string; memberIds: string[] }> {
    const body = await this.api<{ id: string }>('POST', '/api/bodies', {
      name: { en: `Working Group ${this.name}` },
      kind: 'working_group',
    });
    const memberIds: string[] = [];
    for (let i = 0; i < count; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, count - i) }, (_, j) =>
          this.api<{ id: string }>('POST', '/api/members', {
            fullName: `Participant ${i + j}`,
            email: `p${i + j}@${this.name}.example.org`,
            countryCode: ['KZ', 'KG', 'TJ', 'TM', 'UZ'][(i + j) % 5],
            language: ['en', 'ru', 'kk'][(i + j) % 3],
            timeZone: 'Asia/Almaty',
            ...overrides(i + j),
          }),
        ),
      );
      memberIds.push(...batch.map((m) => m.id));
    }
    return { bodyId: body.id, memberIds };
  }

  /**
   * Meetings starting soon, every member invited, each with minute-level reminders (the real
   * planners): members × meetings × (1 invitation + offsets) emails, all due within the window.
   */
  async scheduleMeetings(
    bodyId: string,
    memberIds: string[],
    meetings: number,
    offsets: string[],
    startsInMs: number,
    spacingMs = 1000,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < meetings; i++) {
      const meeting = await this.api<{ id: string }>('POST', '/api/meetings', {
        bodyId,
        kind: 'technical',
        title: { en: `${this.name} meeting ${i + 1}` },
        timeZone: 'Asia/Almaty',
        startsAt: new Date(Date.now() + startsInMs + i * spacingMs).toISOString(),
        reminderOffsets: offsets,
      });
      await this.api('POST', `/api/meetings/${meeting.id}/invitations`, { memberIds });
      ids.push(meeting.id);
    }
    return ids;
  }

  /** The rows planned to be sent (a reminder whose moment had already passed is planned as skipped). */
  async planned(): Promise<number> {
    return Number(
      (
        await this.query<{ n: string }>(
          `SELECT count(*) AS n FROM notification WHERE status NOT IN ('skipped', 'cancelled')`,
        )
      )[0].n,
    );
  }

  /** The usual start: an API process, `workers` worker processes, members, and meetings with their reminders planned. */
  async startWithMeetings(options: {
    workers: number;
    members: number;
    meetings: number;
    offsets: string[];
    startsInMs: number;
    spacingMs?: number;
  }) {
    await this.start();
    await this.startProcess('api');
    await Promise.all(Array.from({ length: options.workers }, () => this.startProcess('worker')));
    const { bodyId, memberIds } = await this.createMembers(options.members);
    const meetings = await this.scheduleMeetings(
      bodyId,
      memberIds,
      options.meetings,
      options.offsets,
      options.startsInMs,
      options.spacingMs,
    );
    return { bodyId, memberIds, meetings, planned: await this.planned() };
  }

  /** Work-plan items of the body with everyone responsible, each with reminders due that many seconds from now. */
  async scheduleItems(
    bodyId: string,
    memberIds: string[],
    count: number,
    dueInSeconds: number[],
    via?: (i: number) => string,
  ): Promise<string[]> {
    const plan = await this.api<{ id: string }>('POST', '/api/work-plans', {
      bodyId,
      title: { en: 'Work plan' },
      period: '2026',
    });
    const items: string[] = [];
    for (let i = 0; i < count; i++) {
      const item = await this.api<{ id: string; deadline: { dueAt: string } }>(
        'POST',
        `/api/work-plans/${plan.id}/items`,
        {
          activity: { en: `Activity ${i + 1}` },
          deadline: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
          responsibleMemberIds: memberIds,
        },
      );
      // Offsets counted back from the item's due moment (days away) to the wanted moments.
      const secondsToDue = Math.round((new Date(item.deadline.dueAt).getTime() - Date.now()) / 1000);
      await this.api(
        'PATCH',
        `/api/work-plan-items/${item.id}`,
        { reminderOffsets: dueInSeconds.map((s) => `PT${secondsToDue - s}S`) },
        via?.(i),
      );
      items.push(item.id);
    }
    return items;
  }

  /** Waits until no row due by now (or within the minute) is left to deliver, then a moment more for anything sent twice to arrive. */
  async settle(timeout: number): Promise<void> {
    const left = () =>
      this.query<{ status: string; attempts: number; last_error: string | null; n: number }>(
        `SELECT status, attempts, last_error, count(*)::int AS n FROM notification WHERE status IN ('scheduled', 'sending') AND due_at <= now() + interval '1 minute'
         GROUP BY status, attempts, last_error ORDER BY n DESC LIMIT 5`,
      );
    try {
      await waitFor(async () => (await left()).length === 0, {
        what: `${this.name}: every row delivered`,
        timeout,
        interval: 500,
      });
    } catch (error) {
      throw new Error(
        `${(error as Error).message}; left: ${JSON.stringify(await left())}; workers: ${this.processes.map((p) => p.output().slice(-1500)).join('\n---\n')}`,
        { cause: error },
      );
    }
    await new Promise((r) => setTimeout(r, 1500));
  }

  /** killedAt: when each kill was sent, to tell, for each email that went twice, how long before its kill the server had first accepted it. */
  async count(kills = 0, killedAt: number[] = []): Promise<Counted> {
    // Obsolete: a meeting reminder planned for an earlier time of its meeting, any reminder of an item now done.
    const rows = await this.query<Row>(
      `SELECT n.id, n.status, n.kind, n.subject_id, n.attempts, n.due_at <= now() AS due,
              (n.kind <> 'meeting-invitation' AND n.kind <> 'meeting-update' AND n.subject_version IS DISTINCT FROM m.sequence) OR i.status = 'done' AS obsolete
       FROM notification n LEFT JOIN meeting m ON n.subject_type = 'meeting' AND m.id = n.subject_id
       LEFT JOIN work_plan_item i ON n.subject_type = 'work_plan_item' AND i.id = n.subject_id`,
    );
    const copies = new Map<string, { n: number; firstAt: number; lastAt: number }>();
    for (const m of this.smtp.messages) {
      const id = /^<n\.([0-9a-f-]{36})\./.exec(m.messageId ?? '')?.[1];
      if (!id) continue;
      const seen = copies.get(id) ?? { n: 0, firstAt: m.acceptedAt, lastAt: 0 };
      copies.set(id, {
        n: seen.n + 1,
        firstAt: Math.min(seen.firstAt, m.acceptedAt),
        lastAt: Math.max(seen.lastAt, m.acceptedAt),
      });
    }
    // For each email that went twice: the kill nearest its first acceptance, and how far from it (negative: before).
    const duplicatesPerKill = killedAt.map(() => 0);
    const firstAcceptedFromKillMs: number[] = [];
    for (const seen of copies.values()) {
      if (seen.n < 2 || killedAt.length === 0) continue;
      const offsets = killedAt.map((at) => seen.firstAt - at);
      const nearest = offsets.reduce((best, offset, i) => (Math.abs(offset) < Math.abs(offsets[best]) ? i : best), 0);
      firstAcceptedFromKillMs.push(offsets[nearest]);
      duplicatesPerKill[nearest] += seen.n - 1;
    }
    const expected = rows.filter(
      (r) =>
        r.due && r.status !== 'cancelled' && r.status !== 'skipped' && r.status !== 'failed' && r.status !== 'digested',
    );
    const failed = rows.filter((r) => r.status === 'failed');
    const shown = failed.length
      ? await this.api<{ items: { id: string; lastError: string | null }[] }>(
          'GET',
          `/api/notifications?status=failed&limit=100`,
        )
      : { items: [] };
    const byId = new Map(rows.map((r) => [r.id, r]));
    let stale = 0;
    for (const [id, seen] of copies) {
      const row = byId.get(id);
      const changed = row?.subject_id ? this.changedAt.get(row.subject_id) : undefined;
      if (changed !== undefined && row!.obsolete && seen.lastAt > changed) stale++;
    }
    return {
      expected: expected.length,
      delivered: expected.filter((r) => copies.has(r.id)).length,
      lost: expected.filter((r) => !copies.has(r.id) || r.status !== 'sent').length,
      stale,
      duplicates: [...copies.values()].reduce((sum, c) => sum + c.n - 1, 0),
      copiesBeyondAttempts: [...copies].filter(([id, c]) => c.n > (byId.get(id)?.attempts ?? 0)).length,
      failed: failed.length,
      failedShown: shown.items.filter((i) => failed.some((f) => f.id === i.id) && i.lastError).length,
      kills,
      ...(killedAt.length
        ? { duplicatesPerKill, firstAcceptedFromKillMs: firstAcceptedFromKillMs.sort((a, b) => a - b) }
        : {}),
    };
  }

  report(counted: Counted & Record<string, unknown>) {
    process.stdout.write(`[faults] ${this.name}: ${JSON.stringify(counted)}\n`);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.processes.map((p) =>
        p.child.exitCode === null && p.child.signalCode === null ? p.stop('SIGKILL') : Promise.resolve(),
      ),
    );
    await this.db?.end().catch(() => undefined);
    await Promise.all([this.smtp.stop(), this.redis.stop(), this.postgres.stop()]);
  }
}
