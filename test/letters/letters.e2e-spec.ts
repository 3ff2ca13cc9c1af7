import { PassportErasureJob } from '../../src/letters/passport-erasure.job';
import { addMembership, createBody, createMember, createOrganization } from '../support/factories';
import { pdfFonts, pdfInfo, pdfText, zipEntriesText } from '../support/pdf-text';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { clientWithToken, startTestApp, TestApp } from '../support/test-app';
import { binaryBody } from '../support/binary-body';

/** A 1×1 PNG: the signature image a body may store. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** Every Kazakh letter (ә ғ қ ң ө ұ ү һ і), lower and some upper case. */
const KAZAKH_NAME = 'Әсемгүл Тоғжан Шаһизада Іңкәр Сұлтанбекқызы Төлеуі';

/**
 * Invitation and visa support letters: in the member's language with every Kazakh letter intact, fonts
 * embedded, A4, the meeting's local times with their zone; the passport details they need, checked and
 * erased after the meeting; the signed link of the invitation email; all letters as one PDF or a zip.
 */
describe('letters', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let kazakh: { id: string; email: string };
  let russian: { id: string; email: string };
  let outsider: { id: string };
  let meetingId: string;
  let bodyId: string;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test', PASSPORT_DATA_RETENTION_DAYS: '30' });
    bodyId = (await createBody(t)).id;
    const ministry = await createOrganization(t, {
      name: { en: 'Ministry of Ecology', ru: 'Министерство экологии', kk: 'Экология министрлігі' },
    });
    kazakh = await createMember(t, {
      fullName: KAZAKH_NAME,
      email: 'kazakh@example.org',
      countryCode: 'KZ',
      language: 'kk',
      position: 'Бас сарапшы',
      organization: ministry.id,
    });
    russian = await createMember(t, {
      fullName: 'Бакыт Исаев',
      email: 'ru@example.org',
      countryCode: 'KG',
      language: 'ru',
    });
    outsider = await createMember(t, { fullName: 'Not Invited', countryCode: 'UZ', language: 'en' });
    for (const member of [kazakh, russian]) await addMembership(t, bodyId, { memberId: member.id });
    await t.admin
      .put(`/api/bodies/${bodyId}/letter-settings`)
      .send({
        letterheadName: { en: 'WGECC Secretariat', ru: 'Секретариат РГОСИК', kk: 'Жұмыс тобының Хатшылығы' },
        signatoryName: { en: 'Anna Berg', ru: 'Анна Берг', kk: 'Анна Берг' },
        signatoryTitle: { en: 'Team Leader', ru: 'Руководитель группы', kk: 'Топ жетекшісі' },
        signature: { type: 'image/png', data: PNG },
        contactName: 'Dana Sadykova',
        contactEmail: 'secretariat@example.org',
        contactPhone: '+7 727 000 00 00',
      })
      .expect(200);
    meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId,
          kind: 'working_group',
          number: 9,
          title: { en: 'WGECC meeting', ru: 'Заседание РГОСИК', kk: 'Жұмыс тобының отырысы' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-12-01T10:00:00+05:00',
          endsAt: '2031-12-02T17:30:00+05:00',
          location: { venue: 'Rixos', city: 'Almaty', countryCode: 'KZ' },
          onlineUrl: 'https://meet.example.org/wgecc-9',
          status: 'scheduled',
        })
        .expect(201)
    ).body.id;
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [kazakh.id, russian.id] })
      .expect(200);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const letter = (memberId: string, query = '') =>
    t.admin.get(`/api/meetings/${meetingId}/letters/${memberId}${query}`).buffer(true).parse(binaryBody);

  it("writes the invitation letter in the member's language, every Kazakh letter intact, fonts embedded, on A4", async () => {
    await t.admin
      .put(`/api/meetings/${meetingId}/letters/${kazakh.id}/coverage`)
      .send({ travelCovered: true, accommodationCovered: true })
      .expect(200);
    const res = await letter(kazakh.id).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    const text = await pdfText(pdf);
    expect(text).toContain(KAZAKH_NAME);
    expect(text).toContain('Бас сарапшы');
    expect(text).toContain('Экология министрлігі');
    expect(text).toContain('Қазақстан');
    expect(text).toContain('Жұмыс тобының Хатшылығы');
    expect(text).toContain('Шақыру хат');
    expect(text).toContain('Құрметті');
    expect(text).toContain('Сізді');
    expect(text).toContain('Жұмыс тобының отырысы (№ 9 отырыс)');
    expect(text).toContain('Ұйымдастырушылар Сіздің жол жүруіңізді және тұруыңызды төлейді.');
    expect(text).toContain('https://meet.example.org/wgecc-9');
    expect(text).toContain('Dana Sadykova');
    expect(text).toContain('Топ жетекшісі');
    // 10:00 in Almaty (UTC+5), named with its zone, whatever the server's own zone.
    expect(text).toMatch(/10:00/);
    expect(text).toMatch(/17:30/);
    expect(text).toContain('Asia/Almaty (UTC+5)');
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((font) => font.embedded)).toBe(true);
    const info = await pdfInfo(pdf);
    expect(info.pageSize).toContain('A4');
  });

  it('writes it in another language on request, with its own wording', async () => {
    const text = await pdfText((await letter(kazakh.id, '?language=ru').expect(200)).body as Buffer);
    expect(text).toContain('Письмо-приглашение');
    expect(text).toContain(`Уважаемый(-ая) ${KAZAKH_NAME}!`);
    expect(text).toContain('Имеем честь пригласить Вас');
    expect(text).toContain('Министерство экологии');
    const english = await pdfText((await letter(russian.id, '?language=en').expect(200)).body as Buffer);
    expect(english).toContain('Travel and accommodation costs are borne by the sending party.');
    expect(english).toContain('Kyrgyzstan');
    await letter(russian.id, '?language=de').expect(400);
  });

  it('refuses a letter for someone not invited (404) and a member reading another member’s letter (403)', async () => {
    await letter(outsider.id).expect(404);
    const token = (
      await t.admin.post('/api/tokens').send({ name: 'kazakh', role: 'member', memberId: kazakh.id }).expect(201)
    ).body.token as string;
    const member = clientWithToken(t, token);
    await member.get(`/api/meetings/${meetingId}/letters/${kazakh.id}`).expect(200);
    await member.get(`/api/meetings/${meetingId}/letters/${russian.id}`).expect(403);
    await member.get(`/api/meetings/${meetingId}/passports/${russian.id}`).expect(403);
  });

  it('refuses a visa letter without passport details, naming the missing fields in the reader’s language', async () => {
    const res = await t.admin
      .get(`/api/meetings/${meetingId}/letters/${russian.id}?kind=visa`)
      .set('Accept-Language', 'ru')
      .expect(400);
    const problems = res.body.message as { field: string; message: string }[];
    expect(problems.map((p) => p.field)).toEqual([
      'nameInPassport',
      'nationality',
      'passportNumber',
      'arrivalDate',
      'departureDate',
    ]);
    expect(problems[0].message).toBe('необходимо для письма визовой поддержки');
  });

  it('refuses a passport number with control characters or over 20 characters', async () => {
    const bad = async (passportNumber: string, language: string) =>
      (
        await t.admin
          .put(`/api/meetings/${meetingId}/passports/${russian.id}`)
          .set('Accept-Language', language)
          .send({ passportNumber })
          .expect(400)
      ).body.message as { field: string; message: string }[];
    expect(await bad('AB\u0007123', 'kk')).toEqual([
      { field: 'passportNumber', message: 'басқару таңбаларынан тұрмауы керек' },
    ]);
    expect(await bad('A'.repeat(21), 'en')).toEqual([
      { field: 'passportNumber', message: 'must be at most 20 characters long' },
    ]);
  });

  it('names the passport holder in the visa letter; the member gives the details, others never see them', async () => {
    const token = (
      await t.admin.post('/api/tokens').send({ name: 'ru', role: 'member', memberId: russian.id }).expect(201)
    ).body.token as string;
    const member = clientWithToken(t, token);
    await member
      .put(`/api/meetings/${meetingId}/passports/${russian.id}`)
      .send({
        nameInPassport: 'ISAEV BAKYT',
        nationality: 'Kyrgyz Republic',
        passportNumber: 'AC1234567',
        arrivalDate: '2031-11-30',
        departureDate: '2031-12-03',
      })
      .expect(200);
    const text = await pdfText(
      (
        await t.admin
          .get(`/api/meetings/${meetingId}/letters/${russian.id}?kind=visa`)
          .buffer(true)
          .parse(binaryBody)
          .expect(200)
      ).body as Buffer,
    );
    expect(text).toContain('Письмо-приглашение (визовая поддержка)');
    expect(text).toContain('ISAEV BAKYT');
    expect(text).toContain('Kyrgyz Republic');
    expect(text).toContain('AC1234567');
    expect(text).toContain('30 ноября 2031');
    expect(text).toContain('3 декабря 2031');
    const participants = await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200);
    expect(JSON.stringify(participants.body)).not.toContain('AC1234567');
    const audit = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry a WHERE a::text LIKE '%AC1234567%'`,
    );
    expect(audit[0].n).toBe(0);
  });

  it('downloads the letter from the invitation email’s signed link, without a session', async () => {
    await waitFor(() => smtp.to(kazakh.email).length >= 1, { what: 'the invitation' });
    const mail = smtp.to(kazakh.email)[0];
    const url = /href="(http:\/\/wg\.test\/letters\/[^"]+)"/.exec(String(mail.parsed.html))?.[1];
    expect(url).toBeDefined();
    expect(mail.parsed.text).toContain('Шақыру хатыңызды жүктеп алу (PDF)');
    const res = await t.anonymous.get(url!.replace('http://wg.test', '')).buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await pdfText(res.body as Buffer)).toContain(KAZAKH_NAME);
    await t.anonymous.get('/letters/not-a-token').expect(400);
  });

  it('gives every letter as one merged PDF and as a zip', async () => {
    const merged = await t.admin
      .get(`/api/meetings/${meetingId}/letters?format=pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = await pdfText(merged.body as Buffer);
    expect(text).toContain(KAZAKH_NAME);
    expect(text).toContain('Бакыт Исаев');
    expect((await pdfInfo(merged.body as Buffer)).pages).toBeGreaterThanOrEqual(2);
    const zip = await t.admin
      .get(`/api/meetings/${meetingId}/letters?format=zip`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const letters = await zipEntriesText(zip.body as Buffer);
    expect(letters.every(([name]) => /^invitation-letter-[A-Z]{2}-[A-Za-z0-9-]+\.pdf$/.test(name))).toBe(true);
    const texts = letters.map(([, text]) => text);
    expect(texts.some((text) => text.includes(KAZAKH_NAME))).toBe(true);
    expect(texts.some((text) => text.includes('Бакыт Исаев'))).toBe(true);
    expect(letters.length).toBeGreaterThanOrEqual(2);
    await t.admin
      .get('/api/meetings/00000000-0000-4000-8000-000000000000/letters?format=zip')
      .expect(404)
      .expect('Content-Type', /json/);
  });

  it('writes a letter for a substitute once named, and refuses a logo that is not the image it claims', async () => {
    const substitute = await createMember(t, { fullName: 'Ерлан Ахметов', countryCode: 'KG', language: 'ru' });
    await t.admin
      .put(`/api/meetings/${meetingId}/invitations/${russian.id}`)
      .send({ response: 'delegated', delegateMemberId: substitute.id })
      .expect(200);
    const text = await pdfText((await letter(substitute.id).expect(200)).body as Buffer);
    expect(text).toContain('Ерлан Ахметов');
    const merged = await pdfText(
      (await t.admin.get(`/api/meetings/${meetingId}/letters`).buffer(true).parse(binaryBody).expect(200))
        .body as Buffer,
    );
    expect(merged).toContain('Ерлан Ахметов');
    expect(merged).not.toContain('Бакыт Исаев');
    const refused = await t.admin
      .put(`/api/bodies/${bodyId}/letter-settings`)
      .set('Accept-Language', 'ru')
      .send({ logo: { type: 'image/png', data: Buffer.from('GIF89a not a png').toString('base64') } })
      .expect(400);
    expect(refused.body.message).toEqual([
      { field: 'logo', message: 'должно быть изображением PNG или JPEG указанного типа' },
    ]);
  });

  it('erases passport details once the retention after the meeting has passed', async () => {
    await t.admin
      .put(`/api/meetings/${meetingId}/passports/${kazakh.id}`)
      .send({ nameInPassport: 'SULTANBEKKYZY ASEMGUL', passportNumber: 'N0000001' })
      .expect(200);
    const job = t.app.get(PassportErasureJob);
    expect(await job.erase()).toEqual({ erased: 0 });
    await t.dataSource.query(
      `UPDATE meeting SET starts_at = now() - interval '32 days', ends_at = now() - interval '31 days' WHERE id = $1`,
      [meetingId],
    );
    // The Kazakh member's details and those the Kyrgyz member gave before sending a substitute.
    expect(await job.erase()).toEqual({ erased: 2 });
    const left = await t.admin.get(`/api/meetings/${meetingId}/passports/${kazakh.id}`).expect(200);
    expect(left.body).toEqual({
      nameInPassport: null,
      nationality: null,
      passportNumber: null,
      arrivalDate: null,
      departureDate: null,
    });
    const rows = await t.dataSource.query('SELECT count(*)::int AS n FROM passport_details');
    expect(rows[0].n).toBe(0);
  });
});
