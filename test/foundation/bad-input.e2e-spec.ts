import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, createBody, createMember, createOrganization } from '../support/factories';

/** Bodies that are wrong in every way a client can be wrong; none may produce a 500. */
const HOSTILE_BODIES: unknown[] = [
  [],
  [1, 2],
  'text',
  42,
  null,
  {},
  { name: null, kind: null, fullName: null, email: null, memberId: null, startDate: null },
  { name: 'plain string', kind: 7, fullName: ['a'], email: { a: 1 }, countryCode: 12, language: true, timeZone: 5 },
  {
    name: { de: 'Deutsch' },
    kind: "'; DROP TABLE member; --",
    fullName: "Robert'); DROP TABLE member;--",
    email: "x'@x.org",
  },
  {
    fullName: 'x'.repeat(10_000),
    email: `${'x'.repeat(300)}@example.org`,
    startDate: '2019-02-30',
    endDate: '2019-13-01',
    role: 'king',
  },
  JSON.parse('{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}'),
  { startDate: '99999-01-01', memberId: 'not-a-uuid', seat: '' },
  { active: 'yes', organization: 'nope', parentId: 12, timeZone: '../../etc/passwd' },
];

describe('bad input never produces a 500', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    const organization = await createOrganization(t);
    const member = await createMember(t);
    const body = await createBody(t);
    const membership = await addMembership(t, body.id, { memberId: member.id });
    const token = await t.admin.post('/api/tokens').send({ name: 'x', role: 'member', memberId: member.id });
    const plan = await t.admin.post('/api/work-plans').send({ bodyId: body.id, title: { en: 'Plan' }, period: '2019' });
    const item = await t.admin
      .post(`/api/work-plans/${plan.body.id}/items`)
      .send({ activity: { en: 'Item' }, deadline: 'Февраль 2019' });
    const meeting = await t.admin
      .post('/api/meetings')
      .send({ bodyId: body.id, kind: 'workshop', title: { en: 'Workshop' }, timeZone: 'Asia/Almaty' });
    const option = await t.admin.post(`/api/meetings/${meeting.body.id}/date-options`).send({ text: 'May 2031' });
    const agenda = await t.admin.post(`/api/meetings/${meeting.body.id}/agenda`).send({ title: { en: 'Opening' } });
    ids = {
      organization: organization.id,
      member: member.id,
      body: body.id,
      membership: membership.id,
      token: token.body.id,
      plan: plan.body.id,
      item: item.body.id,
      meeting: meeting.body.id,
      option: option.body.id,
      agenda: agenda.body.id,
    };
  });
  afterAll(() => t.close());

  const writes = (): [string, string][] => [
    ['post', '/api/members'],
    ['patch', `/api/members/${ids.member}`],
    ['post', '/api/organizations'],
    ['patch', `/api/organizations/${ids.organization}`],
    ['post', '/api/bodies'],
    ['patch', `/api/bodies/${ids.body}`],
    ['post', `/api/bodies/${ids.body}/memberships`],
    ['patch', `/api/bodies/${ids.body}/memberships/${ids.membership}`],
    ['post', '/api/tokens'],
    ['post', '/api/work-plans'],
    ['patch', `/api/work-plans/${ids.plan}`],
    ['post', `/api/work-plans/${ids.plan}/items`],
    ['patch', `/api/work-plan-items/${ids.item}`],
    ['post', '/api/deadlines/parse'],
    ['post', '/api/meetings'],
    ['patch', `/api/meetings/${ids.meeting}`],
    ['post', `/api/meetings/${ids.meeting}/date-options`],
    ['post', `/api/meetings/${ids.meeting}/poll`],
    ['put', `/api/meetings/${ids.meeting}/date-options/${ids.option}/answers/${ids.member}`],
    ['post', `/api/meetings/${ids.meeting}/confirm`],
    ['post', `/api/meetings/${ids.meeting}/invitations`],
    ['put', `/api/meetings/${ids.meeting}/invitations/${ids.member}`],
    ['put', `/api/meetings/${ids.meeting}/attendance`],
    ['post', `/api/meetings/${ids.meeting}/agenda`],
    ['patch', `/api/meetings/${ids.meeting}/agenda/${ids.agenda}`],
    ['put', `/api/meetings/${ids.meeting}/agenda/order`],
    ['put', `/api/meetings/${ids.meeting}/minutes`],
  ];

  it('answers every hostile body on every write endpoint with a 4xx in the error shape, and changes nothing', async () => {
    const counts =
      'SELECT (SELECT count(*) FROM member) m, (SELECT count(*) FROM body) b, (SELECT count(*) FROM organization) o, (SELECT count(*) FROM membership) s, ' +
      '(SELECT count(*) FROM work_plan) p, (SELECT count(*) FROM work_plan_item) i, (SELECT count(*) FROM meeting) mt, (SELECT count(*) FROM meeting_date_option) d, ' +
      '(SELECT count(*) FROM agenda_item) a, (SELECT count(*) FROM invitation) inv, (SELECT count(*) FROM notification) n';
    const before = await t.dataSource.query(counts);
    for (const [method, url] of writes()) {
      for (const body of HOSTILE_BODIES) {
        const raw =
          typeof body === 'object' && body !== null && Object.hasOwn(body, '__proto__')
            ? '{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}'
            : JSON.stringify(body);
        const res = await (t.admin as unknown as Record<string, (u: string) => import('supertest').Test>)
          [method](url)
          .set('Content-Type', 'application/json')
          .send(raw);
        const emptyPatch = method === 'patch' && raw === '{}';
        expect({
          method,
          url,
          raw,
          status: emptyPatch ? res.status === 200 : res.status < 500 && res.status >= 400,
        }).toEqual({ method, url, raw, status: true });
        if (emptyPatch) continue;
        expect(res.body).toEqual(
          expect.objectContaining({ statusCode: res.status, error: expect.any(String), message: expect.anything() }),
        );
      }
    }
    const after = await t.dataSource.query(counts);
    expect(after).toEqual(before);
  });

  it('answers malformed JSON with 400 and a body over 1 MB with 413', async () => {
    const malformed = await t.admin.post('/api/members').set('Content-Type', 'application/json').send('{"fullName": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.statusCode).toBe(400);
    const huge = await t.admin
      .post('/api/members')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ fullName: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('answers hostile query strings on every list with 400 or an empty page, never a 500', async () => {
    const lists = [
      '/api/members',
      '/api/organizations',
      '/api/bodies',
      `/api/bodies/${ids.body}/memberships`,
      '/api/reports/continuity',
      '/api/audit',
      '/api/work-plans',
      '/api/work-plan-items',
      `/api/work-plans/${ids.plan}/export`,
      '/api/meetings',
      '/api/notifications',
    ];
    const queries = [
      'limit=-1',
      'limit=100000',
      'offset=abc',
      'limit=1e3',
      "q=' OR 1=1 --",
      'q=%00',
      'country=XX',
      'country[]=KZ&country[]=KG',
      'active=maybe',
      'bodyId=1; DROP TABLE body',
      'role=emperor',
      'kind=castle',
      'at=2019-02-30',
      `bodyId=${ids.body}&years=1000`,
      'entity=member&id=%27%20OR%201%3D1',
      'due=%27;--',
      'topic=%00',
      'format=exe',
      'workPlanId=1%20OR%201=1',
    ];
    for (const list of lists) {
      for (const query of queries) {
        const res = await t.admin.get(`${list}?${query}`);
        expect({ list, query, ok: res.status < 500 }).toEqual({ list, query, ok: true });
      }
    }
    const sql = await t.admin.get(`/api/members?q=${encodeURIComponent("' OR 1=1 --")}`).expect(200);
    expect(sql.body.total).toBe(0);
    const limit = await t.admin.get('/api/members?limit=100000').expect(400);
    expect(limit.body.message[0].field).toBe('limit');
  });

  it('answers malformed ids in paths with 400 naming the parameter, unknown ones with 404', async () => {
    const paths = [
      '/api/members/%27',
      '/api/organizations/1',
      '/api/bodies/abc',
      `/api/bodies/${ids.body}/memberships/xyz`,
    ];
    for (const path of paths) {
      const res = await t.admin.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
    }
    const unknown = [
      `/api/members/${randomUUID()}`,
      `/api/organizations/${randomUUID()}`,
      `/api/bodies/${randomUUID()}`,
      `/api/bodies/${ids.body}/memberships/${randomUUID()}`,
      `/api/bodies/${randomUUID()}/memberships`,
    ];
    for (const path of unknown) {
      const res = await t.admin.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    await t.admin.post(`/api/tokens/${randomUUID()}/revoke`).expect(404);
    await t.admin.post('/api/tokens/not-a-uuid/revoke').expect(400);
  });

  it('refuses JSON nested deeper than 32 levels with 400 naming the field, on every JSON route, before any conversion', async () => {
    const deep = (levels: number) => '{"fullName":' + '{"a":'.repeat(levels) + '1' + '}'.repeat(levels) + '}';
    const routes: [string, string][] = [
      ['post', '/api/members'],
      ['post', '/api/bodies'],
      ['post', `/api/work-plans/${ids.plan}/items`],
      ['put', `/api/meetings/${ids.meeting}/minutes`],
      ['post', '/sign-in'],
    ];
    for (const [method, url] of routes) {
      const res = await (t.admin as unknown as Record<string, (u: string) => import('supertest').Test>)
        [method](url)
        .set('Content-Type', 'application/json')
        .send(deep(1500));
      expect({ url, status: res.status, message: res.body.message }).toEqual({
        url,
        status: 400,
        message: [{ field: 'fullName', message: 'is nested deeper than 32 levels' }],
      });
    }
    const rootArray = await t.admin
      .post('/api/members')
      .set('Content-Type', 'application/json')
      .send('['.repeat(1500) + ']'.repeat(1500));
    expect(rootArray.status).toBe(400);
    expect(rootArray.body.message).toEqual([{ field: 'body', message: 'is nested deeper than 32 levels' }]);
    // 32 levels are still read (and then judged by the field's own rule).
    const shallow = await t.admin
      .post('/api/members')
      .set('Content-Type', 'application/json')
      .send('{"fullName":' + '{"a":'.repeat(31) + '1' + '}'.repeat(31) + '}');
    expect(shallow.status).toBe(400);
    expect(shallow.body.message).not.toContainEqual(
      expect.objectContaining({ message: 'is nested deeper than 32 levels' }),
    );
  });

  it('refuses ill-formed text (a lone UTF-16 surrogate) in any field, nested or not, with 400 naming the field', async () => {
    const cases: [string, string, string, string][] = [
      [
        'post',
        '/api/members',
        '{"fullName":"Ann","email":"a\\ud800@b.test","countryCode":"KZ","language":"en","timeZone":"Asia/Almaty"}',
        'email',
      ],
      ['patch', `/api/members/${ids.member}`, '{"position":"x\\udc00"}', 'position'],
      ['post', '/api/bodies', '{"name":{"en":"B\\ud83d"},"kind":"working_group"}', 'name.en'],
      ['put', `/api/meetings/${ids.meeting}/agenda/order`, '{"order":["\\udfff"]}', 'order.0'],
      ['post', '/api/deadlines/parse', '{"text":"Q4 2019 \\ud800"}', 'text'],
    ];
    for (const [method, url, raw, field] of cases) {
      const res = await (t.admin as unknown as Record<string, (u: string) => import('supertest').Test>)
        [method](url)
        .set('Content-Type', 'application/json')
        .send(raw);
      expect({ url, status: res.status, message: res.body.message }).toEqual({
        url,
        status: 400,
        message: [{ field, message: 'must be well-formed text (it holds a lone UTF-16 surrogate)' }],
      });
    }
    const inQuery = await t.admin.get('/api/members?q=%ED%A0%80');
    expect(inQuery.status).toBeLessThan(500);
    const form = await t.anonymous.post('/sign-in').type('form').send('email=a%ED%A0%80%40b.test');
    expect(form.status).toBe(400);
  });

  it('accepts only addresses with an unquoted local part, the same for members and the sign-in form', async () => {
    const refused = [
      '"a\r\nRCPT TO:<x@evil.test>"@b.test',
      '"<a>"@b.test',
      '"a,b"@b.test',
      '"a b"@b.test',
      'a<b>@c.test',
      'a,b@c.test',
      '.a@b.test',
      'a..b@c.test',
      'a@b',
      'a@-b.test',
      'a@b..test',
    ];
    for (const email of refused) {
      const res = await t.admin
        .post('/api/members')
        .send({ fullName: 'Quoted', email, countryCode: 'KZ', language: 'en', timeZone: 'Asia/Almaty' });
      expect({ email, status: res.status, fields: res.body.message?.map?.((p: { field: string }) => p.field) }).toEqual(
        { email, status: 400, fields: ['email'] },
      );
      const patch = await t.admin.patch(`/api/members/${ids.member}`).send({ email });
      expect({ email, status: patch.status }).toEqual({ email, status: 400 });
      const signIn = await t.anonymous.post('/sign-in').type('form').send({ email });
      expect({ email, signIn: signIn.status }).toEqual({ email, signIn: 400 });
    }
    const accepted = ["o'brien+wg.2019@ecogeo.gov.kz", 'айгерим@минприроды.kz', 'A.Sadykova@Sub-Domain.Example.ORG'];
    for (const email of accepted) {
      const res = await t.admin
        .post('/api/members')
        .send({ fullName: 'Plain', email, countryCode: 'KZ', language: 'en', timeZone: 'Asia/Almaty' });
      expect({ email, status: res.status }).toEqual({ email, status: 201 });
      const signIn = await t.anonymous.post('/sign-in').type('form').send({ email });
      expect({ email, signIn: signIn.status }).toEqual({ email, signIn: 200 });
    }
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await t.admin.get('/api/nothing-here').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
