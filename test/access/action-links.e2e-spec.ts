import { ActionTokenService } from '../../src/actions/action-token.service';
import { createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/** The answer links of an email, by their visible label. */
function links(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of text.matchAll(/([^\n()]+?) \((https?:\/\/[^\s)]+\/a\/[A-Za-z0-9_.-]+)\)/g))
    found.set(match[1].replace(/^-\s*/, '').trim(), match[2]);
  return found;
}

describe('one-click answers from emails', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let body: { id: string };

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test' });
    body = await createBody(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.clear());

  const path = (url: string) => new URL(url).pathname;

  it('answers an invitation: GET shows what will be recorded and changes nothing; POST records it; again is harmless', async () => {
    const member = await createMember(t, {
      fullName: 'Бакыт Исаев',
      email: 'kg@example.org',
      language: 'ru',
      timeZone: 'Asia/Bishkek',
      countryCode: 'KG',
    });
    const meeting = (
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
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length === 1);
    const found = links(smtp.messages[0].parsed.text ?? '');
    expect([...found.keys()]).toEqual(
      expect.arrayContaining(['Буду участвовать', 'Не смогу участвовать', 'Возможно', 'Направить замену']),
    );
    const accept = path(found.get('Буду участвовать')!);

    const page = await t.anonymous.get(accept).expect(200);
    expect(page.text).toContain('lang="ru"');
    expect(page.text).toContain('Заседание РГ');
    expect(page.text).toContain('<form method="post"');
    expect(page.headers['cache-control']).toContain('no-store');
    const untouched = (await t.admin.get(`/api/meetings/${meeting.id}/invitations`).expect(200)).body[0];
    expect(untouched.response).toBe('pending');

    const done = await t.anonymous.post(accept).type('form').send({}).expect(200);
    expect(done.text).toContain('Спасибо');
    // The page leads on to the meeting, where the answer can be seen and changed.
    expect(done.text).toContain(`<a href="/meetings/${meeting.id}">страница заседания</a>`);
    const answered = (await t.admin.get(`/api/meetings/${meeting.id}/invitations`).expect(200)).body[0];
    expect(answered).toMatchObject({ response: 'accepted', respondedVia: 'email' });
    await t.anonymous.post(accept).type('form').send({}).expect(200);

    const decline = path(found.get('Не смогу участвовать')!);
    await t.anonymous.post(decline).type('form').send({ note: 'В командировке' }).expect(200);
    const changed = (await t.admin.get(`/api/meetings/${meeting.id}/invitations`).expect(200)).body[0];
    expect(changed).toMatchObject({ response: 'declined', note: 'В командировке' });
    expect(new Date(changed.respondedAt).getTime()).toBeGreaterThanOrEqual(new Date(answered.respondedAt).getTime());
    const audit = (await t.admin.get(`/api/audit?entity=invitation`).expect(200)).body.items;
    expect(audit[0].actorName).toContain('Бакыт Исаев');
  });

  it('answers a date poll per option and a work-plan item, including a new deadline', async () => {
    const member = await createMember(t, {
      email: 'poll@example.org',
      language: 'en',
      timeZone: 'Europe/Brussels',
      countryCode: 'EU',
    });
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({ bodyId: body.id, kind: 'steering_committee', title: { en: 'SC' }, timeZone: 'Europe/Brussels' })
        .expect(201)
    ).body;
    const option = (
      await t.admin
        .post(`/api/meetings/${meeting.id}/date-options`)
        .send({ startsAt: '2031-06-02T10:00:00+02:00', label: 'June' })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/poll`)
      .send({ memberIds: [member.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length === 1);
    const yes = [...links(smtp.messages[0].parsed.text ?? '').entries()].find(([label]) => label.endsWith('Yes'))![1];
    await t.anonymous.post(path(yes)).type('form').send({}).expect(200);
    const matrix = (await t.admin.get(`/api/meetings/${meeting.id}/poll`).expect(200)).body;
    expect(matrix.participants[0].answers[option.id]).toBe('yes');

    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Plan' }, period: '2031' })
        .expect(201)
    ).body;
    const item = (
      await t.admin
        .post(`/api/work-plans/${plan.id}/items`)
        .send({ activity: { en: 'Report' }, deadline: 'March 2031', responsibleMemberIds: [member.id] })
        .expect(201)
    ).body;
    const tokens = t.app.get(ActionTokenService);
    const moreTime = `/a/${tokens.sign({ member: member.id, kind: 'item.more_time', subject: item.id, exp: tokens.expiry(null) })}`;
    const form = await t.anonymous.get(moreTime).expect(200);
    expect(form.text).toContain('name="newDeadline"');
    const unreadable = await t.anonymous.post(moreTime).type('form').send({ newDeadline: 'someday' }).expect(422);
    expect(unreadable.text).toContain('someday');
    await t.anonymous
      .post(moreTime)
      .type('form')
      .send({ newDeadline: 'end of May 2031', note: 'waiting for data' })
      .expect(200);
    const history = (await t.admin.get(`/api/work-plan-items/${item.id}/history`).expect(200)).body;
    expect(history[0]).toMatchObject({
      field: 'deadline',
      oldValue: 'March 2031',
      newValue: 'end of May 2031',
      note: expect.stringContaining('waiting for data'),
    });
    const doneLink = `/a/${tokens.sign({ member: member.id, kind: 'item.done', subject: item.id, exp: tokens.expiry(null) })}`;
    await t.anonymous.post(doneLink).type('form').send({}).expect(200);
    expect((await t.admin.get(`/api/work-plan-items/${item.id}`).expect(200)).body.status).toBe('done');
  });

  it('lets a member change language, time zone and digest from the preferences link', async () => {
    const member = await createMember(t, { email: 'prefs@example.org', language: 'en' });
    const tokens = t.app.get(ActionTokenService);
    const link = `/a/${tokens.sign({ member: member.id, kind: 'preferences', subject: member.id, exp: tokens.expiry(null) })}`;
    const page = await t.anonymous.get(link).expect(200);
    expect(page.text).toContain('<select id="language" name="language">');
    const bad = await t.anonymous
      .post(link)
      .type('form')
      .send({ language: '../../etc/passwd', timeZone: 'Mars/Base', digest: 'hourly' })
      .expect(422);
    expect(bad.text).not.toContain('../../etc/passwd');
    const saved = await t.anonymous
      .post(link)
      .type('form')
      .send({ language: 'kk', timeZone: 'Asia/Almaty', digest: 'weekly' })
      .expect(200);
    expect(saved.text).toContain('lang="kk"');
    expect((await t.admin.get(`/api/members/${member.id}`).expect(200)).body).toMatchObject({
      language: 'kk',
      timeZone: 'Asia/Almaty',
      digest: 'weekly',
    });
  });

  it('refuses tampered, forged, expired and misused links with a clear page and no data', async () => {
    const member = await createMember(t, { fullName: 'Secret Person', email: 'secret@example.org' });
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'workshop',
          title: { en: 'Private workshop' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-12-05T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    const tokens = t.app.get(ActionTokenService);
    const good = tokens.sign({
      member: member.id,
      kind: 'meeting.accept',
      subject: meeting.id,
      exp: tokens.expiry(null),
    });
    const [payload, signature] = good.split('.');
    const tamperedPayload = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('meeting.accept', 'meeting.decline'),
    ).toString('base64url');
    const cases: [string, number][] = [
      [`${tamperedPayload}.${signature}`, 400],
      [`${payload}.${signature.slice(0, -2)}xx`, 400],
      [`${payload}`, 400],
      ['not-a-token', 400],
      [`${payload}.${signature}.extra`, 400],
      [
        tokens.sign({
          member: member.id,
          kind: 'meeting.accept',
          subject: meeting.id,
          exp: Math.floor(Date.now() / 1000) - 10,
        }),
        410,
      ],
      [tokens.sign({ member: member.id, kind: 'sign-in', subject: member.id, exp: tokens.expiry(null) }), 400],
    ];
    for (const [token, status] of cases) {
      for (const method of ['get', 'post'] as const) {
        const res = await t.anonymous[method](`/a/${token}`).type('form').send({});
        expect({ token, method, status: res.status }).toEqual({ token, method, status });
        expect(res.text).not.toContain('Secret Person');
        expect(res.text).not.toContain('Private workshop');
      }
    }
    const other = await createMember(t, { email: 'other@example.org' });
    const foreign = tokens.sign({
      member: other.id,
      kind: 'meeting.accept',
      subject: meeting.id,
      exp: tokens.expiry(null),
    });
    const refused = await t.anonymous.post(`/a/${foreign}`).type('form').send({}).expect(409);
    expect(refused.text).not.toContain('Secret Person');
    expect(
      (await t.admin.get(`/api/meetings/${meeting.id}/invitations`).expect(200)).body.map(
        (i: { memberId: string }) => i.memberId,
      ),
    ).toEqual([member.id]);
    await t.admin.post(`/api/meetings/${meeting.id}/cancel`).send({}).expect(200);
    const closed = await t.anonymous.post(`/a/${good}`).type('form').send({}).expect(409);
    expect(closed.text).toContain('заседание отменено');
  });
});
