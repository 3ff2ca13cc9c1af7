import { countQueries } from '../../bench/query-counter';
import { createBody, createMember, createOrganization } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Each list costs the same number of SQL statements whatever the page size: no row loads anything
 * of its own (no N+1). The rows carry what makes N+1 tempting: organisations, executors, responsible members.
 */
describe('SQL statements per list request', () => {
  let t: TestApp;
  let planId: string;

  beforeAll(async () => {
    // No worker in this process: its statements (claiming jobs left due by earlier suites) would be counted with the request's.
    t = await startTestApp({ ROLE: 'api' });
    const body = await createBody(t);
    const organization = await createOrganization(t, { name: { en: 'CAREC' }, kind: 'international' });
    const emails: string[] = [];
    for (let i = 0; i < 105; i++) {
      const member = await createMember(t, {
        fullName: `Member ${String(i).padStart(3, '0')}`,
        email: `m${i}@scale.example`,
        ...(i % 2 ? { organization: organization.id } : {}),
      });
      emails.push(member.email);
    }
    planId = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Plan' }, period: '2031' })
        .expect(201)
    ).body.id;
    const csv = ['activity,deadline,executor,countries,responsible'];
    for (let i = 0; i < 120; i++)
      csv.push(
        `Activity ${i},${['Февраль 2031', 'Q3 2031', 'end of November 2031'][i % 3]},${i % 2 ? 'WECOOP 3' : emails[i % 100]},KZ,${emails[i % 100]}; ${emails[(i + 7) % 100]}`,
      );
    await t.admin
      .post(`/api/work-plans/${planId}/import`)
      .attach('file', Buffer.from(csv.join('\n')), 'plan.csv')
      .expect(200);
    for (let i = 0; i < 110; i++) {
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'technical',
          title: { en: `Meeting ${i}` },
          timeZone: 'Asia/Almaty',
          startsAt: new Date(Date.UTC(2031, 0, 1 + i, 5)).toISOString(),
        })
        .expect(201);
    }
  }, 120_000);
  afterAll(() => t.close());

  const paths: Record<string, () => string> = {
    members: () => '/api/members?',
    'work-plan items': () => `/api/work-plan-items?workPlanId=${planId}&`,
    meetings: () => '/api/meetings?',
    notifications: () => '/api/notifications?',
  };

  it.each(Object.keys(paths))('%s: a page past the end is empty and still tells the total', async (name) => {
    const all = (await t.admin.get(`${paths[name]()}limit=1`).expect(200)).body;
    const past = (await t.admin.get(`${paths[name]()}limit=50&offset=100000`).expect(200)).body;
    expect({ name, items: past.items, total: past.total, offset: past.offset }).toEqual({
      name,
      items: [],
      total: all.total,
      offset: 100000,
    });
    expect(all.total).toBeGreaterThan(100);
  });

  it.each(Object.keys(paths))('%s: as many statements for 100 rows as for 10', async (name) => {
    const path = paths[name]();
    const counter = countQueries(t.dataSource);
    try {
      let few: { items: unknown[]; total: number } = { items: [], total: 0 };
      let many: { items: unknown[]; total: number } = { items: [], total: 0 };
      const fewStatements = await counter.during(
        async () => (few = (await t.admin.get(`${path}limit=10`).expect(200)).body),
      );
      const manyStatements = await counter.during(
        async () => (many = (await t.admin.get(`${path}limit=100`).expect(200)).body),
      );
      expect({ name, rows: few.items.length }).toEqual({ name, rows: 10 });
      expect({ name, rows: many.items.length }).toEqual({ name, rows: 100 });
      expect(many.total).toBeGreaterThan(100);
      expect({ name, statements: manyStatements.length }).toEqual({ name, statements: fewStatements.length });
      expect(fewStatements.length).toBeLessThanOrEqual(3);
    } finally {
      counter.stop();
    }
  });
});
