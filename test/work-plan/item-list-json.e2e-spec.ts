import { startTestApp, TestApp } from '../support/test-app';
import { createBody, createMember, createOrganization } from '../support/factories';

/** Text no JSON writer can take a short cut on: quotes, escapes, control characters, scripts, an emoji. */
const AWKWARD = 'O\'Brien "the \\ quoted"\ttab\nline\u0001\u001f Ержан Төлегенов 😀 </script>';

/**
 * The item list answers JSON written by PostgreSQL; each item must be what toItemView gives for it
 * (as GET /api/work-plan-items/:id answers it), value for value, the responsible members in the same order.
 */
describe('work-plan item list written by PostgreSQL', () => {
  let t: TestApp;
  let planId: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const body = await createBody(t, { timeZone: 'Asia/Almaty' });
    planId = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'JSON plan' }, period: '2031' })
        .expect(201)
    ).body.id;
    const wecoop = await createOrganization(t, {
      name: { en: 'WECOOP "3"', ru: AWKWARD },
      kind: 'project',
      countryCode: null,
    });
    // Names whose order differs between String.localeCompare and the database's C collation (case, accents, Cyrillic, Kazakh letters).
    const names = ['Ölof Ångström', 'ivanov Ivan', 'Ivanov Ivan', 'Әлия Нұрланова', 'Zhanna', 'Ärzhan', 'Алия'];
    const people = [];
    for (const fullName of names) people.push(await createMember(t, { fullName, countryCode: 'UZ' }));
    const add = async (item: Record<string, unknown>) =>
      (
        await t.admin
          .post(`/api/work-plans/${planId}/items`)
          .send({ activity: { en: 'Item', ru: AWKWARD }, ...item })
          .expect(201)
      ).body.id as string;
    ids = {
      everyone: await add({
        deadline: 'Q3 2031',
        executor: wecoop.id,
        responsibleMemberIds: people.map((p) => p.id),
        countries: ['KZ', 'UZ'],
        topics: ['Water', 'air'],
        notes: AWKWARD,
      }),
      memberExecutor: await add({
        deadline: 'Конец ноября или начало декабря 2019 или февраль 2020',
        executor: people[3].id,
        responsibleMemberIds: [people[0].id],
      }),
      onRequest: await add({ deadline: 'Апрель-июль 2019 [по запросу]' }),
      open: await add({}),
      done: await add({ deadline: '2019-02-01', status: 'done' }),
      overdue: await add({ deadline: '2019-02-01', status: 'in_progress', countries: ['KZ'] }),
    };
    await t.dataSource.query(
      `UPDATE work_plan_item SET created_at = '2019-12-03 10:00:00.123999+00', updated_at = '1999-12-31 23:59:59.999999+05' WHERE id = $1`,
      [ids.everyone],
    );
  });
  afterAll(() => t.close());

  /** The page's items, each against the item as toItemView answers it alone. */
  async function expectItemsAsViews(path: string) {
    const res = await t.admin.get(path).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const page = JSON.parse(res.text) as { items: { id: string }[]; total: number; limit: number; offset: number };
    for (const item of page.items)
      expect(item).toEqual((await t.admin.get(`/api/work-plan-items/${item.id}`).expect(200)).body);
    return page;
  }

  it('every kind of executor, deadline and status, awkward text, microseconds, responsible members in name order', async () => {
    const page = await expectItemsAsViews(`/api/work-plan-items?workPlanId=${planId}`);
    expect(page).toMatchObject({ total: 6, limit: 50, offset: 0 });
    expect(page.items.map((i) => i.id).sort()).toEqual(Object.values(ids).sort());
    const everyone = page.items.find((i) => i.id === ids.everyone) as unknown as Record<string, unknown>;
    expect(everyone).toMatchObject({
      notes: AWKWARD,
      createdAt: '2019-12-03T10:00:00.123Z',
      updatedAt: '1999-12-31T18:59:59.999Z',
      executor: { type: 'organization', name: { ru: AWKWARD } },
    });
    expect((everyone.responsibleMembers as { fullName: string }[]).map((m) => m.fullName)).toEqual([
      'Ärzhan',
      'ivanov Ivan',
      'Ivanov Ivan',
      'Ölof Ångström',
      'Zhanna',
      'Алия',
      'Әлия Нұрланова',
    ]);
    expect(page.items.find((i) => i.id === ids.overdue)).toMatchObject({ overdue: true });
    expect(page.items.find((i) => i.id === ids.open)).toMatchObject({
      executor: null,
      responsibleMembers: [],
      responsibleMemberIds: [],
      notes: null,
      deadline: { dueAt: null },
    });
  });

  it('filters and pages, and a page past the end with its total', async () => {
    expect(
      (await expectItemsAsViews(`/api/work-plan-items?workPlanId=${planId}&due=overdue`)).items.map((i) => i.id),
    ).toEqual([ids.overdue, ids.memberExecutor]);
    expect(
      (await expectItemsAsViews(`/api/work-plan-items?workPlanId=${planId}&country=uz`)).items.map((i) => i.id),
    ).toEqual([ids.everyone]);
    const second = await expectItemsAsViews(`/api/work-plan-items?workPlanId=${planId}&limit=2&offset=2`);
    expect(second).toMatchObject({ total: 6, limit: 2, offset: 2 });
    expect(second.items).toHaveLength(2);
    expect(await expectItemsAsViews(`/api/work-plan-items?workPlanId=${planId}&limit=2&offset=10`)).toEqual({
      items: [],
      total: 6,
      limit: 2,
      offset: 10,
    });
    expect(await expectItemsAsViews(`/api/work-plan-items?workPlanId=${planId}&topic=nothing`)).toEqual({
      items: [],
      total: 0,
      limit: 50,
      offset: 0,
    });
  });
});
