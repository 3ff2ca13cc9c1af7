import { seedDemo } from '../../src/demo/demo-seeder';
import { startTestApp, TestApp } from '../support/test-app';

describe('the WGECC demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('loads the countries, both bodies, the organisations and a few dozen people, and a second run adds nothing', async () => {
    const first = await seedDemo(t.dataSource);
    expect(first.bodies).toBe(2);
    expect(first.organizations).toBeGreaterThanOrEqual(9);
    expect(first.members).toBeGreaterThanOrEqual(24);
    expect(await seedDemo(t.dataSource)).toEqual({ organizations: 0, bodies: 0, members: 0, memberships: 0 });

    const bodies = await t.admin.get('/api/bodies').expect(200);
    const wg = bodies.body.items.find((b: { kind: string }) => b.kind === 'working_group');
    const sc = bodies.body.items.find((b: { kind: string }) => b.kind === 'steering_committee');
    expect(sc.parentId).toBe(wg.id);

    const countries = new Set(
      (await t.admin.get('/api/members?limit=200').expect(200)).body.items.map(
        (m: { countryCode: string }) => m.countryCode,
      ),
    );
    for (const code of ['KZ', 'KG', 'TJ', 'TM', 'UZ', 'EU']) expect(countries).toContain(code);

    const projects = await t.admin.get('/api/organizations?kind=project').expect(200);
    expect(projects.body.items.map((o: { name: { en: string } }) => o.name.en).sort()).toEqual([
      'WECOOP 2',
      'WECOOP 3',
    ]);

    const report = await t.admin.get(`/api/reports/continuity?bodyId=${wg.id}&at=2026-01-01`).expect(200);
    const kz = report.body.seats.find((s: { seat: string }) => s.seat === 'KZ');
    expect(kz.flag).toBe('under_two_years');
    const chairs = await t.admin.get(`/api/members?bodyId=${sc.id}&role=chair`).expect(200);
    expect(chairs.body.total).toBe(1);
  });
});
