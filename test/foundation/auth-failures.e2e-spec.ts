import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countQueries } from '../../bench/query-counter';
import { UNKNOWN_TOKEN_REMEMBERED_MS } from '../../src/auth/api-tokens.service';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET sent from a given loopback address, so the app sees distinct clients without trusting any forwarded header. */
function getFrom(localAddress: string, port: number, path: string, token: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, localAddress, headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Not across a minute's boundary, where the fixed-window count would start again halfway. */
async function awayFromMinuteBoundary() {
  if (new Date().getSeconds() > 50)
    await new Promise((resolve) => setTimeout(resolve, (61 - new Date().getSeconds()) * 1000));
}

describe('wrong bearer tokens', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    // No worker in this process: its statements would be counted with the requests'.
    t = await startTestApp({ ROLE: 'api' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After from the 61st failure in a minute from one address, and not to another address', async () => {
    const valid = (await t.admin.post('/api/tokens').send({ name: 'integration', role: 'secretariat' }).expect(201))
      .body.token as string;
    await awayFromMinuteBoundary();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++)
      statuses.push((await getFrom('127.0.0.2', port, '/api/members?limit=1', `wgs_wrong${i}`)).status);
    expect(statuses).toEqual(Array(60).fill(401));

    const refused = await getFrom('127.0.0.2', port, '/api/members?limit=1', 'wgs_wrong-61');
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/^Too many requests with a wrong token from this address; try again in \d+ s$/),
    });
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    // The flooding address is refused before its tokens are looked up, even a valid one.
    const counter = countQueries(t.dataSource);
    try {
      const statements = await counter.during(async () =>
        expect((await getFrom('127.0.0.2', port, '/api/members?limit=1', 'wgs_another-wrong-one')).status).toBe(429),
      );
      expect(statements.filter((s) => /^SELECT\b[\s\S]*\bapi_token\b/.test(s.sql))).toEqual([]);
    } finally {
      counter.stop();
    }
    expect((await getFrom('127.0.0.2', port, '/api/members?limit=1', valid)).status).toBe(429);
    expect((await getFrom('127.0.0.2', port, '/admin/queues/api/queues', TEST_ADMIN_TOKEN)).status).toBe(429);

    // Another address is not concerned, with its own valid tokens or the admin token.
    expect((await getFrom('127.0.0.3', port, '/api/members?limit=1', valid)).status).toBe(200);
    expect((await getFrom('127.0.0.3', port, '/api/members?limit=1', TEST_ADMIN_TOKEN)).status).toBe(200);
    expect((await getFrom('127.0.0.3', port, '/api/members?limit=1', 'wgs_one-mistake')).status).toBe(401);
  });

  it('looks an unknown token up in PostgreSQL once within a few seconds, while a token created meanwhile works at once', async () => {
    const started = Date.now();
    const counter = countQueries(t.dataSource);
    try {
      const lookups = async (token: string, status: number) => {
        const statements = await counter.during(async () =>
          expect((await getFrom('127.0.0.4', port, '/api/bodies', token)).status).toBe(status),
        );
        return statements.filter((s) => /^SELECT\b[\s\S]*\bapi_token\b/.test(s.sql)).length;
      };
      expect(await lookups('wgs_unknown-token-repeated', 401)).toBe(1);
      expect(await lookups('wgs_unknown-token-repeated', 401)).toBe(0);
      expect(await lookups('wgs_unknown-token-repeated', 401)).toBe(0);
      const created = (await t.admin.post('/api/tokens').send({ name: 'fresh', role: 'secretariat' }).expect(201)).body
        .token as string;
      expect(await lookups(created, 200)).toBe(1);
      expect(await lookups(created, 200)).toBe(0);
      // Only briefly: then it is asked again.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, started + UNKNOWN_TOKEN_REMEMBERED_MS + 100 - Date.now())),
      );
      expect(await lookups('wgs_unknown-token-repeated', 401)).toBe(1);
    } finally {
      counter.stop();
    }
  }, 15_000);
});
