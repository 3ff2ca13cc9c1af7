import { addMembership, createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { clientWithToken, startTestApp, TestApp } from '../support/test-app';

/**
 * A member proposes a substitute who is not in the directory; the secretariat approves (the person becomes
 * a guest and is invited in the language the proposer chose, with the .ics) or refuses; the proposer is
 * told either way, in their own language.
 */
describe('substitutes proposed from outside the directory', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  type Person = { id: string; email: string; fullName: string };
  let me: Person, colleague: Person, foreigner: Person, secretary: Person;
  let meetingId: string;
  let meClient: ReturnType<typeof clientWithToken>;
  let delegateLink: string;

  const proposal = (changes: Record<string, unknown> = {}) => ({
    fullName: 'Нурлан Касымов',
    email: 'n.kassymov@ecogeo.example.kz',
    organization: 'Министерство экологии',
    position: 'Главный эксперт',
    language: 'kk',
    ...changes,
  });
  const propose = (body: object, language = 'ru') =>
    meClient
      .post(`/api/meetings/${meetingId}/invitations/${me.id}/substitute-proposals`)
      .set('Accept-Language', language)
      .send(body);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
  const mine = async () =>
    (
      (await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body as {
        memberId: string;
        response: string;
        delegateMemberId: string | null;
      }[]
    ).find((p) => p.memberId === me.id)!;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test' });
    const body = await createBody(t);
    me = await createMember(t, {
      fullName: 'Айгуль Сапарова',
      email: 'me@example.org',
      countryCode: 'KZ',
      language: 'ru',
    });
    colleague = await createMember(t, { fullName: 'Ерлан Ахметов', email: 'colleague@example.org', countryCode: 'KZ' });
    foreigner = await createMember(t, { fullName: 'Outside Person', email: 'outsider@example.org', countryCode: 'UZ' });
    secretary = await createMember(t, {
      fullName: 'Secretariat Officer',
      email: 'secretariat@example.org',
      countryCode: 'EU',
      language: 'en',
      timeZone: 'Europe/Brussels',
    });
    await addMembership(t, body.id, { memberId: me.id });
    await addMembership(t, body.id, { memberId: colleague.id, role: 'alternate' });
    await addMembership(t, body.id, { memberId: secretary.id, role: 'secretariat' });
    meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          title: { en: 'WG meeting', ru: 'Заседание РГ', kk: 'Жұмыс тобының отырысы' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-12-01T10:00:00+05:00',
        })
        .expect(201)
    ).body.id;
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [me.id] })
      .expect(200);
    await waitFor(() => smtp.to(me.email).length === 1, { what: 'the invitation' });
    const text = smtp.to(me.email)[0].parsed.text ?? '';
    delegateLink = new URL(/Направить замену \((https?:\/\/[^\s)]+\/a\/[A-Za-z0-9_.-]+)\)/.exec(text)![1]).pathname;
    const token = (await t.admin.post('/api/tokens').send({ name: 'me', role: 'member', memberId: me.id }).expect(201))
      .body.token;
    meClient = clientWithToken(t, token);
    smtp.clear();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('refuses bad input with 400 naming each field in the reader’s language, and nothing is proposed', async () => {
    const ru = await propose(
      proposal({ email: 'not an address', fullName: '', language: 'de', extra: 1 }),
      'ru',
    ).expect(400);
    const byField = Object.fromEntries(
      (ru.body.message as { field: string; message: string }[]).map((p) => [p.field, p.message]),
    );
    expect(byField.email).toMatch(/^Электронная почта: /);
    expect(byField.fullName).toMatch(/^Фамилия и имя: /);
    expect(byField.language).toMatch(/^Язык: /);
    expect(byField.extra).toMatch(/такого поля/);
    const kk = await propose(proposal({ organization: '' }), 'kk').expect(400);
    expect(kk.body.message).toEqual([{ field: 'organization', message: expect.stringMatching(/^Ұйым: /) }]);
    const en = await propose(proposal({ email: 'x@' }), 'en').expect(400);
    expect(en.body.message).toEqual([
      { field: 'email', message: expect.stringMatching(/^Email: write a valid address/) },
    ]);
    expect((await meClient.get(`/api/meetings/${meetingId}/substitute-proposals`).expect(200)).body).toEqual([]);
  });

  it('points to the colleague when the address is already in the directory, and refuses one’s own address', async () => {
    const offered = await propose(proposal({ email: 'COLLEAGUE@example.org' }), 'ru').expect(409);
    expect(offered.body.message[0]).toMatchObject({
      field: 'email',
      message: expect.stringContaining(colleague.fullName),
    });
    expect(offered.body.message[0].message).toMatch(/среди предложенных коллег/);
    expect(offered.body.details).toEqual({ offeredMember: { id: colleague.id, fullName: colleague.fullName } });
    const other = await propose(proposal({ email: foreigner.email }), 'en').expect(409);
    expect(other.body.message[0].message).toMatch(/ask the secretariat/);
    const self = await propose(proposal({ email: me.email }), 'en').expect(400);
    expect(self.body.message[0]).toMatchObject({ field: 'email', message: expect.stringMatching(/your own address/) });
  });

  it('on the link page, refuses beside the field in the member’s language and preselects a colleague already in the directory', async () => {
    const page = await t.anonymous.get(delegateLink).expect(200);
    expect(page.text).toContain('Или предложите человека, которого нет в списке');
    const bad = await t.anonymous
      .post(`${delegateLink}/propose`)
      .type('form')
      .send({ ...proposal(), language: 'de' })
      .expect(400);
    expect(bad.text).toMatch(/id="spe-language">Язык: выберите/);
    expect(bad.text).toContain('value="Нурлан Касымов"');
    const known = await t.anonymous
      .post(`${delegateLink}/propose`)
      .type('form')
      .send({ ...proposal(), email: colleague.email })
      .expect(409);
    expect(known.text).toMatch(/id="spe-email">Электронная почта: Ерлан Ахметов уже есть в справочнике/);
    expect(known.text).toContain(`<option value="${colleague.id}" selected>`);
    expect((await meClient.get(`/api/meetings/${meetingId}/substitute-proposals`).expect(200)).body).toEqual([]);
  });

  let proposalId: string;
  it('records a proposal, tells the secretariat, invites nobody yet, and lets only one wait per invitation', async () => {
    const created = await propose(proposal()).expect(201);
    proposalId = created.body.id;
    expect(created.body).toMatchObject({
      status: 'pending',
      fullName: 'Нурлан Касымов',
      language: 'kk',
      proposer: { id: me.id, countryCode: 'KZ' },
    });
    await waitFor(() => smtp.to(secretary.email).length === 1, { what: 'the secretariat’s email' });
    const told = smtp.to(secretary.email)[0];
    expect(told.subject).toBe('Substitute proposed: Нурлан Касымов for WG meeting');
    expect(told.parsed.text).toContain('n.kassymov@ecogeo.example.kz');
    expect(told.parsed.text).toContain('Kazakh');
    expect(told.parsed.text).toContain(`http://wg.test/meetings/${meetingId}#substitute-proposals`);
    const again = await propose(proposal({ email: 'someone.else@example.org' }), 'en').expect(409);
    expect(again.body.message[0]).toMatchObject({ field: 'email', message: expect.stringMatching(/still waiting/) });
    await settle();
    expect(smtp.to('n.kassymov@ecogeo.example.kz')).toHaveLength(0);
    expect(await mine()).toMatchObject({ response: 'pending', delegateMemberId: null });
    // A member answers only for themself, and only the secretariat decides.
    await meClient
      .post(`/api/meetings/${meetingId}/invitations/${colleague.id}/substitute-proposals`)
      .send(proposal({ email: 'x@example.org' }))
      .expect(403);
    await meClient.post(`/api/meetings/${meetingId}/substitute-proposals/${proposalId}/approve`).expect(403);
  });

  it('on approval adds the person as a guest, invites them in the chosen language with the .ics, and tells the proposer in theirs', async () => {
    const approved = await t.admin
      .post(`/api/meetings/${meetingId}/substitute-proposals/${proposalId}/approve`)
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', guestMemberId: expect.any(String) });
    const guestId = approved.body.guestMemberId as string;
    const guest = (await t.admin.get(`/api/members/${guestId}`).expect(200)).body;
    expect(guest).toMatchObject({
      guest: true,
      active: true,
      language: 'kk',
      countryCode: 'KZ',
      email: 'n.kassymov@ecogeo.example.kz',
    });
    expect(await mine()).toMatchObject({ response: 'delegated', delegateMemberId: guestId });

    await waitFor(() => smtp.to(guest.email).length === 1, { what: 'the guest’s invitation' });
    const invitation = smtp.to(guest.email)[0];
    expect(invitation.subject).toMatch(/^Шақыру: /);
    expect(invitation.calendarMethod).toBe('REQUEST');
    expect(invitation.calendar).toContain('BEGIN:VEVENT');
    await waitFor(() => smtp.to(me.email).length === 1, { what: 'the proposer’s answer' });
    const toldMe = smtp.to(me.email)[0];
    expect(toldMe.subject).toBe('Замена одобрена: Нурлан Касымов — Заседание РГ');
    // The approved guest stays the member's answer, but is on no member's offer of colleagues.
    await meClient
      .put(`/api/meetings/${meetingId}/invitations/${me.id}`)
      .send({ response: 'delegated', delegateMemberId: guestId, note: 'approved' })
      .expect(200);
    const otherKz = await createMember(t, { fullName: 'Another Colleague', countryCode: 'KZ' });
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [otherKz.id] })
      .expect(200);
    const otherToken = (
      await t.admin.post('/api/tokens').send({ name: 'other', role: 'member', memberId: otherKz.id }).expect(201)
    ).body.token;
    await clientWithToken(t, otherToken)
      .put(`/api/meetings/${meetingId}/invitations/${otherKz.id}`)
      .send({ response: 'delegated', delegateMemberId: guestId })
      .expect(400);
    const twice = await t.admin
      .post(`/api/meetings/${meetingId}/substitute-proposals/${proposalId}/approve`)
      .expect(409);
    expect(twice.body.message).toMatch(/already been answered/);
  });

  it('on refusal invites nobody and tells the proposer, with the reason, in their language', async () => {
    smtp.clear();
    const second = await propose(
      proposal({ fullName: 'Second Person', email: 'second.person@example.org', language: 'en' }),
    ).expect(201);
    const refused = await t.admin
      .post(`/api/meetings/${meetingId}/substitute-proposals/${second.body.id}/refuse`)
      .set('Accept-Language', 'en')
      .send({ reason: 'Only focal points this time' })
      .expect(200);
    expect(refused.body).toMatchObject({
      status: 'refused',
      refusalReason: 'Only focal points this time',
      guestMemberId: null,
    });
    await waitFor(() => smtp.to(me.email).length === 1, { what: 'the refusal' });
    const toldMe = smtp.to(me.email)[0];
    expect(toldMe.subject).toBe('Замена не одобрена: Second Person — Заседание РГ');
    expect(toldMe.parsed.text).toContain('Only focal points this time');
    await settle();
    expect(smtp.to('second.person@example.org')).toHaveLength(0);
    const bad = await t.admin
      .post(`/api/meetings/${meetingId}/substitute-proposals/${second.body.id}/refuse`)
      .set('Accept-Language', 'ru')
      .send({ reason: 'x'.repeat(1001) })
      .expect(400);
    expect(bad.body.message).toEqual([{ field: 'reason', message: expect.stringMatching(/^Причина: /) }]);
  });

  it('counts proposals towards the five changes of substitute a day: 429 with Retry-After', async () => {
    // So far: the first proposal (approved, counted as its change of substitute) and the refused one.
    for (const n of [3, 4, 5]) {
      const p = await propose(proposal({ fullName: `Person ${n}`, email: `person${n}@example.org` })).expect(201);
      await t.admin.post(`/api/meetings/${meetingId}/substitute-proposals/${p.body.id}/refuse`).send({}).expect(200);
    }
    const limited = await propose(proposal({ fullName: 'Person 6', email: 'person6@example.org' }), 'kk').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    expect(limited.body.message[0]).toMatchObject({ field: 'email' });
    await meClient
      .put(`/api/meetings/${meetingId}/invitations/${me.id}`)
      .send({ response: 'delegated', delegateMemberId: colleague.id })
      .expect(429);
  });
});
