import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, createBody, createMember } from '../support/factories';

describe('bodies, terms and continuity', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates the Working Group and its Steering Committee under it, and refuses cycles', async () => {
    const wg = await createBody(t, {
      name: { en: 'Working Group on Environment and Climate Change', ru: 'Рабочая группа', kk: 'Жұмыс тобы' },
    });
    expect(wg.timeZone).toBe('Asia/Almaty');
    const sc = await createBody(t, {
      name: { en: 'Steering Committee' },
      kind: 'steering_committee',
      parentId: wg.id,
      timeZone: 'Europe/Brussels',
    });
    expect(sc.parentId).toBe(wg.id);
    const cycle = await t.admin.patch(`/api/bodies/${wg.id}`).send({ parentId: sc.id }).expect(409);
    expect(cycle.body.message[0].field).toBe('parentId');
    await t.admin.patch(`/api/bodies/${wg.id}`).send({ parentId: wg.id }).expect(409);
    const unknownParent = await t.admin
      .post('/api/bodies')
      .send({ name: { en: 'X' }, kind: 'other', parentId: randomUUID() })
      .expect(400);
    expect(unknownParent.body.message[0].field).toBe('parentId');
    const list = await t.admin.get('/api/bodies?kind=steering_committee').expect(200);
    expect(list.body.items.map((b: { id: string }) => b.id)).toEqual([sc.id]);
  });

  it('gives the composition on any day and refuses overlapping terms of one member with 409', async () => {
    const body = await createBody(t);
    const a = await createMember(t, { fullName: 'A', countryCode: 'TJ' });
    const b = await createMember(t, { fullName: 'B', countryCode: 'TJ' });
    await addMembership(t, body.id, { memberId: a.id, role: 'chair', startDate: '2017-01-01', endDate: '2018-12-31' });
    await addMembership(t, body.id, { memberId: b.id, role: 'member', startDate: '2019-01-01' });
    const later = await addMembership(t, body.id, { memberId: a.id, role: 'member', startDate: '2020-06-01' });
    expect(later.seat).toBe('TJ');

    const on = async (day: string) =>
      (await t.admin.get(`/api/bodies/${body.id}/memberships?at=${day}`).expect(200)).body.items
        .map((s: { member: { fullName: string }; role: string }) => `${s.member.fullName}:${s.role}`)
        .sort();
    expect(await on('2018-06-01')).toEqual(['A:chair']);
    expect(await on('2019-06-01')).toEqual(['B:member']);
    expect(await on('2021-01-01')).toEqual(['A:member', 'B:member']);

    const overlap = await t.admin
      .post(`/api/bodies/${body.id}/memberships`)
      .send({ memberId: a.id, role: 'member', startDate: '2018-06-01', endDate: '2019-01-31' })
      .expect(409);
    expect(overlap.body.message[0].message).toContain('overlaps');
    const openOverlap = await t.admin
      .patch(`/api/bodies/${body.id}/memberships/${later.id}`)
      .send({ startDate: '2018-12-31' })
      .expect(409);
    expect(openOverlap.body.statusCode).toBe(409);
    const backwards = await t.admin
      .post(`/api/bodies/${body.id}/memberships`)
      .send({ memberId: b.id, role: 'member', startDate: '2010-05-01', endDate: '2010-01-01' })
      .expect(400);
    expect(backwards.body.message[0].field).toBe('endDate');

    const ended = await t.admin
      .patch(`/api/bodies/${body.id}/memberships/${later.id}`)
      .send({ endDate: '2022-12-31' })
      .expect(200);
    expect(ended.body.endDate).toBe('2022-12-31');
    expect(await on('2023-06-01')).toEqual(['B:member']);
  });

  it('the database itself refuses overlapping terms written concurrently', async () => {
    const body = await createBody(t);
    const member = await createMember(t);
    const results = await Promise.all(
      [0, 1, 2, 3].map(() =>
        t.admin
          .post(`/api/bodies/${body.id}/memberships`)
          .send({ memberId: member.id, role: 'member', startDate: '2020-01-01' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it('reports continuity per seat: holder, since when, people in the period, flags', async () => {
    const body = await createBody(t);
    const kzOld = await createMember(t, { fullName: 'KZ old', countryCode: 'KZ' });
    const kzNew = await createMember(t, { fullName: 'KZ new', countryCode: 'KZ' });
    const kg = await createMember(t, { fullName: 'KG long', countryCode: 'KG' });
    const tm = await createMember(t, { fullName: 'TM gone', countryCode: 'TM' });
    await addMembership(t, body.id, { memberId: kzOld.id, startDate: '2017-01-01', endDate: '2019-12-31' });
    await addMembership(t, body.id, { memberId: kzNew.id, startDate: '2020-01-01' });
    // Two consecutive terms count as one unbroken service.
    await addMembership(t, body.id, {
      memberId: kg.id,
      role: 'co_chair',
      startDate: '2016-01-01',
      endDate: '2018-12-31',
    });
    await addMembership(t, body.id, { memberId: kg.id, role: 'chair', startDate: '2019-01-01' });
    await addMembership(t, body.id, { memberId: tm.id, startDate: '2016-01-01', endDate: '2019-06-30' });

    const report = await t.admin.get(`/api/reports/continuity?bodyId=${body.id}&at=2020-07-01&years=5`).expect(200);
    const seat = (code: string) => report.body.seats.find((s: { seat: string }) => s.seat === code);
    expect(seat('KZ')).toMatchObject({ peopleInPeriod: 2, underTwoYears: true, empty: false, flag: 'under_two_years' });
    expect(seat('KZ').holders).toEqual([
      expect.objectContaining({ fullName: 'KZ new', since: '2020-01-01', yearsServed: 0.5 }),
    ]);
    expect(seat('KG')).toMatchObject({ peopleInPeriod: 1, flag: null });
    expect(seat('KG').holders[0]).toMatchObject({ since: '2016-01-01', role: 'chair' });
    expect(seat('TM')).toMatchObject({ empty: true, flag: 'empty', holders: [] });
    expect(report.body.turnoverByCountry).toEqual(
      expect.arrayContaining([
        { countryCode: 'KZ', seats: 1, people: 2, flaggedSeats: 1 },
        { countryCode: 'KG', seats: 1, people: 1, flaggedSeats: 0 },
      ]),
    );

    const bad = await t.admin.get('/api/reports/continuity?bodyId=nope&years=0').expect(400);
    expect(bad.body.message.map((p: { field: string }) => p.field).sort()).toEqual(['bodyId', 'years']);
    await t.admin.get(`/api/reports/continuity?bodyId=${randomUUID()}`).expect(404);
  });
});
