import { addMembership, createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { clientWithToken, startTestApp, TestApp } from '../support/test-app';

describe('sign-in, member rules and hardening', () => {
  let t: TestApp;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.clear());

  const cookieOf = (res: { headers: Record<string, unknown> }) =>
    String((res.headers['set-cookie'] as string[] | undefined)?.[0] ?? '').split(';')[0];

  it('signs a member in with an emailed link that works once, for 15 minutes, and signs them out', async () => {
    await createMember(t, { fullName: 'Dana Omarova', email: 'dana@example.org', language: 'en' });
    const unknown = await t.anonymous.post('/sign-in').type('form').send({ email: 'nobody@example.org' }).expect(200);
    const known = await t.anonymous.post('/sign-in').type('form').send({ email: 'DANA@example.org' }).expect(200);
    // The answer does not tell whether an address belongs to a member.
    expect(unknown.text.replace(/\s+/g, ' ')).toBe(known.text.replace(/\s+/g, ' '));
    await waitFor(() => smtp.messages.length === 1, { what: 'the sign-in email' });
    expect(smtp.messages[0].to).toEqual(['dana@example.org']);
    const link = /(https?:\/\/\S+\/sign-in\/[A-Za-z0-9_.-]+)/.exec(smtp.messages[0].parsed.text ?? '')![1];
    const path = new URL(link).pathname;

    const confirmPage = await t.anonymous.get(path).expect(200);
    expect(confirmPage.text).toContain('<form method="post"');
    expect(confirmPage.headers['set-cookie']).toBeUndefined();
    const signedIn = await t.anonymous.post(path).expect(303);
    expect(signedIn.headers.location).toBe('/me');
    const setCookie = String((signedIn.headers['set-cookie'] as unknown as string[])[0]);
    expect(setCookie).toMatch(/^wgs_session=wss_[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const cookie = cookieOf(signedIn);
    const stored = await t.dataSource.query('SELECT token_hash FROM session');
    expect(JSON.stringify(stored)).not.toContain(cookie.split('=')[1]);

    await t.anonymous.post(path).expect(410);
    const me = await t.anonymous.get('/me').set('Cookie', cookie).expect(200);
    expect(me.text).toContain('Dana Omarova');
    const csrf = /name="csrf" value="([^"]+)"/.exec(me.text)![1];
    await t.anonymous.post('/sign-out').set('Cookie', cookie).type('form').send({ csrf: 'forged' }).expect(403);
    await t.anonymous.get('/me').set('Cookie', cookie).expect(200);
    await t.anonymous.post('/sign-out').set('Cookie', cookie).type('form').send({ csrf }).expect(200);
    await t.anonymous.get('/me').set('Cookie', cookie).expect(303);

    await t.dataSource.query(`UPDATE sign_in_link SET expires_at = now() - interval '1 minute'`);
    smtp.clear();
    await t.anonymous.post('/sign-in').type('form').send({ email: 'dana@example.org' }).expect(200);
    await waitFor(() => smtp.to('dana@example.org').length === 1, { what: 'a fresh link after the first expired' });
  });

  it('signs out everywhere', async () => {
    await createMember(t, { email: 'two@example.org' });
    const cookies: string[] = [];
    for (let i = 0; i < 2; i++) {
      smtp.clear();
      await t.anonymous.post('/sign-in').type('form').send({ email: 'two@example.org' }).expect(200);
      await waitFor(() => smtp.to('two@example.org').length === 1, { what: 'the sign-in email' });
      const path = new URL(
        /(https?:\/\/\S+\/sign-in\/[A-Za-z0-9_.-]+)/.exec(smtp.to('two@example.org')[0].parsed.text ?? '')![1],
      ).pathname;
      cookies.push(cookieOf(await t.anonymous.post(path).expect(303)));
    }
    const page = await t.anonymous.get('/me').set('Cookie', cookies[0]).expect(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1];
    await t.anonymous.post('/sign-out/everywhere').set('Cookie', cookies[0]).type('form').send({ csrf }).expect(200);
    for (const cookie of cookies) await t.anonymous.get('/me').set('Cookie', cookie).expect(303);
  });

  it('limits sign-in requests per address, with 429 and Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push(await t.anonymous.post('/sign-in').type('form').send({ email: 'flood@example.org' }));
    expect(answers[5].status).toBe(429);
    expect(Number(answers[5].headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets members read their bodies, answer only for themselves and update only their items', async () => {
    const wg = await createBody(t);
    const other = await createBody(t, { name: { en: 'Another body' } });
    const me = await createMember(t, { email: 'me@example.org' });
    const colleague = await createMember(t, { email: 'colleague@example.org' });
    await addMembership(t, wg.id, { memberId: me.id, startDate: '2020-01-01' });
    await addMembership(t, wg.id, { memberId: colleague.id, startDate: '2020-01-01' });
    const token = (await t.admin.post('/api/tokens').send({ name: 'me', role: 'member', memberId: me.id }).expect(201))
      .body.token;
    const client = clientWithToken(t, token);

    const mine = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: wg.id,
          kind: 'working_group',
          title: { en: 'Ours' },
          timeZone: 'Asia/Almaty',
          startsAt: '2032-01-10T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    const theirs = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: other.id,
          kind: 'technical',
          title: { en: 'Theirs' },
          timeZone: 'Asia/Almaty',
          startsAt: '2032-01-11T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${mine.id}/invitations`)
      .send({ memberIds: [me.id, colleague.id] })
      .expect(200);
    const listed = (await client.get('/api/meetings').expect(200)).body.items.map((m: { id: string }) => m.id);
    expect(listed).toEqual([mine.id]);
    await client.get(`/api/meetings/${theirs.id}`).expect(403);
    await client.get(`/api/meetings/${theirs.id}/invitations`).expect(403);
    await client.get(`/api/meetings/${mine.id}/invitations`).expect(200);

    await client.put(`/api/meetings/${mine.id}/invitations/${me.id}`).send({ response: 'accepted' }).expect(200);
    const forbidden = await client
      .put(`/api/meetings/${mine.id}/invitations/${colleague.id}`)
      .send({ response: 'declined' })
      .expect(403);
    expect(forbidden.body.message).toContain('themself');
    expect(
      (await t.admin.get(`/api/meetings/${mine.id}/invitations`).expect(200)).body.find(
        (i: { memberId: string }) => i.memberId === colleague.id,
      ).response,
    ).toBe('pending');

    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: wg.id, title: { en: 'Plan' }, period: '2032' })
        .expect(201)
    ).body;
    const hiddenPlan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: other.id, title: { en: 'Hidden' }, period: '2032' })
        .expect(201)
    ).body;
    const myItem = (
      await t.admin
        .post(`/api/work-plans/${plan.id}/items`)
        .send({ activity: { en: 'Mine' }, deadline: 'May 2032', responsibleMemberIds: [me.id] })
        .expect(201)
    ).body;
    const theirItem = (
      await t.admin
        .post(`/api/work-plans/${plan.id}/items`)
        .send({ activity: { en: 'Colleague' }, deadline: 'May 2032', responsibleMemberIds: [colleague.id] })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/work-plans/${hiddenPlan.id}/items`)
      .send({ activity: { en: 'Hidden item' } })
      .expect(201);
    expect((await client.get('/api/work-plans').expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([
      plan.id,
    ]);
    expect((await client.get('/api/work-plan-items?limit=50').expect(200)).body.total).toBe(2);
    await client.get(`/api/work-plans/${hiddenPlan.id}`).expect(403);
    await client.patch(`/api/work-plan-items/${myItem.id}`).send({ status: 'in_progress' }).expect(200);
    await client.patch(`/api/work-plan-items/${theirItem.id}`).send({ status: 'done' }).expect(403);
    await client.patch(`/api/work-plan-items/${myItem.id}`).send({ executor: null }).expect(403);

    await client.patch(`/api/members/${me.id}`).send({ language: 'kk', digest: 'weekly' }).expect(200);
    await client.patch(`/api/members/${me.id}`).send({ email: 'stolen@example.org' }).expect(403);
    await client.patch(`/api/members/${colleague.id}`).send({ language: 'kk' }).expect(403);
    await client
      .post('/api/meetings')
      .send({ bodyId: wg.id, kind: 'technical', title: { en: 'x' }, timeZone: 'UTC' })
      .expect(403);
    await client.get('/api/notifications').expect(403);
  });

  it('sends security headers and a strict Content-Security-Policy, and no CORS', async () => {
    const page = await t.anonymous.get('/sign-in').set('Origin', 'https://evil.example').expect(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    const api = await t.admin.get('/api/bodies').set('Origin', 'https://evil.example').expect(200);
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.anonymous
      .options('/api/bodies')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps names with line breaks or markup out of email headers and markup', async () => {
    const refused = await t.admin
      .post('/api/members')
      .send({
        fullName: 'Eve\r\nBcc: victim@example.org',
        email: 'eve@example.org',
        countryCode: 'KZ',
        language: 'en',
        timeZone: 'UTC',
      })
      .expect(400);
    expect(refused.body.message[0].field).toBe('fullName');
    // Data that came in another way (an import, an old record) must still not break headers.
    const member = await createMember(t, { fullName: 'Eve', email: 'eve@example.org', language: 'en' });
    await t.dataSource.query('UPDATE member SET full_name = $1 WHERE id = $2', [
      'Eve\r\nBcc: victim@example.org <script>alert(1)</script>',
      member.id,
    ]);
    const body = await createBody(t);
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'workshop',
          title: { en: 'Workshop <b>bold</b> "quoted"' },
          timeZone: 'UTC',
          startsAt: '2032-02-01T10:00:00Z',
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    // Picked by its Message-ID: an email of an earlier test (a colleague's reminder) may land in the sink meanwhile.
    const [invitation]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM notification WHERE subject_id = $1 AND recipient_id = $2 AND kind = 'meeting-invitation'`,
      [meeting.id, member.id],
    );
    const mail = (await waitFor(() => smtp.messages.find((m) => m.messageId?.startsWith(`<n.${invitation.id}.`)), {
      what: "Eve's invitation",
    }))!;
    expect(mail.to).toEqual(['eve@example.org']);
    expect(smtp.messages.flatMap((m) => m.to)).not.toContain('victim@example.org');
    const headers = mail.raw.split(/\r?\n\r?\n/)[0];
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(mail.parsed.bcc).toBeUndefined();
    expect(mail.parsed.html).not.toContain('<script>alert(1)</script>');
    expect(mail.parsed.html).not.toContain('<b>bold</b>');
    expect(mail.parsed.html).toContain('&lt;script&gt;');
  });
});
