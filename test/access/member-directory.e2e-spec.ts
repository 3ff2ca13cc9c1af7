import { addMembership, createBody, createMember, createOrganization } from '../support/factories';
import { clientWithToken, startTestApp, TestApp } from '../support/test-app';

/**
 * A member token sees the people it works with — the members of the bodies it serves in, by name,
 * country, organisation and role — and its own record in full; nobody else, and no one else's
 * email or other personal fields. The secretariat sees everything.
 */
describe('the member directory as a member sees it', () => {
  let t: TestApp;
  type Person = { id: string; email: string; fullName: string };
  let me: Person, colleague: Person, stranger: Person;
  let wg: { id: string }, sc: { id: string };
  let strangerTerm: { id: string };
  let client: ReturnType<typeof clientWithToken>;
  const CARD_FIELDS = ['countryCode', 'fullName', 'id', 'organization', 'roles'];

  beforeAll(async () => {
    t = await startTestApp();
    wg = await createBody(t);
    sc = await createBody(t, { name: { en: 'Steering Committee' }, kind: 'steering_committee' });
    const ministry = await createOrganization(t, { name: { en: 'Ministry of Ecology' } });
    me = await createMember(t, { fullName: 'Aigul Saparova', email: 'me@example.org', position: 'Head of unit' });
    colleague = await createMember(t, {
      fullName: 'Bakyt Isaev',
      email: 'colleague@example.org',
      countryCode: 'KG',
      organization: ministry.id,
      position: 'Adviser',
    });
    stranger = await createMember(t, { fullName: 'Carla Rossi', email: 'stranger@example.org', countryCode: 'EU' });
    await addMembership(t, wg.id, { memberId: me.id });
    await addMembership(t, wg.id, { memberId: colleague.id, role: 'chair' });
    strangerTerm = await addMembership(t, sc.id, { memberId: stranger.id });
    const token = (await t.admin.post('/api/tokens').send({ name: 'me', role: 'member', memberId: me.id }).expect(201))
      .body.token;
    client = clientWithToken(t, token);
  });
  afterAll(() => t.close());

  it('lists only the members of its bodies, by name, country, organisation and role, without emails', async () => {
    const res = await client.get('/api/members').expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([me.id, colleague.id]);
    for (const card of res.body.items) expect(Object.keys(card).sort()).toEqual(CARD_FIELDS);
    expect(res.body.items[1]).toEqual({
      id: colleague.id,
      fullName: 'Bakyt Isaev',
      countryCode: 'KG',
      organization: { id: expect.any(String), name: { en: 'Ministry of Ecology' } },
      roles: [{ bodyId: wg.id, role: 'chair' }],
    });
    expect(res.text).not.toContain('@example.org');
    expect(res.text).not.toContain('Adviser');
    // The search does not read emails either, so it cannot be used to guess them.
    expect((await client.get('/api/members?q=colleague@example').expect(200)).body.items).toEqual([]);
    expect((await client.get(`/api/members?bodyId=${sc.id}`).expect(200)).body.items).toEqual([]);
  });

  it('reads a co-member as a card, itself in full, and nobody outside its bodies (404)', async () => {
    const card = (await client.get(`/api/members/${colleague.id}`).expect(200)).body;
    expect(Object.keys(card).sort()).toEqual(CARD_FIELDS);
    expect(JSON.stringify(card)).not.toContain('colleague@example.org');
    const own = (await client.get(`/api/members/${me.id}`).expect(200)).body;
    expect(own).toMatchObject({
      id: me.id,
      email: 'me@example.org',
      position: 'Head of unit',
      language: 'ru',
      timeZone: 'Asia/Almaty',
    });
    const hidden = await client.get(`/api/members/${stranger.id}`).expect(404);
    expect(hidden.body).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      message: `Member ${stranger.id} was not found`,
    });
  });

  it('cannot read the terms of a body it does not serve in (404); those of its own body show cards', async () => {
    await client.get(`/api/bodies/${sc.id}/memberships`).expect(404);
    await client.get(`/api/bodies/${sc.id}/memberships/${strangerTerm.id}`).expect(404);
    await client.get(`/api/reports/continuity?bodyId=${sc.id}`).expect(404);
    const terms = await client.get(`/api/bodies/${wg.id}/memberships`).expect(200);
    expect(terms.body.items).toHaveLength(2);
    expect(terms.body.items.map((s: { member: { fullName: string } }) => s.member.fullName).sort()).toEqual([
      'Aigul Saparova',
      'Bakyt Isaev',
    ]);
    expect(terms.text).not.toContain('colleague@example.org');
    const report = await client.get(`/api/reports/continuity?bodyId=${wg.id}`).expect(200);
    expect(report.text).not.toContain('@example.org');
  });

  it('sees no other participant’s email in a meeting’s invitations', async () => {
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: wg.id,
          kind: 'working_group',
          title: { en: 'WG' },
          timeZone: 'Asia/Almaty',
          startsAt: '2032-01-10T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [me.id, colleague.id] })
      .expect(200);
    const participants = await client.get(`/api/meetings/${meeting.id}/invitations`).expect(200);
    expect(participants.text).not.toContain('colleague@example.org');
    expect(participants.body.find((p: { memberId: string }) => p.memberId === me.id).email).toBe('me@example.org');
    expect((await t.admin.get(`/api/meetings/${meeting.id}/invitations`).expect(200)).text).toContain(
      'colleague@example.org',
    );
  });

  it('sees no other member’s email in the work plan: neither as executor nor as responsible', async () => {
    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: wg.id, title: { en: 'Work plan' }, period: '2031' })
        .expect(201)
    ).body;
    const item = (
      await t.admin
        .post(`/api/work-plans/${plan.id}/items`)
        .send({
          activity: { en: 'Report on water' },
          deadline: 'March 2031',
          executor: colleague.id,
          responsibleMemberIds: [me.id, colleague.id],
        })
        .expect(201)
    ).body;
    expect(JSON.stringify(item)).toContain('colleague@example.org');

    const one = await client.get(`/api/work-plan-items/${item.id}`).expect(200);
    const list = await client.get(`/api/work-plan-items?workPlanId=${plan.id}`).expect(200);
    for (const res of [one, list]) expect(res.text).not.toContain('@example.org');
    expect(one.body.executor).toEqual({ type: 'member', id: colleague.id, name: { en: 'Bakyt Isaev' } });
    expect(list.body.items[0].responsibleMembers.map((m: { fullName: string }) => m.fullName)).toEqual([
      'Aigul Saparova',
      'Bakyt Isaev',
    ]);
    const updated = await client.patch(`/api/work-plan-items/${item.id}`).send({ status: 'in_progress' }).expect(200);
    expect(updated.text).not.toContain('@example.org');

    const asSecretariat = await t.admin.get(`/api/work-plan-items?workPlanId=${plan.id}`).expect(200);
    expect(asSecretariat.body.items[0].executor.email).toBe('colleague@example.org');
    expect(asSecretariat.body.items[0].responsibleMembers.map((m: { email: string }) => m.email)).toEqual([
      'me@example.org',
      'colleague@example.org',
    ]);
  });

  it('leaves the secretariat seeing everyone in full', async () => {
    const all = (await t.admin.get('/api/members').expect(200)).body;
    expect(all.items.map((m: { email: string }) => m.email).sort()).toEqual([
      'colleague@example.org',
      'me@example.org',
      'stranger@example.org',
    ]);
    expect((await t.admin.get(`/api/members/${stranger.id}`).expect(200)).body).toMatchObject({
      email: 'stranger@example.org',
      position: null,
    });
    const terms = (await t.admin.get(`/api/bodies/${sc.id}/memberships`).expect(200)).body;
    expect(terms.items[0].member).toMatchObject({ email: 'stranger@example.org' });
    await t.admin.get(`/api/reports/continuity?bodyId=${sc.id}`).expect(200);
  });
});
