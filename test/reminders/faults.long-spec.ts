import { Redis } from 'ioredis';
import { ReplyAddressing } from '../../src/mail/reply-addressing';
import { DeliveryJournal } from '../../src/notifications/delivery-journal';
import { NotificationReconciler } from '../../src/notifications/notification-reconciler';
import { createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import {
  TEST_ADMIN_TOKEN,
  TEST_APP_SECRET,
  TEST_DATABASE_URL,
  TEST_QUEUE_PREFIX,
  TEST_REDIS_URL,
} from '../support/test-env';
import { startWorker } from '../support/worker-process';

/** Counts what the SMTP sink received against the rows: by Message-ID, lost and duplicated. */
async function tally(t: TestApp, smtp: SmtpSink, meetingId: string) {
  const rows: { message_id: string | null; id: string; status: string }[] = await t.dataSource.query(
    `SELECT id, status, message_id FROM notification WHERE subject_id = $1 AND kind = 'meeting-invitation'`,
    [meetingId],
  );
  // Our Message-IDs name the notification: <n.{id}.{signature}@domain>.
  const received = new Map<string, number>();
  for (const m of smtp.messages) {
    const id = /^<n\.([0-9a-f-]{36})\./.exec(m.messageId ?? '')?.[1];
    if (id) received.set(id, (received.get(id) ?? 0) + 1);
  }
  const expected = rows.map((r) => r.id);
  return {
    rows: rows.length,
    sent: rows.filter((r) => r.status === 'sent').length,
    lost: expected.filter((id) => !received.has(id)).length,
    duplicates: [...received.values()].reduce((sum, n) => sum + n - 1, 0),
    maxCopies: Math.max(0, ...received.values()),
  };
}

describe('faults: nothing lost, nothing sent twice', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let body: { id: string };
  let members: string[] = [];

  beforeAll(async () => {
    await smtp.start();
    // This process only plans (ROLE=api); separate worker processes deliver.
    t = await startTestApp({
      SMTP_URL: smtp.url,
      ROLE: 'api',
      QUEUE_PREFIX: `${TEST_QUEUE_PREFIX}-faults`,
      MAIL_FROM: 'Secretariat <secretariat@wgecc.test>',
    });
    body = await createBody(t);
    members = [];
    for (let i = 0; i < 120; i++)
      members.push((await createMember(t, { email: `p${i}@example.org`, fullName: `Participant ${i}` })).id);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const SMTP_POOL_CONNECTIONS = 5;
  const workerEnv = () => ({
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    APP_SECRET: TEST_APP_SECRET,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Secretariat <secretariat@wgecc.test>',
    QUEUE_PREFIX: `${TEST_QUEUE_PREFIX}-faults`,
    MIGRATIONS_RUN: 'false',
    RECONCILE_EVERY_MS: '500',
    SENDING_TIMEOUT_MS: '2000',
    WORKER_CONCURRENCY: '8',
    SMTP_POOL_CONNECTIONS: String(SMTP_POOL_CONNECTIONS),
  });

  it('a worker killed with SIGKILL mid-batch and started again loses none; only emails in flight at the kill can go twice', async () => {
    // Slow acceptance keeps emails in flight when the kill comes.
    smtp.acceptDelayMs = 30;
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'technical',
          title: { en: 'Kill test' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-11-01T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    const first = await startWorker(workerEnv());
    await t.admin.post(`/api/meetings/${meeting.id}/invitations`).send({ memberIds: members }).expect(200);
    await waitFor(() => smtp.messages.length >= 20, { what: 'the first emails', timeout: 60_000 });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = smtp.messages.length;
    const inFlight = Number(
      (
        await t.dataSource.query(
          `SELECT count(*) AS n FROM notification WHERE subject_id = $1 AND status = 'sending'`,
          [meeting.id],
        )
      )[0].n,
    );
    const second = await startWorker(workerEnv());
    try {
      // A row the killed worker held waits for its job's lock to lapse (30 s) before the reconciler releases it.
      let seen = '';
      await waitFor(
        async () => {
          const counted = await tally(t, smtp, meeting.id);
          const statuses = await t.dataSource.query(
            `SELECT status, count(*)::int AS n FROM notification WHERE subject_id = $1 GROUP BY status`,
            [meeting.id],
          );
          seen = JSON.stringify({ ...counted, statuses });
          return counted.sent === members.length;
        },
        { what: 'every invitation sent', timeout: 150_000, interval: 250 },
      ).catch((error: Error) => {
        throw new Error(
          `${error.message}; last count ${seen}; the restarted worker said:\n${second.output().slice(-3000)}`,
        );
      });
      await new Promise((r) => setTimeout(r, 1500));
      const counted = await tally(t, smtp, meeting.id);
      process.stdout.write(
        `kill -9 test: ${JSON.stringify({ ...counted, inFlightAtKill: inFlight, receivedBeforeKill: atKill, received: smtp.messages.length })}\n`,
      );
      expect(counted.rows).toBe(members.length);
      expect(counted.lost).toBe(0);
      // The delivery journal records each acceptance the moment the worker reads it, and the acceptance gate
      // lets one email at a time await its answer, so only the one the server accepted at the instant of the
      // kill can go twice, whatever the number of SMTP connections.
      expect(counted.duplicates).toBeLessThanOrEqual(Math.min(inFlight, 1));
      expect(counted.maxCopies).toBeLessThanOrEqual(2);
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
  }, 240_000);

  it('Redis wiped (FLUSHALL) while emails are scheduled: every one still goes out once', async () => {
    smtp.clear();
    smtp.acceptDelayMs = 0;
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'technical',
          title: { en: 'Flush test' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-11-02T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: members.slice(0, 60) })
      .expect(200);
    // No worker runs yet: the jobs wait in Redis, and are wiped there.
    const redis = new Redis(TEST_REDIS_URL);
    await redis.flushall();
    redis.disconnect();
    const worker = await startWorker(workerEnv());
    try {
      await waitFor(async () => (await tally(t, smtp, meeting.id)).sent === 60, {
        what: 'every invitation after the wipe',
        timeout: 90_000,
        interval: 250,
      });
      await new Promise((r) => setTimeout(r, 1500));
      const counted = await tally(t, smtp, meeting.id);
      process.stdout.write(`FLUSHALL test: ${JSON.stringify(counted)}\n`);
      expect(counted).toMatchObject({ rows: 60, lost: 0, duplicates: 0, maxCopies: 1 });
    } finally {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
    }
  }, 180_000);

  it('a row its worker left in sending after the SMTP server accepted it is recorded as sent from the delivery journal, not sent again', async () => {
    smtp.clear();
    smtp.acceptDelayMs = 0;
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'technical',
          title: { en: 'Journal test' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-11-04T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: members.slice(0, 2) })
      .expect(200);
    const [accepted, unsent]: { id: string; version: number }[] = await t.dataSource.query(
      `SELECT id, version FROM notification WHERE subject_id = $1 AND kind = 'meeting-invitation' ORDER BY id`,
      [meeting.id],
    );
    // As a worker killed between the SMTP server's acceptance and its commit leaves them: claimed long ago, no job lock held.
    await t.dataSource.query(
      `UPDATE notification SET status = 'sending', attempts = 1, claimed_at = now() - interval '1 hour' WHERE id = ANY($1)`,
      [[accepted.id, unsent.id]],
    );
    const journal = t.app.get(DeliveryJournal);
    await journal.recordAccepted(accepted, `<${accepted.id}@wgecc.test>`, '250 2.0.0 Ok: queued as J1');

    expect(await t.app.get(NotificationReconciler).reconcile()).toMatchObject({ recovered: 1, released: 1 });

    const outbox = (await t.admin.get(`/api/notifications?subjectId=${meeting.id}`).expect(200)).body.items as {
      id: string;
      status: string;
      messageId: string | null;
      sentAt: string | null;
    }[];
    expect(outbox.find((n) => n.id === accepted.id)).toMatchObject({
      status: 'sent',
      messageId: `<${accepted.id}@wgecc.test>`,
    });
    expect(outbox.find((n) => n.id === accepted.id)!.sentAt).not.toBeNull();
    expect(outbox.find((n) => n.id === unsent.id)).toMatchObject({ status: 'scheduled' });
    expect(await journal.accepted([accepted])).toEqual([null]);

    const worker = await startWorker(workerEnv());
    try {
      await waitFor(async () => (await tally(t, smtp, meeting.id)).sent === 2, {
        what: 'the released invitation',
        timeout: 60_000,
        interval: 250,
      });
      await new Promise((r) => setTimeout(r, 1000));
      const received = smtp.messages.map((m) => m.messageId);
      expect(received).toEqual([t.app.get(ReplyAddressing).messageIdFor(unsent.id)]);
    } finally {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
    }
  }, 120_000);

  it('SIGTERM lets a worker finish the emails in hand before it exits', async () => {
    smtp.clear();
    smtp.acceptDelayMs = 400;
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'technical',
          title: { en: 'Shutdown test' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-11-03T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    const worker = await startWorker(workerEnv());
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: members.slice(0, 30) })
      .expect(200);
    // The worker process compiles the app on start, which takes 10–20 s on a busy machine.
    await waitFor(
      async () =>
        Number(
          (
            await t.dataSource.query(
              `SELECT count(*) AS n FROM notification WHERE subject_id = $1 AND status = 'sending'`,
              [meeting.id],
            )
          )[0].n,
        ) > 0,
      { what: 'emails in hand', timeout: 60_000 },
    );
    worker.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => worker.once('exit', r));
    const stuck = Number(
      (
        await t.dataSource.query(
          `SELECT count(*) AS n FROM notification WHERE subject_id = $1 AND status = 'sending'`,
          [meeting.id],
        )
      )[0].n,
    );
    const sent = Number(
      (
        await t.dataSource.query(`SELECT count(*) AS n FROM notification WHERE subject_id = $1 AND status = 'sent'`, [
          meeting.id,
        ])
      )[0].n,
    );
    process.stdout.write(
      `SIGTERM test: ${JSON.stringify({ exitCode: code, sentBeforeExit: sent, leftSending: stuck })}\n`,
    );
    expect(stuck).toBe(0);
    expect(sent).toBeGreaterThan(0);
    expect(smtp.messages.length).toBe(sent);
    smtp.acceptDelayMs = 0;
  }, 120_000);
});
