import { createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * What a worker killed outright can send twice is what the SMTP server had the whole of but had not
 * answered: the server keeps it, the worker never learns it did. The sink counts those messages at
 * each instant, while the worker sends 40 invitations over five connections to a server that takes
 * 20 ms to answer each.
 */
describe('the acceptance gate', () => {
  const smtp = new SmtpSink();
  let t: TestApp | undefined;

  beforeAll(async () => {
    await smtp.start();
    smtp.acceptDelayMs = 20;
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  afterAll(() => smtp.stop());

  async function sendInvitations(env: Record<string, string>) {
    t = await startTestApp({
      SMTP_URL: smtp.url,
      SMTP_POOL_CONNECTIONS: '5',
      WORKER_CONCURRENCY: '10',
      MAIL_FROM: 'Secretariat <secretariat@wgecc.test>',
      ...env,
    });
    smtp.clear();
    const body = await createBody(t);
    const memberIds: string[] = [];
    for (let i = 0; i < 40; i++)
      memberIds.push((await createMember(t, { email: `gate${i}@example.org`, fullName: `Gate ${i}` })).id);
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'technical',
          title: { en: 'Gate test' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-11-01T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    await t.admin.post(`/api/meetings/${meeting.id}/invitations`).send({ memberIds }).expect(200);
    await waitFor(() => new Set(smtp.messages.map((m) => m.messageId)).size === 40, {
      what: 'the 40 invitations',
      timeout: 30_000,
    });
    return { distinct: new Set(smtp.messages.map((m) => m.messageId)).size, received: smtp.messages.length };
  }

  it('by default, lets one email at a time end its data and wait for the answer, while the pool still uses several connections', async () => {
    expect(await sendInvitations({})).toEqual({ distinct: 40, received: 40 });
    expect(smtp.mostAwaitingAnswer).toBe(1);
    expect(smtp.mostConnections).toBeGreaterThan(1);
  });

  it('lets SMTP_MAX_UNCONFIRMED emails wait for their answer at once, never more', async () => {
    expect(await sendInvitations({ SMTP_MAX_UNCONFIRMED: '3' })).toEqual({ distinct: 40, received: 40 });
    expect(smtp.mostAwaitingAnswer).toBeGreaterThan(1);
    expect(smtp.mostAwaitingAnswer).toBeLessThanOrEqual(3);
  });
});
