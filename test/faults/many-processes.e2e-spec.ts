import { Queue } from 'bullmq';
import { FaultScenario } from '../support/fault-scenario';
import { waitFor } from '../support/smtp-sink';

const RECONCILE_EVERY_MS = 1000;

/**
 * 2 API processes and 3 worker processes (the real entry point, ROLE=api / ROLE=worker) on one
 * PostgreSQL and one Redis: reminders, digests, escalations and the reconciler each act once, and
 * an API process stopped with SIGTERM finishes the requests it has in hand.
 */
describe('many processes: 2 API and 3 workers on one PostgreSQL and Redis', () => {
  const scenario = new FaultScenario('many');
  afterAll(() => scenario.stop());

  it('acts exactly once, and stops an API process without losing a request', async () => {
    await scenario.start();
    scenario.smtp.acceptDelayMs = 5;
    const [apiA, apiB] = [await scenario.startProcess('api'), await scenario.startProcess('api')];
    await Promise.all([1, 2, 3].map(() => scenario.startProcess('worker')));
    const startedAt = Date.now();

    // Every fifth member reads non-urgent reminders in a daily digest; two serve as chair and secretariat.
    const { bodyId, memberIds } = await scenario.createMembers(60, (i) => (i % 5 === 0 ? { digest: 'daily' } : {}));
    const chair = memberIds[1];
    const secretariat = memberIds[2];
    for (const [memberId, role] of [
      [chair, 'chair'],
      [secretariat, 'secretariat'],
    ]) {
      await scenario.api('POST', `/api/bodies/${bodyId}/memberships`, { memberId, role, startDate: '2019-01-01' });
    }

    // Reminders planned through both API processes.
    const half = memberIds.slice(0, 30);
    const meetingsA = await scenario.scheduleMeetings(bodyId, half, 4, ['PT50S', 'PT45S'], 60_000);
    const other = memberIds.slice(30);
    const meetingsB: string[] = [];
    for (let i = 0; i < 4; i++) {
      const meeting = await scenario.api<{ id: string }>(
        'POST',
        '/api/meetings',
        {
          bodyId,
          kind: 'technical',
          title: { en: `Via B ${i}` },
          timeZone: 'Asia/Almaty',
          startsAt: new Date(Date.now() + 60_000).toISOString(),
          reminderOffsets: ['PT50S', 'PT45S'],
        },
        apiB.url,
      );
      await scenario.api('POST', `/api/meetings/${meeting.id}/invitations`, { memberIds: other }, apiB.url);
      meetingsB.push(meeting.id);
    }
    // Items due soon for everyone: "due soon" reminders (digestible) now, escalations to the chair and secretariat later.
    const items = await scenario.scheduleItems(bodyId, memberIds, 3, [10], (i) => (i % 2 ? apiB.url : apiA.url));

    // SIGTERM to API B while requests are in flight: each request it took completes, with its effect.
    const late = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        scenario.api<{ id: string }>('POST', '/api/meetings', {
          bodyId,
          kind: 'technical',
          title: { en: `Late ${i}` },
          timeZone: 'Asia/Almaty',
          startsAt: new Date(Date.now() + 40_000).toISOString(),
          reminderOffsets: ['PT30S'],
        }),
      ),
    );
    const inFlight = late.map((meeting) =>
      fetch(`${apiB.url}/api/meetings/${meeting.id}/invitations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${scenario.env.ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ memberIds }),
      }).then(async (res) => ({ status: res.status, at: Date.now(), body: await res.text() })),
    );
    await new Promise((r) => setTimeout(r, 100));
    const sigtermAt = Date.now();
    await apiB.stop('SIGTERM');
    // Nest re-raises the signal once it has closed everything: the process ends by SIGTERM, not by a crash.
    const exit = { code: apiB.child.exitCode, signal: apiB.child.signalCode };
    const answers = await Promise.all(inFlight);
    const lateInvitations = await scenario.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM invitation WHERE meeting_id = ANY($1::uuid[]) AND invited_at IS NOT NULL`,
      [late.map((m) => m.id)],
    );

    // Digests and escalations are days away; brought forward as the engine's own retry does (new version, new due moment).
    await waitFor(async () => (await scenario.query(`SELECT 1 FROM notification WHERE kind = 'digest'`)).length > 0, {
      what: 'digests planned',
      timeout: 90_000,
    });
    await waitFor(
      async () =>
        (await scenario.query(`SELECT 1 FROM notification WHERE kind = 'item-due-soon' AND status = 'scheduled'`))
          .length === 0,
      { what: 'due-soon reminders handled', timeout: 90_000 },
    );
    await scenario.query(
      `UPDATE notification SET due_at = now() + interval '2 seconds', version = version + 1 WHERE status = 'scheduled' AND kind IN ('digest', 'item-escalation')`,
    );
    // Three workers' schedulers firing the weekly secretariat digest in the same period.
    const queue = new Queue('notifications', {
      connection: { url: scenario.redis.url },
      prefix: scenario.env.QUEUE_PREFIX,
    });
    await Promise.all([1, 2, 3].map(() => queue.add('secretariat-digest', {})));
    await scenario.settle(180_000);

    const counted = await scenario.count();
    const perKind = await scenario.query<{ kind: string; rows: number; sent: number }>(
      `SELECT kind, count(*)::int AS rows, count(*) FILTER (WHERE status = 'sent')::int AS sent FROM notification GROUP BY kind ORDER BY kind`,
    );
    const digestsPerMember = await scenario.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE kind = 'digest' GROUP BY recipient_id`,
    );
    const escalationsTo = await scenario.query<{ recipient_email: string; n: number }>(
      `SELECT recipient_email, count(*)::int AS n FROM notification WHERE kind = 'item-escalation' AND status = 'sent' GROUP BY recipient_email`,
    );
    const secretariatDigests = await scenario.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE kind = 'secretariat-digest' AND status = 'sent'`,
    );
    const reconcileJobs = (await queue.getJobs(['completed'], 0, -1)).filter((j) => j.name === 'reconcile');
    const elapsed = Date.now() - startedAt;
    await queue.close();

    scenario.report({
      ...counted,
      perKind,
      digestsPerMember: digestsPerMember.map((d) => d.n),
      escalations: escalationsTo,
      secretariatDigests: secretariatDigests[0].n,
      reconcilerRuns: reconcileJobs.length,
      reconcilePeriods: Math.floor(elapsed / RECONCILE_EVERY_MS),
      apiSigterm: {
        exit,
        answers: answers.map((a) => a.status),
        answeredAfterSigtermMs: answers.map((a) => a.at - sigtermAt),
        lateInvitations: lateInvitations[0].n,
      },
    });
    expect(counted.lost).toBe(0);
    expect(counted.stale).toBe(0);
    expect(counted.duplicates).toBe(0);
    expect(meetingsA.length + meetingsB.length).toBe(8);
    // One digest per member and slot, however many workers gathered reminders into it.
    expect(digestsPerMember.length).toBe(12);
    expect(digestsPerMember.every((d) => d.n === 1)).toBe(true);
    expect(perKind.find((k) => k.kind === 'digest')?.sent).toBe(12);
    // One escalation per item to the chair and to the secretariat, never two.
    expect(escalationsTo.map((e) => [e.recipient_email, e.n]).sort()).toEqual([
      ['p1@many.example.org', items.length],
      ['p2@many.example.org', items.length],
    ]);
    // The weekly digest job ran three times: one digest to the one secretariat member.
    expect(secretariatDigests[0].n).toBe(1);
    // One reconciler run per period across the three workers (a scheduler, not a timer per process).
    expect(reconcileJobs.length).toBeGreaterThan(5);
    expect(reconcileJobs.length).toBeLessThanOrEqual(Math.floor(elapsed / RECONCILE_EVERY_MS) + 3);
    expect(new Set(reconcileJobs.map((j) => j.id)).size).toBe(reconcileJobs.length);
    // API B: every request it had taken answered 200 after the SIGTERM, and its invitations are there.
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(answers.map((a) => a.status)).toEqual(late.map(() => 200));
    expect(answers.some((a) => a.at > sigtermAt)).toBe(true);
    expect(lateInvitations[0].n).toBe(late.length * memberIds.length);
    expect(apiA.child.exitCode).toBeNull();
  });
});
