import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOVECOT_USER, PrivateDovecot } from '../support/dovecot';
import { addMembership, createBody, createMember } from '../support/factories';
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

const REPLIES = 30;

/** A worker process killed while it reads the mailbox: the next one loses nothing and applies nothing twice. */
describe('inbound mailbox: a reader killed mid-batch', () => {
  const dovecot = new PrivateDovecot();
  const smtp = new SmtpSink();
  let t: TestApp;

  beforeAll(async () => {
    await dovecot.start();
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    await dovecot.stop();
  });

  const workerEnv = () => ({
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    APP_SECRET: TEST_APP_SECRET,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SMTP_URL: smtp.url,
    QUEUE_PREFIX: `${TEST_QUEUE_PREFIX}-inbound-crash`,
    MIGRATIONS_RUN: 'false',
    INBOUND_IMAP_URL: dovecot.url,
    INBOUND_POLL_MS: '200',
  });

  it('records every reply once and applies each answer once across the kill', async () => {
    const body = await createBody(t);
    const members: { id: string; email: string; fullName: string }[] = [];
    for (let i = 0; i < REPLIES; i++) {
      const member = await createMember(t, { fullName: `Member ${i}`, email: `crash-${i}@inbound.example.org` });
      await addMembership(t, body.id, { memberId: member.id });
      members.push(member);
    }
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'technical',
          title: { en: 'Technical meeting' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-03-10T10:00:00+05:00',
          endsAt: '2031-03-10T13:00:00+05:00',
          status: 'scheduled',
        })
        .expect(201)
    ).body as { id: string };
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: members.map((m) => m.id) })
      .expect(200);
    const template = readFileSync(join(process.cwd(), 'test', 'fixtures', 'inbound', 'outlook-accept.eml'), 'utf8');
    await dovecot.append(
      members.map((m) => {
        const values: Record<string, string> = {
          DATE: new Date().toUTCString(),
          TO: DOVECOT_USER,
          TITLE: 'Technical meeting',
          TAG: randomUUID().slice(0, 8),
          FROM: m.email,
          FROM_NAME: m.fullName,
          ATTENDEE: m.email,
          UID: `meeting-${meeting.id}@wgecc.localhost`,
          SEQUENCE: '0',
        };
        return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '').replace(/\r?\n/g, '\r\n');
      }),
    );
    const recorded = async () =>
      Number((await t.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM inbound_message`))[0].n);

    const first = await startWorker(workerEnv());
    await waitFor(async () => (await recorded()) >= 3, { what: 'the first replies recorded', timeout: 60_000 });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await recorded();
    expect(atKill).toBeLessThan(REPLIES);

    const second = await startWorker(workerEnv());
    try {
      await waitFor(async () => (await dovecot.counts('INBOX')).INBOX === 0, {
        what: 'the INBOX emptied by the second worker',
        timeout: 90_000,
        interval: 250,
      });
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
    expect(await recorded()).toBe(REPLIES);
    expect((await dovecot.counts('Processed')).Processed).toBe(REPLIES);
    const audits = await t.dataSource.query<{ member_id: string; n: number }[]>(
      `SELECT i.member_id, count(*)::int AS n FROM audit_entry a JOIN invitation i ON i.id::text = a.entity_id
        WHERE a.entity = 'invitation' AND a.actor_name LIKE '%(by calendar reply)' GROUP BY i.member_id`,
    );
    expect(audits).toHaveLength(REPLIES);
    expect(audits.every((a) => a.n === 1)).toBe(true);
    const answers = (await t.admin.get(`/api/meetings/${meeting.id}/invitations`).expect(200)).body as {
      response: string;
    }[];
    expect(answers.map((a) => a.response)).toEqual(Array(REPLIES).fill('accepted'));
  }, 240_000);
});
