import { addMembership, createBody, createMember } from '../support/factories';
import { pageSession } from '../support/page-app';
import { pdfText } from '../support/pdf-text';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { binaryBody } from '../support/binary-body';

/** A 1×1 PNG: the logo the secretariat uploads. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The body's letterhead, logo, signatory and contact person, set by the secretariat from the body's pages. */
describe('letter settings from the body pages', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let bodyId: string;
  let meetingId: string;
  let invitee: { id: string; email: string };
  let secretariat: { cookie: string; csrf: string };
  let member: { cookie: string; csrf: string };

  const form = () => `/bodies/${bodyId}/letters`;
  const post = (session: { cookie: string; csrf: string }) =>
    t.anonymous.post(form()).set('Cookie', session.cookie).field('csrf', session.csrf);

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test' });
    bodyId = (await createBody(t)).id;
    const clerk = await createMember(t, { email: 'clerk@example.org', language: 'ru' });
    await addMembership(t, bodyId, { memberId: clerk.id, role: 'secretariat', startDate: '2020-01-01' });
    invitee = await createMember(t, { fullName: 'Erik Lund', email: 'erik@example.org', language: 'en' });
    await addMembership(t, bodyId, { memberId: invitee.id, startDate: '2020-01-01' });
    meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId,
          kind: 'working_group',
          number: 4,
          title: { en: 'Fourth meeting', ru: 'Четвёртое заседание', kk: 'Төртінші отырыс' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-10-20T10:00:00+05:00',
          endsAt: '2031-10-20T17:00:00+05:00',
          status: 'scheduled',
        })
        .expect(201)
    ).body.id;
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [invitee.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length >= 1, { what: 'the invitation' });
    secretariat = await pageSession(t, smtp, 'clerk@example.org');
    member = await pageSession(t, smtp, invitee.email);
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('saves the letterhead, a PNG logo and the signatory, which the API and the invitation letter then carry', async () => {
    const body = (await t.anonymous.get(`/bodies/${bodyId}`).set('Cookie', secretariat.cookie).expect(200)).text;
    expect(body).toContain(`href="/bodies/${bodyId}/letters"`);
    const page = (await t.anonymous.get(form()).set('Cookie', secretariat.cookie).expect(200)).text;
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toContain('name="logo"');
    expect(page).not.toContain(`src="/bodies/${bodyId}/letters/logo"`);

    const saved = await post(secretariat)
      .field('letterheadName.en', 'Water Group Secretariat')
      .field('letterheadName.ru', 'Секретариат водной группы')
      .field('signatoryName.en', 'Maria Ostrova')
      .field('signatoryTitle.en', 'Head of Secretariat')
      .field('contactName', 'Dana Sadykova')
      .field('contactEmail', 'dana@example.org')
      .attach('logo', PNG, { filename: 'logo.png', contentType: 'image/png' })
      .expect(303);
    expect(saved.headers.location).toBe(`/bodies/${bodyId}/letters?saved=1`);

    const stored = (await t.admin.get(`/api/bodies/${bodyId}/letter-settings`).expect(200)).body;
    expect(stored).toMatchObject({
      letterheadName: { en: 'Water Group Secretariat', ru: 'Секретариат водной группы' },
      hasLogo: true,
      signatoryName: { en: 'Maria Ostrova' },
      signatoryTitle: { en: 'Head of Secretariat' },
      hasSignature: false,
      contactName: 'Dana Sadykova',
      contactEmail: 'dana@example.org',
      contactPhone: null,
    });
    const again = (await t.anonymous.get(saved.headers.location).set('Cookie', secretariat.cookie).expect(200)).text;
    expect(again).toContain('Настройки писем сохранены.');
    expect(again).toContain(`src="/bodies/${bodyId}/letters/logo"`);
    expect(again).toContain('value="Maria Ostrova"');
    const preview = await t.anonymous
      .get(`/bodies/${bodyId}/letters/logo`)
      .set('Cookie', secretariat.cookie)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(preview.headers['content-type']).toContain('image/png');
    expect(Buffer.compare(preview.body as Buffer, PNG)).toBe(0);
    await t.anonymous.get(`/bodies/${bodyId}/letters/signature`).set('Cookie', secretariat.cookie).expect(404);

    const letter = await t.admin
      .get(`/api/meetings/${meetingId}/letters/${invitee.id}`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = await pdfText(letter.body as Buffer);
    expect(text).toContain('Water Group Secretariat');
    expect(text).toContain('Maria Ostrova');
    expect(text).toContain('Head of Secretariat');
    expect(text).toContain('Dana Sadykova');

    // Ticking "remove" drops the logo; the texts not sent stay as they were.
    await post(secretariat).field('logo.remove', 'on').expect(303);
    const removed = (await t.admin.get(`/api/bodies/${bodyId}/letter-settings`).expect(200)).body;
    expect(removed).toMatchObject({ hasLogo: false, letterheadName: { en: 'Water Group Secretariat' } });
  });

  it('clears the letterhead and the signatory when their boxes are emptied in all three languages', async () => {
    await t.admin
      .put(`/api/bodies/${bodyId}/letter-settings`)
      .send({
        letterheadName: { en: 'Old Letterhead', ru: 'Старый бланк', kk: 'Ескі бланк' },
        signatoryName: { en: 'Old Signatory', ru: 'Старый подписант' },
        signatoryTitle: { en: 'Old Title' },
      })
      .expect(200);
    let emptied = post(secretariat);
    for (const field of ['letterheadName', 'signatoryName', 'signatoryTitle'])
      for (const language of ['en', 'ru', 'kk']) emptied = emptied.field(`${field}.${language}`, '');
    await emptied.field('contactName', 'Dana Sadykova').expect(303);

    const stored = (await t.admin.get(`/api/bodies/${bodyId}/letter-settings`).expect(200)).body;
    expect(stored).toMatchObject({ letterheadName: {}, signatoryName: {}, signatoryTitle: {} });
    const page = (await t.anonymous.get(form()).set('Cookie', secretariat.cookie).expect(200)).text;
    expect(page).not.toContain('Old Letterhead');
    expect(page).not.toContain('Old Signatory');
    const letter = await t.admin
      .get(`/api/meetings/${meetingId}/letters/${invitee.id}`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = await pdfText(letter.body as Buffer);
    expect(text).not.toContain('Old Letterhead');
    expect(text).not.toContain('Old Signatory');
    expect(text).not.toContain('Old Title');

    // The API clears a text with null, and still refuses an empty object.
    await t.admin
      .put(`/api/bodies/${bodyId}/letter-settings`)
      .send({ signatoryName: { en: 'New Signatory' } })
      .expect(200);
    const cleared = await t.admin
      .put(`/api/bodies/${bodyId}/letter-settings`)
      .send({ signatoryName: null })
      .expect(200);
    expect(cleared.body.signatoryName).toEqual({});
    await t.admin.put(`/api/bodies/${bodyId}/letter-settings`).send({ signatoryName: {} }).expect(400);
  });

  it('refuses a logo that is not an image, naming the field in Russian, and keeps what was typed', async () => {
    await t.admin
      .put(`/api/bodies/${bodyId}/letter-settings`)
      .send({ logo: { type: 'image/png', data: PNG.toString('base64') } })
      .expect(200);
    const refused = await post(secretariat)
      .field('signatoryName.ru', 'Мария Острова')
      .attach('logo', Buffer.from('%PDF-1.4 not an image'), { filename: 'logo.png', contentType: 'image/png' })
      .expect(400);
    expect(refused.text).toContain('Логотип: должно быть изображением PNG или JPEG');
    expect(refused.text).toContain('value="Мария Острова"');
    const stored = (await t.admin.get(`/api/bodies/${bodyId}/letter-settings`).expect(200)).body;
    expect(stored.hasLogo).toBe(true);
    expect(stored.signatoryName.ru).toBeUndefined();
  });

  it('refuses a logo larger than 512 KiB with the limit named', async () => {
    const large = Buffer.concat([PNG, Buffer.alloc(513 * 1024)]);
    const refused = await post(secretariat)
      .attach('logo', large, { filename: 'big.png', contentType: 'image/png' })
      .expect(400);
    expect(refused.text).toContain('Логотип: должно быть не больше 512 КиБ');
  });

  it('refuses a form without the page token', async () => {
    await t.anonymous
      .post(form())
      .set('Cookie', secretariat.cookie)
      .field('csrf', 'wrong')
      .field('contactName', 'Someone Else')
      .expect(403);
    const stored = (await t.admin.get(`/api/bodies/${bodyId}/letter-settings`).expect(200)).body;
    expect(stored.contactName).not.toBe('Someone Else');
  });

  it('keeps the page, the images and the form from a member', async () => {
    expect((await t.anonymous.get(form()).set('Cookie', member.cookie)).status).toBe(403);
    expect((await t.anonymous.get(`${form()}/logo`).set('Cookie', member.cookie)).status).toBe(403);
    expect((await post(member).field('contactName', 'Erik Lund')).status).toBe(403);
    const page = (await t.anonymous.get(`/bodies/${bodyId}`).set('Cookie', member.cookie)).status;
    expect(page).toBe(403);
  });

  it('answers an unknown body with 404', async () => {
    await t.anonymous
      .get('/bodies/00000000-0000-4000-8000-000000000000/letters')
      .set('Cookie', secretariat.cookie)
      .expect(404);
  });
});
