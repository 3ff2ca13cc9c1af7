import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { SHUTDOWN_DRAIN_MS } from '../../src/health/shutdown-drain';
import {
  TEST_ADMIN_TOKEN,
  TEST_APP_SECRET,
  TEST_DATABASE_URL,
  TEST_QUEUE_PREFIX,
  TEST_REDIS_URL,
} from '../support/test-env';
import { startApiProcess } from '../support/worker-process';
import type { EntryPointProcess } from '../support/worker-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A POST whose body is sent in two parts: the request is in hand (headers read) before its end arrives. */
function slowPost(url: string, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  const half = Math.floor(payload.length / 2);
  let resolveResponse: (res: { status: number; body: string }) => void;
  const response = new Promise<{ status: number; body: string }>((resolve) => (resolveResponse = resolve));
  const req = httpRequest(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      'content-type': 'application/json',
      'content-length': payload.length,
    },
  });
  req.on('response', (res: IncomingMessage) => {
    let text = '';
    res.on('data', (chunk) => (text += chunk));
    res.on('end', () => resolveResponse({ status: res.statusCode ?? 0, body: text }));
  });
  req.on('error', (error) => resolveResponse({ status: -1, body: error.message }));
  req.write(payload.subarray(0, half));
  return { finish: () => req.end(payload.subarray(half)), response };
}

describe('readiness while an API process drains', () => {
  let api: EntryPointProcess & { url: string };

  beforeAll(async () => {
    api = await startApiProcess({
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      APP_SECRET: TEST_APP_SECRET,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      QUEUE_PREFIX: `${TEST_QUEUE_PREFIX}-drain`,
    });
  }, 90_000);
  afterAll(() => {
    if (api.exitCode === null && api.signalCode === null) api.kill('SIGKILL');
  });

  it('answers 503 "shutting_down" on readiness from the SIGTERM on, stays live, and completes the request in hand', async () => {
    const ready = await fetch(`${api.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      role: 'api',
      database: { status: 'up' },
      redis: { status: 'up' },
    });
    expect((await fetch(`${api.url}/health`)).status).toBe(200);

    const inHand = slowPost(`${api.url}/api/members`, {
      fullName: 'Sent before the signal',
      email: `drain-${randomUUID().slice(0, 8)}@example.org`,
      countryCode: 'KZ',
      language: 'en',
      timeZone: 'Asia/Almaty',
    });
    await sleep(200);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => api.once('exit', (_, signal) => resolve(signal)));
    const signalledAt = Date.now();
    api.kill('SIGTERM');
    await sleep(100);

    for (const path of ['/health/ready', '/health']) {
      const draining = await fetch(`${api.url}${path}`);
      expect(draining.status).toBe(503);
      expect(await draining.json()).toMatchObject({
        status: 'shutting_down',
        role: 'api',
        message: expect.stringContaining('shutting down'),
      });
    }
    const live = await fetch(`${api.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok', shuttingDown: true });
    expect(Date.now() - signalledAt).toBeLessThan(SHUTDOWN_DRAIN_MS);

    inHand.finish();
    const answer = await inHand.response;
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ fullName: 'Sent before the signal' });
    await expect(exited).resolves.toBe('SIGTERM');
  }, 30_000);
});
