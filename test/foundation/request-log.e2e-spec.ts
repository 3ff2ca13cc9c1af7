import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createHttpApp } from '../../src/app.factory';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { runMigrations } from '../../src/database/startup';
import { ActionTokenService } from '../../src/actions/action-token.service';
import { createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, testConfig } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

/** The lines the app writes to stdout while `action` runs. */
async function linesWrittenDuring(action: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    written.push(String(chunk));
    return (write as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  };
  try {
    await action();
    // The line is written when the response has finished, which the client may see first.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.stdout.write = write;
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

describe('request log lines', () => {
  let apps: INestApplication[] = [];
  const start = async (level: 'info' | 'warn') => {
    const config = testConfig({ LOG_LEVEL: level });
    await runMigrations(config.databaseUrl);
    const app = await createHttpApp(config, new JsonLogger(level));
    apps.push(app);
    return request(app.getHttpServer());
  };
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });

  it('writes one line per request at info (a refused one here), with its request id, method, redacted path, status and time', async () => {
    const client = await start('info');
    const lines = await linesWrittenDuring(() =>
      client
        .get('/api/members?limit=1&token=secret-value')
        .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
        .set('X-Request-Id', 'trace-log-1')
        .expect(400),
    );
    const line = lines.find((entry) => entry.requestId === 'trace-log-1' && entry.msg === 'request');
    expect(line).toEqual({
      level: 'info',
      time: expect.any(String),
      context: 'HTTP',
      requestId: 'trace-log-1',
      msg: 'request',
      method: 'GET',
      path: '/api/members?limit=1&token=***',
      status: 400,
      ms: expect.any(Number),
    });
    expect(Object.keys(line!)).toEqual([
      'level',
      'time',
      'context',
      'requestId',
      'msg',
      'method',
      'path',
      'status',
      'ms',
    ]);
  });

  it('writes none above info, and still echoes the request id', async () => {
    const client = await start('warn');
    let echoed: string | undefined;
    const lines = await linesWrittenDuring(async () => {
      echoed = (await client.get('/health/live').set('X-Request-Id', 'trace-log-2').expect(200)).headers[
        'x-request-id'
      ];
    });
    expect(echoed).toBe('trace-log-2');
    expect(lines.filter((entry) => entry.msg === 'request')).toEqual([]);
  });
});

describe('request log lines of secret addresses', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, LOG_LEVEL: 'info' }, new JsonLogger('info'));
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const requestLines = (lines: Record<string, unknown>[]) => lines.filter((entry) => entry.msg === 'request');

  it('never writes the secret of a calendar feed, a sign-in link or an answer link, on the real routes', async () => {
    const member = await createMember(t, { email: 'feed@example.org', language: 'en' });
    const feedUrl = (await t.admin.post(`/api/members/${member.id}/calendar-feed`).expect(201)).body.url as string;
    const feedPath = new URL(feedUrl).pathname;
    const feedSecret = /^\/calendar\/(cal_[\w-]+)\.ics$/.exec(feedPath)![1];

    await t.anonymous.post('/sign-in').type('form').send({ email: 'feed@example.org' }).expect(200);
    await waitFor(() => smtp.to('feed@example.org').length === 1, { what: 'the sign-in email' });
    const signInPath = new URL(
      /(https?:\/\/\S+\/sign-in\/[A-Za-z0-9_.-]+)/.exec(smtp.to('feed@example.org')[0].parsed.text ?? '')![1],
    ).pathname;
    const signInSecret = signInPath.split('/')[2];

    const actionSecret = t.app
      .get(ActionTokenService)
      .sign({ member: member.id, kind: 'preferences', subject: member.id, exp: Math.floor(Date.now() / 1000) + 3600 });

    const lines = await linesWrittenDuring(async () => {
      const feed = await t.anonymous.get(feedPath).set('X-Request-Id', 'secret-feed').expect(200);
      expect(feed.text).toContain('BEGIN:VCALENDAR');
      await t.anonymous.get(signInPath).set('X-Request-Id', 'secret-sign-in').expect(200);
      await t.anonymous.get(`/a/${actionSecret}`).set('X-Request-Id', 'secret-action').expect(200);
      await t.anonymous.get(`/calendar/${feedSecret}.ics?x=1`).set('X-Request-Id', 'secret-feed-query').expect(200);
    });
    const logged = requestLines(lines);
    expect(logged.map((line) => [line.requestId, line.path, line.status])).toEqual([
      ['secret-feed', '/calendar/***', 200],
      ['secret-sign-in', '/sign-in/***', 200],
      ['secret-action', '/a/***', 200],
      ['secret-feed-query', '/calendar/***?x=1', 200],
    ]);
    const all = JSON.stringify(lines);
    for (const secret of [
      feedSecret,
      signInSecret,
      actionSecret,
      actionSecret.split('.')[0],
      actionSecret.split('.')[1],
    ])
      expect(all).not.toContain(secret);
  });
});
