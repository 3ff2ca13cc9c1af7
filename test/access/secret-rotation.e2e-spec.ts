import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ActionTokenService } from '../../src/actions/action-token.service';
import { createHttpApp } from '../../src/app.factory';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, testConfig, TestApp } from '../support/test-app';
import { TEST_APP_SECRET } from '../support/test-env';

const OLD_SECRET = TEST_APP_SECRET;
const NEW_SECRET = 'rotated-app-secret-9876543210fedcba9876543210';

/** The same database and Redis as the first app, not reset: a restart of the service with other secrets. */
async function restartWith(env: Record<string, string>): Promise<INestApplication> {
  return createHttpApp(testConfig({ APP_URL: 'http://wg.test', ...env }), new JsonLogger('error'));
}

describe('changing APP_SECRET with APP_SECRET_PREVIOUS keeps sent links and open forms working', () => {
  const smtp = new SmtpSink();
  let first: TestApp;
  let acceptPath: string;
  let signInPath: string;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    await smtp.start();
    first = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test' });
    const body = await createBody(first);
    const member = await createMember(first, { email: 'rotation@example.org', language: 'en' });
    const meeting = (
      await first.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'workshop',
          title: { en: 'Workshop' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-12-01T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    await first.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length === 1, { what: 'the invitation' });
    acceptPath = new URL(/\((https?:\/\/\S+\/a\/[A-Za-z0-9_.-]+)\)/.exec(smtp.messages[0].parsed.text ?? '')![1])
      .pathname;

    // One sign-in link used now (an open session with a form), one kept for after the change.
    for (let i = 0; i < 2; i++)
      await first.anonymous.post('/sign-in').type('form').send({ email: 'rotation@example.org' }).expect(200);
    await waitFor(() => smtp.messages.length === 3, { what: 'the sign-in emails' });
    const [used, kept] = smtp.messages
      .slice(1)
      .map((m) => new URL(/(https?:\/\/\S+\/sign-in\/[A-Za-z0-9_.-]+)/.exec(m.parsed.text ?? '')![1]).pathname);
    signInPath = kept;
    const signedIn = await first.anonymous.post(used).expect(303);
    cookie = String((signedIn.headers['set-cookie'] as unknown as string[])[0]).split(';')[0];
    const me = await first.anonymous.get('/me').set('Cookie', cookie).expect(200);
    csrf = /name="csrf" value="([^"]+)"/.exec(me.text)![1];
    await first.close();
  });
  afterAll(() => smtp.stop());

  it('without APP_SECRET_PREVIOUS, links and form tokens signed with the old secret are refused', async () => {
    const app = await restartWith({ APP_SECRET: NEW_SECRET });
    try {
      const client = request(app.getHttpServer());
      await client.get(acceptPath).expect(400);
      await client.get(signInPath).expect(400);
      await client.post('/sign-out').set('Cookie', cookie).type('form').send({ csrf }).expect(403);
    } finally {
      await app.close();
    }
  });

  it('with APP_SECRET_PREVIOUS, they still work; new links and form tokens use the new secret only', async () => {
    const app = await restartWith({ APP_SECRET: NEW_SECRET, APP_SECRET_PREVIOUS: OLD_SECRET });
    try {
      const client = request(app.getHttpServer());
      await client.get(acceptPath).expect(200);
      await client.post(acceptPath).type('form').send({}).expect(200);
      await client.get(signInPath).expect(200);
      await client.post(signInPath).expect(303);

      const tokens = app.get(ActionTokenService);
      const fresh = tokens.sign({ member: 'm', kind: 'preferences', subject: 'm', exp: tokens.expiry(null) });
      expect(new ActionTokenService(testConfig({ APP_SECRET: NEW_SECRET })).verify(fresh).ok).toBe(true);
      expect(new ActionTokenService(testConfig({ APP_SECRET: OLD_SECRET })).verify(fresh).ok).toBe(false);
      const page = await client.get('/me').set('Cookie', cookie).expect(200);
      const freshCsrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1];
      expect(freshCsrf).not.toBe(csrf);

      await client.post('/sign-out').set('Cookie', cookie).type('form').send({ csrf }).expect(200);
    } finally {
      await app.close();
    }
  });
});
