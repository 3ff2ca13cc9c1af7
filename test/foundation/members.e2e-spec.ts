import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, createBody, createMember, createOrganization } from '../support/factories';

describe('members and organisations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates, reads and changes a member, normalising codes and zones', async () => {
    const ministry = await createOrganization(t, {
      name: { en: 'Ministry of Ecology and Natural Resources', ru: 'Министерство экологии и природных ресурсов' },
    });
    const created = await t.admin
      .post('/api/members')
      .send({
        fullName: 'Айгерим Садыкова',
        email: 'A.Sadykova@Example.org',
        countryCode: 'kz',
        organization: ministry.id,
        position: 'Chief expert',
        language: 'kk',
        timeZone: 'asia/almaty',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      countryCode: 'KZ',
      timeZone: 'Asia/Almaty',
      active: true,
      organizationId: ministry.id,
    });

    const fetched = await t.admin.get(`/api/members/${created.body.id}`).expect(200);
    expect(fetched.body.organization.name.ru).toBe('Министерство экологии и природных ресурсов');

    const updated = await t.admin
      .patch(`/api/members/${created.body.id}`)
      .send({ timeZone: 'Europe/Brussels', position: null })
      .expect(200);
    expect(updated.body).toMatchObject({ timeZone: 'Europe/Brussels', position: null, fullName: 'Айгерим Садыкова' });
  });

  it('refuses a second member with the same email in another case (409 naming email)', async () => {
    await createMember(t, { email: 'focal.point@example.org' });
    const res = await t.admin
      .post('/api/members')
      .send({
        fullName: 'Copy',
        email: 'FOCAL.Point@example.org',
        countryCode: 'UZ',
        language: 'ru',
        timeZone: 'Asia/Tashkent',
      })
      .expect(409);
    expect(res.body.message).toEqual([{ field: 'email', message: expect.stringContaining('already used') }]);
    const other = await createMember(t);
    const clash = await t.admin
      .patch(`/api/members/${other.id}`)
      .send({ email: 'focal.point@EXAMPLE.org' })
      .expect(409);
    expect(clash.body.message[0].field).toBe('email');
  });

  it('deactivates a member and keeps their terms', async () => {
    const body = await createBody(t);
    const member = await createMember(t);
    await addMembership(t, body.id, { memberId: member.id });
    await t.admin.patch(`/api/members/${member.id}`).send({ active: false }).expect(200);
    const terms = await t.admin.get(`/api/bodies/${body.id}/memberships?memberId=${member.id}`).expect(200);
    expect(terms.body.total).toBe(1);
    const inactive = await t.admin.get('/api/members?active=false').expect(200);
    expect(inactive.body.items.map((m: { id: string }) => m.id)).toContain(member.id);
  });

  it('filters by country, body, role, active and text in any script, with paging', async () => {
    await t.dataSource.query('TRUNCATE member, membership, body CASCADE');
    const wg = await createBody(t);
    const sc = await createBody(t, { name: { en: 'Steering Committee' }, kind: 'steering_committee', parentId: wg.id });
    const ecology = await createOrganization(t, { name: { en: 'Committee of Ecology', kk: 'Экология комитеті' } });
    const kz1 = await createMember(t, { fullName: 'Ержан Тулегенов', countryCode: 'KZ', organization: ecology.id });
    const kz2 = await createMember(t, { fullName: 'Dana Omarova', countryCode: 'KZ', active: false });
    const kg = await createMember(t, { fullName: 'Бакыт Исаев', countryCode: 'KG', timeZone: 'Asia/Bishkek' });
    const eu = await createMember(t, {
      fullName: 'Anna Schmidt',
      countryCode: 'EU',
      language: 'en',
      timeZone: 'Europe/Brussels',
      email: 'anna.schmidt@ec.europa.example',
    });
    await addMembership(t, wg.id, { memberId: kz1.id, role: 'member' });
    await addMembership(t, sc.id, { memberId: kg.id, role: 'chair' });
    await addMembership(t, wg.id, { memberId: eu.id, role: 'co_chair' });
    await addMembership(t, wg.id, { memberId: kz2.id, role: 'member', startDate: '2015-01-01', endDate: '2016-12-31' });

    const ids = async (query: string) =>
      (await t.admin.get(`/api/members?${query}`).expect(200)).body.items.map((m: { id: string }) => m.id).sort();
    expect(await ids('country=KZ')).toEqual([kz1.id, kz2.id].sort());
    expect(await ids('country=kz&active=true')).toEqual([kz1.id]);
    expect(await ids(`bodyId=${wg.id}`)).toEqual([kz1.id, eu.id].sort());
    expect(await ids('role=chair')).toEqual([kg.id]);
    expect(await ids(`bodyId=${wg.id}&role=co_chair`)).toEqual([eu.id]);
    expect(await ids(`q=${encodeURIComponent('ерЖАН')}`)).toEqual([kz1.id]);
    expect(await ids(`q=${encodeURIComponent('экология')}`)).toEqual([kz1.id]);
    expect(await ids('q=europa')).toEqual([eu.id]);
    expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual([]);

    const page = await t.admin.get('/api/members?limit=2&offset=1').expect(200);
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.body.items).toHaveLength(2);
  });

  it('organisations: created with names in three languages, filtered by kind and found by any name', async () => {
    const wecoop = await createOrganization(t, {
      name: { en: 'WECOOP 2', ru: 'ВЕКООП 2' },
      kind: 'project',
      countryCode: null,
    });
    const list = await t.admin.get('/api/organizations?kind=project').expect(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toContain(wecoop.id);
    const found = await t.admin.get(`/api/organizations?q=${encodeURIComponent('векооп')}`).expect(200);
    expect(found.body.items.map((o: { id: string }) => o.id)).toEqual([wecoop.id]);
    const renamed = await t.admin
      .patch(`/api/organizations/${wecoop.id}`)
      .send({ name: { en: 'WECOOP 2 project', kk: 'WECOOP 2 жобасы' } })
      .expect(200);
    expect(renamed.body.name).toEqual({ en: 'WECOOP 2 project', kk: 'WECOOP 2 жобасы' });
  });

  it('answers 404 for an unknown member and 400 for a malformed id', async () => {
    const unknown = await t.admin.get(`/api/members/${randomUUID()}`).expect(404);
    expect(unknown.body.message).toContain('was not found');
    const malformed = await t.admin.get('/api/members/not-a-uuid').expect(400);
    expect(malformed.body.message).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    await t.admin.patch(`/api/members/${randomUUID()}`).send({ position: 'x' }).expect(404);
    await t.admin.get(`/api/organizations/${randomUUID()}`).expect(404);
  });

  it('refuses an unknown organisation id on a member with 400 naming organization', async () => {
    const res = await t.admin
      .post('/api/members')
      .send({
        fullName: 'X',
        email: 'x-org@example.org',
        countryCode: 'TJ',
        language: 'ru',
        timeZone: 'Asia/Dushanbe',
        organization: randomUUID(),
      })
      .expect(400);
    expect(res.body.message).toEqual([{ field: 'organization', message: expect.stringContaining('no organisation') }]);
  });
});
