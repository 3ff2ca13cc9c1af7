import { addMembership, createBody, createMeeting, createMember } from '../support/factories';
import { pageSession } from '../support/page-app';
import { pageSuite } from '../support/page-suite';
import { waitFor } from '../support/smtp-sink';

const TITLE = { en: 'Eleventh meeting', ru: 'Одиннадцатое заседание', kk: 'Он бірінші отырыс' };

/**
 * The meeting, its poll and the member's own page as a member reads them, what they may not see, what an
 * email link that no longer applies says, and the site's 404 page for any unknown address.
 */
describe('a meeting as a member sees it', () => {
  const suite = pageSuite(39712, { demo: false, browser: false });
  const { smtp } = suite;
  let bodyId: string;
  let member: { id: string; email: string };
  let colleague: { id: string; email: string };
  let outsider: { id: string; email: string };
  let session: { cookie: string; csrf: string };
  let meetingId: string;
  let optionId: string;

  beforeAll(async () => {
    bodyId = (await createBody(suite.t)).id;
    const otherBody = (await createBody(suite.t, { name: { en: 'Steering Committee' }, kind: 'steering_committee' }))
      .id;
    member = await createMember(suite.t, {
      fullName: 'Бакыт Исаев',
      email: 'isaev@example.org',
      language: 'ru',
      timeZone: 'Asia/Bishkek',
    });
    colleague = await createMember(suite.t, { fullName: 'Айгерим Нурланова', email: 'secret-colleague@example.org' });
    outsider = await createMember(suite.t, { fullName: 'Outsider', email: 'outsider@example.org', language: 'en' });
    await addMembership(suite.t, bodyId, { memberId: member.id });
    await addMembership(suite.t, bodyId, { memberId: colleague.id });
    await addMembership(suite.t, otherBody, { memberId: outsider.id });
    session = await pageSession(suite.t, smtp, member.email);
    meetingId = await createMeeting(suite.t, {
      bodyId,
      kind: 'working_group',
      number: 11,
      title: TITLE,
      timeZone: 'Europe/Brussels',
    });
    optionId = (
      await suite.t.admin
        .post(`/api/meetings/${meetingId}/date-options`)
        .send({ startsAt: '2031-11-27T10:00:00+01:00', endsAt: '2031-11-27T17:00:00+01:00', label: 'End of November' })
        .expect(201)
    ).body.id;
    await suite.t.admin
      .post(`/api/meetings/${meetingId}/poll`)
      .send({ memberIds: [member.id, colleague.id], closesAt: '2031-10-15T18:00:00+05:00' })
      .expect(200);
  }, 60_000);

  const get = (path: string, cookie = session.cookie) => suite.t.anonymous.get(path).set('Cookie', cookie);

  it('shows the poll with every date, its time and zone, and records the answers until it closes', async () => {
    const poll = await get(`/meetings/${meetingId}/poll`).expect(200);
    expect(poll.text).toContain('Опрос о датах: Одиннадцатое заседание');
    // The label never hides the date: both, in the reader's zone and the meeting's, each named.
    expect(poll.text).toContain('<legend>End of November</legend>');
    expect(poll.text).toContain(
      '<strong>четверг, 27 ноября 2031 г. в 15:00 (Asia/Bishkek (UTC+6)) – четверг, 27 ноября 2031 г. в 22:00 (Asia/Bishkek (UTC+6))</strong>',
    );
    expect(poll.text).toContain('(Europe/Brussels (UTC+1)), по месту проведения');
    expect(poll.text).toContain('Опрос закрывается');
    await suite.t.anonymous
      .post(`/meetings/${meetingId}/poll/mine`)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ csrf: session.csrf, [`option.${optionId}`]: 'yes' })
      .expect(303)
      .expect('Location', `/meetings/${meetingId}/poll?done=poll`);
    const matrix = (await suite.t.admin.get(`/api/meetings/${meetingId}/poll`).expect(200)).body;
    expect(matrix.participants.find((p: { memberId: string }) => p.memberId === member.id).answers[optionId]).toBe(
      'yes',
    );
    const refused = await suite.t.anonymous
      .post(`/meetings/${meetingId}/poll/mine`)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ csrf: session.csrf, [`option.${optionId}`]: 'perhaps' })
      .expect(400);
    expect(refused.text).toContain('field-error');

    // No date yet: the meeting page and /me offer the poll, not attend or decline, and an answer posted anyway is refused.
    for (const path of [`/meetings/${meetingId}`, '/me']) {
      const dateless = await get(path).expect(200);
      expect(dateless.text).toContain('Дата ещё не определена. Укажите в опросе о датах');
      expect(dateless.text).toContain(`href="/meetings/${meetingId}/poll"`);
      expect(dateless.text).not.toContain(`action="/meetings/${meetingId}/my-answer"`);
      expect(dateless.text).not.toContain(`action="/me/meetings/${meetingId}/answer"`);
    }
    const early = await suite.t.anonymous
      .post(`/meetings/${meetingId}/my-answer`)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ csrf: session.csrf, response: 'accepted' })
      .expect(409);
    expect(early.text).toContain('Ответ: у заседания ещё нет даты');
    expect((await suite.t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body).toContainEqual(
      expect.objectContaining({ memberId: member.id, response: 'pending' }),
    );
  });

  it('shows a meeting with its times in both zones, its place with a map, the answer form, and never emails', async () => {
    await suite.t.admin
      .patch(`/api/meetings/${meetingId}`)
      .send({
        location: { venue: 'Berlaymont', city: 'Brussels', countryCode: 'BE' },
        onlineUrl: 'https://meet.example.org/11',
      })
      .expect(200);
    await suite.t.admin.post(`/api/meetings/${meetingId}/confirm`).send({ dateOptionId: optionId }).expect(200);
    await suite.t.admin
      .put(`/api/meetings/${meetingId}/invitations/${colleague.id}`)
      .send({ response: 'accepted' })
      .expect(200);
    const page = await get(`/meetings/${meetingId}`).expect(200);
    expect(page.text).toContain('<h1>Одиннадцатое заседание</h1>');
    // Their "yes" in the poll for the date confirmed is their answer.
    expect(page.text).toContain('Ваш ответ: Буду участвовать');
    expect(page.text).toContain('Начало');
    expect(page.text).toContain('(Asia/Bishkek (UTC+6))');
    expect(page.text).toContain('(Europe/Brussels (UTC+1)), по месту проведения');
    expect(page.text).toContain('https://www.openstreetmap.org/search?query&#x3D;Berlaymont%2C%20Brussels%2C%20BE');
    expect(page.text).toContain('https://meet.example.org/11');
    expect(page.text).toContain(`action="/meetings/${meetingId}/my-answer"`);
    expect(page.text).toContain(`/meetings/${meetingId}/calendar.ics`);
    // The colleague who comes is named, their address never shown; no secretariat form or menu.
    expect(page.text).toContain('Айгерим Нурланова');
    expect(page.text).not.toContain('secret-colleague@example.org');
    expect(page.text).not.toMatch(/action="\/meetings\/[^"]+\/(invite|answers|attendance|minutes|agenda|edit|cancel)/);
    expect(page.text).not.toContain('href="/outbox"');

    await suite.t.anonymous
      .post(`/meetings/${meetingId}/my-answer`)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ csrf: session.csrf, response: 'accepted' })
      .expect(303);
    expect((await get(`/meetings/${meetingId}?done=answer`).expect(200)).text).toContain('Ваш ответ: Буду участвовать');

    const ics = await get(`/meetings/${meetingId}/calendar.ics`).expect(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.text).toContain('BEGIN:VEVENT');
  });

  it('keeps the secretariat pages, other members’ records and meetings outside their bodies from a member', async () => {
    for (const path of [`/meetings/${meetingId}/edit`, '/outbox', '/members', `/members/${colleague.id}`, '/meetings'])
      expect((await get(path).expect(403)).text).toContain('предназначена для секретариата');
    const hidden = await createMeeting(suite.t, {
      bodyId: (await createBody(suite.t, { name: { en: 'Other' } })).id,
      kind: 'technical',
      title: { en: 'Not yours' },
      timeZone: 'UTC',
    });
    for (const path of [`/meetings/${hidden}`, `/meetings/${hidden}/poll`, `/meetings/${hidden}/calendar.ics`]) {
      const page = await get(path).expect(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).not.toContain('Not yours');
    }
  });

  it('answers an email link that no longer applies with a page saying so in the reader’s language', async () => {
    smtp.clear();
    const other = await createMeeting(suite.t, {
      bodyId,
      kind: 'technical',
      title: TITLE,
      timeZone: 'Asia/Almaty',
      startsAt: '2031-12-10T10:00:00+05:00',
    });
    await suite.t.admin
      .post(`/api/meetings/${other}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    await waitFor(() => smtp.to(member.email).length === 1, { what: 'the invitation' });
    const accept = /(http:\/\/127\.0\.0\.1:39712\/a\/[A-Za-z0-9_.-]+)/.exec(
      smtp.to(member.email)[0].parsed.text ?? '',
    )![1];
    await suite.t.admin.post(`/api/meetings/${other}/cancel`).send({ reason: 'COP' }).expect(200);
    const stale = await suite.t.anonymous.get(new URL(accept).pathname).expect(409);
    expect(stale.headers['content-type']).toMatch(/^text\/html/);
    expect(stale.text).toContain('Ответить уже нельзя: заседание отменено');
    expect(stale.text).toContain(`href="/meetings/${other}"`);
    const cancelled = await get(`/meetings/${other}`).expect(200);
    expect(cancelled.text).toContain('Это заседание отменено');
    expect(cancelled.text).toContain('Причина: COP');
    expect(cancelled.text).not.toContain('my-answer');

    // A poll whose closing time has passed: its answer links and its page say it is closed.
    const polled = await createMeeting(suite.t, { bodyId, kind: 'technical', title: TITLE, timeZone: 'UTC' });
    await suite.t.admin
      .post(`/api/meetings/${polled}/date-options`)
      .send({ startsAt: '2031-11-01T10:00:00Z' })
      .expect(201);
    smtp.clear();
    await suite.t.admin
      .post(`/api/meetings/${polled}/poll`)
      .send({ memberIds: [member.id] })
      .expect(200);
    await waitFor(() => smtp.to(member.email).length === 1, { what: 'the poll' });
    const yes = /(http:\/\/127\.0\.0\.1:39712\/a\/[A-Za-z0-9_.-]+)/.exec(
      smtp.to(member.email)[0].parsed.text ?? '',
    )![1];
    await suite.t.dataSource.query(`UPDATE meeting SET poll_closes_at = now() - interval '1 hour' WHERE id = $1`, [
      polled,
    ]);
    expect((await suite.t.anonymous.get(new URL(yes).pathname).expect(409)).text).toContain('опрос закрыт');
    const closed = await get(`/meetings/${polled}/poll`).expect(200);
    expect(closed.text).toContain('Этот опрос закрыт');
    expect(closed.text).not.toContain('poll/mine');
  });

  it('subscribes to the personal calendar from /me, and revokes it', async () => {
    const subscribed = await suite.t.anonymous
      .post('/me/calendar-feed')
      .set('Cookie', session.cookie)
      .type('form')
      .send({ csrf: session.csrf })
      .expect(200);
    const https = /value="(http:\/\/127\.0\.0\.1:39712\/calendar\/cal_[A-Za-z0-9_-]+\.ics)"/.exec(subscribed.text)![1];
    expect(subscribed.text).toContain(`href="${https.replace(/^http:/, 'webcal:')}"`);
    const path = new URL(https).pathname;
    expect((await suite.t.anonymous.get(path).expect(200)).text).toContain('Одиннадцатое заседание');
    const me = await get('/me').expect(200);
    expect(me.text).toContain('Отключить календарь');
    expect(me.text).toContain(`href="/meetings/${meetingId}"`);
    await suite.t.anonymous
      .post('/me/calendar-feed/revoke')
      .set('Cookie', session.cookie)
      .type('form')
      .send({ csrf: session.csrf })
      .expect(303);
    await suite.t.anonymous.get(path).expect(404);
  });

  it('answers an unknown page address with the site’s 404 page, and an unknown API address with JSON', async () => {
    const signedIn = await get('/no/such/page').expect(404);
    expect(signedIn.headers['content-type']).toMatch(/^text\/html/);
    expect(signedIn.text).toContain('По этому адресу ничего нет');
    expect(signedIn.text).toContain('href="/me"');
    const anonymous = await suite.t.anonymous.get('/nowhere').set('Accept-Language', 'kk').expect(404);
    expect(anonymous.text).toContain('Бұл мекенжайда ештеңе жоқ');
    const posted = await suite.t.anonymous.post('/nowhere').expect(404);
    expect(posted.headers['content-type']).toMatch(/^text\/html/);
    const api = await suite.t.anonymous.get('/api/nowhere').expect(404);
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    expect(api.body).toMatchObject({ statusCode: 404 });
  });
});
