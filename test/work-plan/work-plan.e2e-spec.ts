import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { createBody, createMember, createOrganization } from '../support/factories';

describe('work plans and items', () => {
  let t: TestApp;
  let body: { id: string };
  let plan: { id: string };
  let wecoop: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    body = await createBody(t, { timeZone: 'Asia/Almaty' });
    wecoop = await createOrganization(t, { name: { en: 'WECOOP 2' }, kind: 'project', countryCode: null });
    plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Work plan 2019', ru: 'Рабочий план 2019' }, period: '2019' })
        .expect(201)
    ).body;
  });
  afterAll(() => t.close());

  const addItem = async (item: Record<string, unknown>) => {
    const res = await t.admin
      .post(`/api/work-plans/${plan.id}/items`)
      .send({ activity: { ru: 'Мероприятие' }, ...item });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('keeps the deadline as written beside its windows and due moment in the body zone', async () => {
    const item = await addItem({
      activity: { ru: '9-я встреча РГОСИК', en: '9th meeting of the WGECC' },
      deadline: 'Конец ноября или начало декабря 2019 или февраль 2020',
      executor: wecoop.id,
      countries: ['kz', 'UZ'],
      topics: ['Climate Change'],
    });
    expect(item.deadline).toEqual({
      text: 'Конец ноября или начало декабря 2019 или февраль 2020',
      kind: 'alternatives',
      windows: [
        expect.objectContaining({ start: '2019-11-21', end: '2019-11-30' }),
        expect.objectContaining({ start: '2019-12-01', end: '2019-12-10' }),
        expect.objectContaining({ start: '2020-02-01', end: '2020-02-29' }),
      ],
      // Almaty was UTC+6 until March 2024: the zone's history, not today's offset, decides.
      dueAt: '2020-02-29T17:59:59.999Z',
      onRequest: false,
    });
    expect(item.executor).toMatchObject({ type: 'organization', id: wecoop.id, name: { en: 'WECOOP 2' } });
    expect(item.countries).toEqual(['KZ', 'UZ']);
    expect(item.topics).toEqual(['climate change']);
    expect(item.position).toBe(1);

    const onRequest = await addItem({ deadline: 'Апрель-июль 2019 [по запросу]' });
    expect(onRequest.deadline).toMatchObject({
      kind: 'window',
      onRequest: true,
      windows: [expect.objectContaining({ start: '2019-04-01', end: '2019-07-31' })],
    });
    const open = await addItem({});
    expect(open.deadline).toMatchObject({ text: '', kind: 'open', windows: [], dueAt: null });
  });

  it('answers an unreadable deadline with 422 quoting it, naming the part and listing the accepted forms', async () => {
    const res = await t.admin
      .post(`/api/work-plans/${plan.id}/items`)
      .send({ activity: { en: 'X' }, deadline: 'Февраль 2019 примерно' })
      .expect(422);
    expect(res.body.message).toEqual([
      { field: 'deadline', message: expect.stringContaining('"Февраль 2019 примерно"') },
    ]);
    expect(res.body.details).toMatchObject({ text: 'Февраль 2019 примерно', unparsed: 'примерно' });
    expect(res.body.details.acceptedForms.length).toBeGreaterThan(5);
    expect(res.body.details.acceptedForms[0]).toEqual({
      form: expect.any(String),
      examples: expect.arrayContaining([expect.any(String)]),
    });
    const count = await t.dataSource.query('SELECT count(*)::int AS n FROM work_plan_item WHERE deadline_text = $1', [
      'Февраль 2019 примерно',
    ]);
    expect(count[0].n).toBe(0);
  });

  it('previews a deadline with POST /api/deadlines/parse', async () => {
    const res = await t.admin
      .post('/api/deadlines/parse')
      .send({ text: 'Q3 2019', timeZone: 'Europe/Brussels' })
      .expect(200);
    expect(res.body).toMatchObject({
      text: 'Q3 2019',
      kind: 'window',
      windows: [expect.objectContaining({ start: '2019-07-01', end: '2019-09-30' })],
      dueAt: '2019-09-30T21:59:59.999Z',
    });
    const bad = await t.admin.post('/api/deadlines/parse').send({ text: 'someday' }).expect(422);
    expect(bad.body.message[0]).toMatchObject({ field: 'text' });
    await t.admin.post('/api/deadlines/parse').send({ text: 'Q3 2019', timeZone: 'Mars/Olympus' }).expect(400);
  });

  it('keeps every status and deadline change with who and when, and the old deadline text', async () => {
    const item = await addItem({ deadline: 'Февраль 2019' });
    await t.admin.patch(`/api/work-plan-items/${item.id}`).send({ status: 'in_progress' }).expect(200);
    const moved = await t.admin
      .patch(`/api/work-plan-items/${item.id}`)
      .send({ deadline: 'Март 2019', changeNote: 'Asked by KZ' })
      .expect(200);
    expect(moved.body.deadline).toMatchObject({
      text: 'Март 2019',
      windows: [expect.objectContaining({ start: '2019-03-01', end: '2019-03-31' })],
    });
    await t.admin.patch(`/api/work-plan-items/${item.id}`).send({ status: 'done' }).expect(200);
    const history = await t.admin.get(`/api/work-plan-items/${item.id}/history`).expect(200);
    expect(
      history.body.map((c: { field: string; oldValue: string; newValue: string }) => [c.field, c.oldValue, c.newValue]),
    ).toEqual([
      ['status', 'planned', 'in_progress'],
      ['deadline', 'Февраль 2019', 'Март 2019'],
      ['status', 'in_progress', 'done'],
    ]);
    expect(history.body[1]).toMatchObject({ actorName: 'admin token', note: 'Asked by KZ' });
    const unreadable = await t.admin
      .patch(`/api/work-plan-items/${item.id}`)
      .send({ deadline: 'когда-нибудь' })
      .expect(422);
    expect(unreadable.body.details.unparsed).toBeTruthy();
    expect((await t.admin.get(`/api/work-plan-items/${item.id}`).expect(200)).body.deadline.text).toBe('Март 2019');
  });

  it('filters by status, executor, country, topic, text and due window, sorted by due moment', async () => {
    const other = await t.admin
      .post('/api/work-plans')
      .send({ bodyId: body.id, title: { en: 'Filters' }, period: '2030' })
      .expect(201);
    const add = async (item: Record<string, unknown>) =>
      (
        await t.admin
          .post(`/api/work-plans/${other.body.id}/items`)
          .send({ activity: { en: 'item' }, ...item })
          .expect(201)
      ).body;
    const member = await createMember(t);
    const now = new Date();
    const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const overdue = await add({
      activity: { en: 'Air quality training' },
      deadline: day(-10),
      countries: ['UZ'],
      topics: ['air quality'],
      executor: member.id,
      responsibleMemberIds: [member.id],
    });
    const doneLate = await add({ deadline: day(-10), status: 'done' });
    const onRequestLate = await add({ deadline: `${day(-10)} [по запросу]` });
    const soon = await add({ deadline: day(3), countries: ['KZ'] });
    const month = await add({ deadline: day(20), topics: ['water'] });
    const later = await add({ deadline: day(200) });

    const ids = async (query: string) =>
      (await t.admin.get(`/api/work-plan-items?workPlanId=${other.body.id}&${query}`).expect(200)).body.items.map(
        (i: { id: string }) => i.id,
      );
    expect(await ids('due=overdue')).toEqual([overdue.id]);
    expect(await ids('due=next7d')).toEqual([soon.id]);
    expect(await ids('due=next30d')).toEqual([soon.id, month.id]);
    expect(await ids('status=done')).toEqual([doneLate.id]);
    expect(await ids('country=uz')).toEqual([overdue.id]);
    expect(await ids('topic=Water')).toEqual([month.id]);
    expect(await ids(`executor=${member.id}`)).toEqual([overdue.id]);
    expect(await ids(`responsibleMemberId=${member.id}`)).toEqual([overdue.id]);
    expect(await ids('q=QUALITY')).toEqual([overdue.id]);
    const all = await t.admin.get(`/api/work-plan-items?workPlanId=${other.body.id}&limit=2`).expect(200);
    expect(all.body.total).toBe(6);
    expect(all.body.items).toHaveLength(2);
    const sorted = await ids('limit=10');
    expect(sorted.indexOf(soon.id)).toBeLessThan(sorted.indexOf(month.id));
    expect(sorted.indexOf(month.id)).toBeLessThan(sorted.indexOf(later.id));
    const first = (await t.admin.get(`/api/work-plan-items/${overdue.id}`).expect(200)).body;
    expect(first.overdue).toBe(true);
    expect((await t.admin.get(`/api/work-plan-items/${onRequestLate.id}`).expect(200)).body.overdue).toBe(false);
    expect((await t.admin.get(`/api/work-plan-items/${doneLate.id}`).expect(200)).body.overdue).toBe(false);
  });

  it('refuses bad items field by field, and unknown plans, executors and members', async () => {
    const res = await t.admin
      .post(`/api/work-plans/${plan.id}/items`)
      .send({ activity: {}, status: 'finished', countries: ['XX'], responsibleMemberIds: ['nope'] })
      .expect(400);
    expect(res.body.message.map((p: { field: string }) => p.field).sort()).toEqual([
      'activity',
      'countries',
      'responsibleMemberIds',
      'status',
    ]);
    const executor = await t.admin
      .post(`/api/work-plans/${plan.id}/items`)
      .send({ activity: { en: 'x' }, executor: randomUUID() })
      .expect(400);
    expect(executor.body.message[0].field).toBe('executor');
    const responsible = await t.admin
      .post(`/api/work-plans/${plan.id}/items`)
      .send({ activity: { en: 'x' }, responsibleMemberIds: [randomUUID()] })
      .expect(400);
    expect(responsible.body.message[0].field).toBe('responsibleMemberIds');
    await t.admin
      .post(`/api/work-plans/${randomUUID()}/items`)
      .send({ activity: { en: 'x' } })
      .expect(404);
    await t.admin.get(`/api/work-plan-items/${randomUUID()}`).expect(404);
    await t.admin.get(`/api/work-plan-items/${randomUUID()}/history`).expect(404);
    await t.admin.get('/api/work-plan-items?due=yesterday').expect(400);
    const plansBad = await t.admin
      .post('/api/work-plans')
      .send({ bodyId: randomUUID(), title: { en: 'x' }, period: '2019' })
      .expect(400);
    expect(plansBad.body.message[0].field).toBe('bodyId');
  });

  it('changes a work plan: adopted at a meeting, then closed', async () => {
    const unknown = await t.admin
      .patch(`/api/work-plans/${plan.id}`)
      .send({ adoptedAtMeetingId: randomUUID() })
      .expect(400);
    expect(unknown.body.message[0].field).toBe('adoptedAtMeetingId');
    const meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          number: 8,
          title: { en: '8th meeting' },
          timeZone: 'Asia/Almaty',
          startsAt: '2019-06-10T10:00:00+06:00',
        })
        .expect(201)
    ).body.id;
    const adopted = await t.admin
      .patch(`/api/work-plans/${plan.id}`)
      .send({ status: 'adopted', adoptedAtMeetingId: meetingId })
      .expect(200);
    expect(adopted.body).toMatchObject({ status: 'adopted', adoptedAtMeetingId: meetingId });
    const list = await t.admin.get(`/api/work-plans?bodyId=${body.id}&status=adopted`).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([plan.id]);
  });
});
