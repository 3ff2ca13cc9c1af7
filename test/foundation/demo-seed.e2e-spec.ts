import { seedDemo } from '../../src/demo/demo-seeder';
import { LivingGroupDemo } from '../../src/demo/living-group';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

describe('the WGECC demo data', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

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

  it('looks alive today: a poll open with answers, a confirmed meeting, approved minutes, a work plan in every state', async () => {
    await seedDemo(t.dataSource);
    expect(await new LivingGroupDemo(t.app).load()).toBe(true);
    expect(await new LivingGroupDemo(t.app).load()).toBe(false);

    const meetings = (await t.admin.get('/api/meetings?limit=50').expect(200)).body.items as {
      id: string;
      status: string;
      startsAt: string | null;
    }[];
    const byStatus = (status: string) => meetings.filter((m) => m.status === status);
    expect(meetings).toHaveLength(3);
    const [held] = byStatus('held');
    const [scheduled] = byStatus('scheduled');
    const [tentative] = byStatus('tentative');
    expect(new Date(held.startsAt!).getTime()).toBeLessThan(Date.now());
    expect(new Date(scheduled.startsAt!).getTime()).toBeGreaterThan(Date.now());

    const poll = (await t.admin.get(`/api/meetings/${tentative.id}/poll`).expect(200)).body;
    expect(JSON.stringify(poll)).toMatch(/"yes"/);
    const minutes = (await t.admin.get(`/api/meetings/${held.id}/minutes`).expect(200)).body;
    expect(minutes.approvedAt).toBeTruthy();
    expect(minutes.decisions.length).toBe(2);
    const agenda = (await t.admin.get(`/api/meetings/${scheduled.id}/agenda`).expect(200)).body;
    expect(agenda.items ?? agenda).toHaveLength(3);
    const answers = (await t.admin.get(`/api/meetings/${scheduled.id}/invitations`).expect(200)).body;
    expect(JSON.stringify(answers)).toMatch(/"accepted"/);
    expect(JSON.stringify(answers)).toMatch(/"declined"/);

    const items = (await t.admin.get('/api/work-plan-items?limit=100').expect(200)).body.items as {
      status: string;
      deadline: { kind: string } | null;
      responsibleMemberIds: string[];
    }[];
    expect(items.length).toBeGreaterThanOrEqual(8);
    expect((await t.admin.get('/api/work-plan-items?due=overdue').expect(200)).body.total).toBeGreaterThanOrEqual(2);
    expect((await t.admin.get('/api/work-plan-items?due=next7d').expect(200)).body.total).toBeGreaterThanOrEqual(1);
    expect(items.some((i) => i.status === 'done')).toBe(true);
    expect(items.some((i) => i.deadline?.kind === 'on_request')).toBe(true);
    expect(items.every((i) => i.responsibleMemberIds.length > 0)).toBe(true);

    await waitFor(() => smtp.messages.some((m) => /choose a date|Согласование даты/.test(m.parsed.subject ?? '')), {
      what: 'the poll emails of the demo',
    });
    await waitFor(() => smtp.messages.some((m) => /^(Minutes|Протокол)/.test(m.parsed.subject ?? '')), {
      what: 'the minutes of the past meeting',
    });
    const invitedToThePast = smtp.messages
      .map((m) => m.parsed.subject ?? '')
      .filter((subject) => /^(Invitation|Приглашение|Шақыру).*(climate adaptation|адаптации)/.test(subject));
    expect(invitedToThePast).toEqual([]);
  });
});
