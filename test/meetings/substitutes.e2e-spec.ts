import { addMembership, createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import type { ReceivedMail } from '../support/smtp-sink';
import { clientWithToken, startTestApp, TestApp } from '../support/test-app';

/** The answer links of an email, by their visible label. */
function links(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of text.matchAll(/([^\n()]+?) \((https?:\/\/[^\s)]+\/a\/[A-Za-z0-9_.-]+)\)/g))
    found.set(match[1].replace(/^-\s*/, '').trim(), match[2]);
  return found;
}

/**
 * A member sends a substitute only from the colleagues they are offered, whichever way they answer
 * (API, the email's link, their own page); a new substitute replaces the previous one, who is told;
 * and one invitation's substitute changes at most five times a day.
 */
describe('substitutes', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  type Person = { id: string; email: string; fullName: string };
  let me: Person, first: Person, second: Person, outsider: Person, former: Person, staff: Person;
  let meetingId: string;

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
    first = await createMember(t, {
      fullName: 'Ерлан Ахметов',
      email: 'first@example.org',
      countryCode: 'KZ',
      language: 'en',
    });
    second = await createMember(t, {
      fullName: 'Данияр Omarov',
      email: 'second@example.org',
      countryCode: 'KZ',
      language: 'en',
    });
    outsider = await createMember(t, {
      fullName: 'Outside Person',
      email: 'outsider@example.org',
      countryCode: 'UZ',
      language: 'en',
    });
    // Colleagues of the same country who do not stand in: one whose term has ended, one on the secretariat.
    former = await createMember(t, {
      fullName: 'Бывший Представитель',
      email: 'former@example.org',
      countryCode: 'KZ',
    });
    staff = await createMember(t, {
      fullName: 'Сотрудник Секретариата',
      email: 'staff@example.org',
      countryCode: 'KZ',
    });
    await addMembership(t, body.id, { memberId: me.id });
    await addMembership(t, body.id, { memberId: first.id });
    await addMembership(t, body.id, { memberId: second.id, role: 'alternate' });
    await addMembership(t, body.id, { memberId: former.id, startDate: '2015-01-01', endDate: '2020-12-31' });
    await addMembership(t, body.id, { memberId: staff.id, role: 'secretariat', seat: 'Secretariat' });
    meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          title: { en: 'WG meeting', ru: 'Заседание РГ' },
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
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const participants = async () =>
    (await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body as {
      memberId: string;
      response: string;
      delegateMemberId: string | null;
    }[];
  const mine = async () => (await participants()).find((p) => p.memberId === me.id)!;
  const invitedIds = async () => (await participants()).map((p) => p.memberId).sort();
  const mailsTo = (person: Person, method: string) =>
    smtp.to(person.email).filter((m: ReceivedMail) => m.calendarMethod === method);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
  let meClient: ReturnType<typeof clientWithToken>;
  let delegateLink: string;
  let cookie: string;
  let csrf: string;

  it('refuses, through the API, a substitute the member is not offered: 400 naming the field, in the reader’s language, nothing changed', async () => {
    const token = (await t.admin.post('/api/tokens').send({ name: 'me', role: 'member', memberId: me.id }).expect(201))
      .body.token;
    meClient = clientWithToken(t, token);
    const refused = await meClient
      .put(`/api/meetings/${meetingId}/invitations/${me.id}`)
      .set('Accept-Language', 'ru')
      .send({ response: 'delegated', delegateMemberId: outsider.id })
      .expect(400);
    expect(refused.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: [{ field: 'delegateMemberId' }],
    });
    expect(refused.body.message[0].message).toMatch(/коллег/);
    const english = await meClient
      .put(`/api/meetings/${meetingId}/invitations/${me.id}`)
      .send({ response: 'delegated', delegateMemberId: outsider.id })
      .expect(400);
    expect(english.body.message[0]).toMatchObject({
      field: 'delegateMemberId',
      message: expect.stringMatching(/colleagues/),
    });
    expect(await mine()).toMatchObject({ response: 'pending', delegateMemberId: null });
    expect(await invitedIds()).toEqual([me.id]);
    await settle();
    expect(smtp.to(outsider.email)).toHaveLength(0);
  });

  it('replaces the first substitute by the second: the first is withdrawn and gets exactly one cancellation with a calendar CANCEL', async () => {
    await meClient
      .put(`/api/meetings/${meetingId}/invitations/${me.id}`)
      .send({ response: 'delegated', delegateMemberId: first.id })
      .expect(200);
    await waitFor(() => mailsTo(first, 'REQUEST').length === 1, { what: 'the first substitute’s invitation' });
    expect(await invitedIds()).toEqual([me.id, first.id].sort());

    await meClient
      .put(`/api/meetings/${meetingId}/invitations/${me.id}`)
      .send({ response: 'delegated', delegateMemberId: second.id })
      .expect(200);
    await waitFor(() => mailsTo(second, 'REQUEST').length === 1, { what: 'the second substitute’s invitation' });
    await waitFor(() => mailsTo(first, 'CANCEL').length === 1, { what: 'the first substitute’s cancellation' });
    await settle();
    expect(smtp.to(first.email)).toHaveLength(2);
    const cancellation = mailsTo(first, 'CANCEL')[0];
    expect(cancellation.subject).toContain('WG meeting');
    expect(cancellation.parsed.text).toContain(me.fullName);
    expect(cancellation.calendar).toContain('METHOD:CANCEL');
    expect(await invitedIds()).toEqual([me.id, second.id].sort());
    expect(await mine()).toMatchObject({ response: 'delegated', delegateMemberId: second.id });
    const audit = (await t.admin.get('/api/audit?entity=invitation').expect(200)).body.items as {
      action: string;
      before: { memberId?: string } | null;
    }[];
    expect(audit.some((e) => e.action === 'delete' && e.before?.memberId === first.id)).toBe(true);
  });

  it('offers on the email’s link page only the colleagues of the member’s country, and refuses anyone else with 400', async () => {
    const invitation = smtp.to(me.email)[0];
    delegateLink = new URL(links(invitation.parsed.text ?? '').get('Направить замену')!).pathname;
    const page = await t.anonymous.get(delegateLink).expect(200);
    expect(page.text).toContain(first.fullName);
    expect(page.text).toContain(second.fullName);
    expect(page.text).not.toContain(outsider.fullName);
    expect(page.text).not.toContain(former.fullName);
    expect(page.text).not.toContain(staff.fullName);
    const refused = await t.anonymous
      .post(delegateLink)
      .type('form')
      .send({ delegateMemberId: outsider.id })
      .expect(400);
    expect(refused.text).toContain('lang="ru"');
    expect(refused.text).toMatch(/коллег/);
    expect(await mine()).toMatchObject({ delegateMemberId: second.id });

    smtp.clear();
    await t.anonymous.post(delegateLink).type('form').send({ delegateMemberId: first.id }).expect(200);
    await waitFor(() => mailsTo(second, 'CANCEL').length === 1, { what: 'the second substitute’s cancellation' });
    await waitFor(() => mailsTo(first, 'REQUEST').length === 1, { what: 'the first substitute’s invitation again' });
    expect(await invitedIds()).toEqual([me.id, first.id].sort());
  });

  it('offers on /me only the colleagues, refuses anyone else beside the field, and replaces the substitute', async () => {
    await t.anonymous.post('/sign-in').type('form').send({ email: me.email }).expect(200);
    await waitFor(() => smtp.to(me.email).some((m) => /\/sign-in\//.test(m.parsed.text ?? '')), {
      what: 'the sign-in email',
    });
    const signIn = smtp.to(me.email).find((m) => /\/sign-in\//.test(m.parsed.text ?? ''))!;
    const path = new URL(/(https?:\/\/\S+\/sign-in\/[A-Za-z0-9_.-]+)/.exec(signIn.parsed.text ?? '')![1]).pathname;
    cookie = String((await t.anonymous.post(path).expect(303)).headers['set-cookie'][0]).split(';')[0];
    const page = await t.anonymous.get('/me').set('Cookie', cookie).expect(200);
    csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1];
    expect(page.text).toContain(second.fullName);
    expect(page.text).not.toContain(outsider.fullName);

    const refused = await t.anonymous
      .post(`/me/meetings/${meetingId}/answer`)
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf, response: 'delegated', delegateMemberId: outsider.id })
      .expect(400);
    expect(refused.text).toMatch(new RegExp(`id="answer-${meetingId}-error"[^>]*>[^<]*коллег`));
    expect(await mine()).toMatchObject({ delegateMemberId: first.id });

    smtp.clear();
    await t.anonymous
      .post(`/me/meetings/${meetingId}/answer`)
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf, response: 'delegated', delegateMemberId: second.id })
      .expect(303);
    await waitFor(() => mailsTo(first, 'CANCEL').length === 1, { what: 'the first substitute’s second cancellation' });
    expect(await invitedIds()).toEqual([me.id, second.id].sort());
  });

  it('allows five changes of substitute a day per invitation, then answers 429 with Retry-After on every path', async () => {
    // Four changes so far (first, second, first, second); the fifth is allowed, the sixth is not.
    await meClient
      .put(`/api/meetings/${meetingId}/invitations/${me.id}`)
      .send({ response: 'delegated', delegateMemberId: first.id })
      .expect(200);
    const limited = await meClient
      .put(`/api/meetings/${meetingId}/invitations/${me.id}`)
      .send({ response: 'delegated', delegateMemberId: second.id })
      .expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(24 * 3600);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      message: [{ field: 'delegateMemberId' }],
    });
    const viaLink = await t.anonymous.post(delegateLink).type('form').send({ delegateMemberId: second.id }).expect(429);
    expect(Number(viaLink.headers['retry-after'])).toBeGreaterThan(0);
    const viaPage = await t.anonymous
      .post(`/me/meetings/${meetingId}/answer`)
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf, response: 'delegated', delegateMemberId: second.id })
      .expect(429);
    expect(Number(viaPage.headers['retry-after'])).toBeGreaterThan(0);
    expect(await mine()).toMatchObject({ delegateMemberId: first.id });
    // Answers that do not change the substitute are not limited.
    await meClient
      .put(`/api/meetings/${meetingId}/invitations/${me.id}`)
      .send({ response: 'delegated', delegateMemberId: first.id, note: 'still' })
      .expect(200);
  });
});
