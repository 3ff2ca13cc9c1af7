import { startTestApp, TestApp } from '../support/test-app';

describe('health and API documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /health reports database and Redis as up, without a token', async () => {
    const res = await t.anonymous.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('GET /health says the inbound mailbox is off while INBOUND_IMAP_URL is unset', async () => {
    const res = await t.anonymous.get('/health').expect(200);
    expect(res.body.inbound).toEqual({
      status: 'off',
      message: 'INBOUND_IMAP_URL is not set: answers by email are not read',
    });
  });

  it('gives every response a request id, and keeps a sane incoming one', async () => {
    const fresh = await t.anonymous.get('/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.anonymous.get('/health').set('X-Request-Id', 'trace-42');
    expect(kept.headers['x-request-id']).toBe('trace-42');
    const replaced = await t.anonymous.get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('serves the OpenAPI document with every route, its body and its errors', async () => {
    const res = await t.anonymous.get('/api/docs-json').expect(200);
    const paths = res.body.paths as Record<
      string,
      Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>
    >;
    const expected: [string, string][] = [
      ['/health', 'get'],
      ['/api/members', 'post'],
      ['/api/members', 'get'],
      ['/api/members/{id}', 'get'],
      ['/api/members/{id}', 'patch'],
      ['/api/organizations', 'post'],
      ['/api/organizations', 'get'],
      ['/api/organizations/{id}', 'patch'],
      ['/api/bodies', 'post'],
      ['/api/bodies/{id}', 'patch'],
      ['/api/bodies/{id}/memberships', 'post'],
      ['/api/bodies/{id}/memberships', 'get'],
      ['/api/bodies/{id}/memberships/{membershipId}', 'patch'],
      ['/api/reports/continuity', 'get'],
      ['/api/tokens', 'post'],
      ['/api/tokens/{id}/revoke', 'post'],
      ['/api/audit', 'get'],
      ['/api/work-plans', 'post'],
      ['/api/work-plans/{id}/items', 'post'],
      ['/api/work-plans/{id}/import', 'post'],
      ['/api/work-plans/{id}/export', 'get'],
      ['/api/work-plan-items', 'get'],
      ['/api/work-plan-items/{id}/history', 'get'],
      ['/api/deadlines/parse', 'post'],
      ['/api/meetings', 'post'],
      ['/api/meetings/{id}/poll', 'post'],
      ['/api/meetings/{id}/confirm', 'post'],
      ['/api/meetings/{id}/invitations/{memberId}', 'put'],
      ['/api/meetings/{id}/minutes', 'put'],
      ['/api/meetings/{id}/ics', 'get'],
      ['/api/notifications', 'get'],
      ['/api/notifications/{id}/resend', 'post'],
    ];
    for (const [path, method] of expected) {
      expect(paths[path]?.[method]).toBeDefined();
    }
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (path.startsWith('/api/')) {
          expect({ path, method, has401: '401' in operation.responses }).toEqual({ path, method, has401: true });
        }
        // A document's chase has nothing to say but "now"; a meeting's names what it chases.
        const bodyless =
          path === '/api/documents/{id}/reminders' ||
          ['/revoke', '/resend', '/calendar-feed', '/approve', '/publish', '/withdraw'].some((action) =>
            path.endsWith(action),
          );
        if (['post', 'patch', 'put'].includes(method) && !bodyless) {
          expect({ path, method, body: operation.requestBody !== undefined }).toEqual({ path, method, body: true });
        }
      }
    }
    expect(res.body.components.schemas.CreateMemberDto.required).toEqual(
      expect.arrayContaining(['fullName', 'email', 'countryCode', 'language', 'timeZone']),
    );
    expect(res.body.components.schemas.ApiErrorSchema).toBeDefined();
  });

  it('serves the documentation UI', async () => {
    const res = await t.anonymous.get('/api/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });

  it('serves Prometheus metrics to the secretariat only', async () => {
    await t.anonymous.get('/metrics').expect(401);
    const res = await t.admin.get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('wgs_notifications');
    expect(res.text).toContain('wgs_notification_lateness_seconds');
    expect(res.text).toContain('wgs_process_cpu_seconds_total');
  });

  it('shows the queue dashboard to the secretariat, asking browsers for the token', async () => {
    const refused = await t.anonymous.get('/admin/queues').expect(401);
    expect(refused.headers['www-authenticate']).toContain('Basic');
    const holder = (
      await t.admin
        .post('/api/members')
        .send({ fullName: 'Reader', email: 'reader@example.org', countryCode: 'KZ', language: 'en', timeZone: 'UTC' })
        .expect(201)
    ).body;
    const member = await t.admin
      .post('/api/tokens')
      .send({ name: 'reader', role: 'member', memberId: holder.id })
      .expect(201);
    await t.anonymous.get('/admin/queues').auth('any', member.body.token).expect(401);
    const page = await t.anonymous
      .get('/admin/queues')
      .auth('secretariat', 'test-admin-token-0123456789abcdef')
      .expect(200);
    expect(page.text).toContain('<html');
    const api = await t.anonymous
      .get('/admin/queues/api/queues')
      .set('Authorization', 'Bearer test-admin-token-0123456789abcdef')
      .expect(200);
    expect(JSON.stringify(api.body)).toContain('notifications');
  });
});
