import { A4, PAPER_MARGINS } from '../../src/papers/paper-layout';
import { SIGNATURE_ROW_HEIGHT } from '../../src/papers/paper-renderers';
import { createBody, createMember, createOrganization, meetingHasBegun } from '../support/factories';
import { pdfFonts, pdfInfo, pdfPages, pdfText } from '../support/pdf-text';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { clientWithToken, startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { binaryBody } from '../support/binary-body';

const KAZAKH_NAMES = ['Әсемгүл Ғалымқызы Өтеңұлы', 'Іңкәр Һидаятқызы Ұзақбаева'];

describe('formal papers of a meeting as PDFs', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let meetingId: string;
  const people: Record<string, { id: string; email: string }> = {};

  const pdf = async (url: string, client = t.admin, language?: string) => {
    const request = client.get(url);
    if (language) request.set('Accept-Language', language);
    const res = await request.buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return res.body as Buffer;
  };

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    const body = await createBody(t, { name: { en: 'Working Group', ru: 'Рабочая группа', kk: 'Жұмыс тобы' } });
    const ministry = await createOrganization(t, {
      name: { en: 'Ministry of Ecology', ru: 'Министерство экологии', kk: 'Экология министрлігі' },
      kind: 'ministry',
      countryCode: 'KZ',
    });
    const ebrd = await createOrganization(t, { name: { en: 'EBRD', ru: 'ЕБРР' }, kind: 'ifi', countryCode: 'GB' });
    const add = async (key: string, fields: Record<string, unknown>) => {
      people[key] = await createMember(t, { email: `${key}@example.org`, ...fields });
    };
    await add('kz1', { fullName: KAZAKH_NAMES[0], countryCode: 'KZ', language: 'kk', organization: ministry.id });
    await add('kz2', { fullName: KAZAKH_NAMES[1], countryCode: 'KZ', language: 'kk', position: 'Бөлім бастығы' });
    await add('uz', { fullName: 'Шерзод Каримов', countryCode: 'UZ', language: 'ru', timeZone: 'Asia/Tashkent' });
    await add('kg', { fullName: 'Бакыт Исаев', countryCode: 'KG', language: 'ru', timeZone: 'Asia/Bishkek' });
    await add('de', { fullName: 'Jonas Weber', countryCode: 'DE', language: 'en', timeZone: 'Europe/Berlin' });
    await add('eu', { fullName: 'Anna Schmidt', countryCode: 'EU', language: 'en', timeZone: 'Europe/Brussels' });
    await add('ebrd', { fullName: 'Oliver Grant', countryCode: 'GB', language: 'en', organization: ebrd.id });
    await add('declined', { fullName: 'Нурлан Отказов', countryCode: 'TJ', language: 'ru' });
    await add('stranger', { fullName: 'Never Invited', countryCode: 'FR', language: 'en' });

    meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          number: 9,
          title: {
            en: 'Ninth meeting of the WGECC',
            ru: 'Девятое заседание РГОСИК',
            kk: 'РГОСИК-тің тоғызыншы отырысы',
          },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-11-20T10:00:00+05:00',
          endsAt: '2031-11-21T17:00:00+05:00',
          location: { venue: 'CAREC', city: 'Almaty', countryCode: 'KZ' },
        })
        .expect(201)
    ).body.id;
    const invited = Object.keys(people).filter((key) => key !== 'stranger');
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: invited.map((key) => people[key].id) })
      .expect(200);
    await waitFor(() => smtp.messages.length >= invited.length, { what: 'the invitations' });
    await t.admin
      .put(`/api/meetings/${meetingId}/invitations/${people.declined.id}`)
      .send({ response: 'declined' })
      .expect(200);
    for (const key of ['kz1', 'kz2', 'kg', 'de', 'eu', 'ebrd'])
      await t.admin.put(`/api/meetings/${meetingId}/invitations/${people[key].id}`).send({ response: 'accepted' });
    await t.admin.post(`/api/meetings/${meetingId}/agenda`).send({ title: { en: 'Opening', ru: 'Открытие' } });
    await t.admin
      .post(`/api/meetings/${meetingId}/agenda`)
      .send({ title: { en: 'Work plan 2032', ru: 'Рабочий план на 2032 год' } });
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('prints the attendance sheet by country, Central Asia first, Kazakh names intact, A4 with fonts embedded', async () => {
    const sheet = await pdf(`/api/meetings/${meetingId}/attendance-sheet.pdf?language=kk`);
    const text = await pdfText(sheet);
    for (const name of KAZAKH_NAMES) expect(text).toContain(name);
    const letters = KAZAKH_NAMES.join(' ').toLowerCase();
    for (const letter of 'әғқңөұүһі') expect(letters).toContain(letter);
    expect(text).toContain('Қатысушыларды тіркеу парағы');
    expect(text).toContain('Экология министрлігі');
    // Those who declined are not expected; Central Asia, then EU member states, EU institutions, observers.
    expect(text).not.toContain('Нурлан Отказов');
    const order = ['Қазақстан', 'Қырғызстан', 'Өзбекстан', 'Германия', 'Еуропалық Одақтың институттары', 'ЕБРР'].map(
      (label) => text.indexOf(label, text.indexOf('Қолы')),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    expect((await pdfInfo(sheet)).pageSize).toBe('595.28 x 841.89 pts (A4)');
    const fonts = await pdfFonts(sheet);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((font) => font.embedded)).toBe(true);
  });

  it("states the meeting's dates and times in its own zone, named, in each language", async () => {
    const en = await pdfText(await pdf(`/api/meetings/${meetingId}/attendance-sheet.pdf?language=en`));
    expect(en).toContain(
      'Thursday, 20 November 2031 at 10:00 to Friday, 21 November 2031 at 17:00 (Asia/Almaty (UTC+5))',
    );
    expect(en).toContain('9th meeting of the Working Group (WGECC)');
    expect(en).toContain('CAREC, Almaty, Kazakhstan');
    const ru = await pdfText(await pdf(`/api/meetings/${meetingId}/attendance-sheet.pdf`, t.admin, 'ru'));
    expect(ru).toMatch(/с четверг, 20 ноября 2031 г\.,? (в )?10:00 по пятница, 21 ноября 2031 г\.,? (в )?17:00/);
    expect(ru).toContain('(Asia/Almaty (UTC+5))');
  });

  it('refuses the list of participants until attendance is recorded, then lists those present', async () => {
    await t.admin.get(`/api/meetings/${meetingId}/participants.pdf?language=ru`).expect(409);
    const restore = await meetingHasBegun(t, meetingId);
    await t.admin
      .put(`/api/meetings/${meetingId}/attendance`)
      .send({
        records: [
          { memberId: people.kz1.id, attended: true },
          { memberId: people.kz2.id, attended: true },
          { memberId: people.kg.id, attended: true },
          { memberId: people.eu.id, attended: true },
          { memberId: people.de.id, attended: false },
        ],
      })
      .expect(200);
    await restore();
    for (const [language, title, count] of [
      ['en', 'List of participants', '4 participants attended.'],
      ['ru', 'Список участников', 'Присутствовали 4 участника.'],
      ['kk', 'Қатысушылар тізімі', '4 қатысушы қатысты.'],
    ]) {
      const text = await pdfText(await pdf(`/api/meetings/${meetingId}/participants.pdf?language=${language}`));
      expect(text).toContain(title);
      expect(text).toContain(count);
      for (const name of [...KAZAKH_NAMES, 'Бакыт Исаев', 'Anna Schmidt']) expect(text).toContain(name);
      expect(text).not.toContain('Jonas Weber');
      expect(text).not.toContain('Шерзод Каримов');
    }
    await t.admin.get(`/api/meetings/${meetingId}/participants.pdf?language=de`).expect(400);
  });

  it('prints the minutes in each language they exist in: agenda, attendance, decisions in order, action items', async () => {
    const wecoop = await createOrganization(t, { name: { en: 'WECOOP 3' }, kind: 'project', countryCode: 'EU' });
    const decisions = Array.from({ length: 12 }, (_, i) => ({
      text: `Decision text number ${i + 1}.`,
      translations: { ru: { text: `Текст решения номер ${i + 1}.` } },
      actionItems:
        i === 1
          ? [
              {
                activity: 'Prepare the draft work plan',
                deadline: 'Конец ноября или начало декабря 2032',
                executor: wecoop.id,
              },
            ]
          : [],
    }));
    await t.admin.get(`/api/meetings/${meetingId}/minutes.pdf`).expect(404);
    await t.admin
      .put(`/api/meetings/${meetingId}/minutes`)
      .send({
        text: 'The meeting opened at 10:00.',
        originalLanguage: 'en',
        translations: { ru: { text: 'Заседание открылось в 10:00.' } },
        decisions,
      })
      .expect(200);

    const en = await pdfText(await pdf(`/api/meetings/${meetingId}/minutes.pdf`));
    expect(en).toContain('Minutes');
    expect(en).toContain('Draft: not yet approved.');
    expect(en).toContain('1. Opening 2. Work plan 2032');
    expect(en).toMatch(/Kazakhstan 2 Kyrgyzstan 1 Institutions of the European Union 1 Total 4/);
    const labels = [...en.matchAll(/Decision (9\/\d+)/g)].map((m) => m[1]);
    expect(labels).toEqual(Array.from({ length: 12 }, (_, i) => `9/${i + 1}`));
    for (let i = 1; i <= 12; i++)
      expect(en.indexOf(`Decision text number ${i}.`)).toBeGreaterThan(en.indexOf(`Decision 9/${i}`));
    expect(en).toContain('Prepare the draft work plan WECOOP 3 Конец ноября или начало декабря 2032');

    const ru = await pdfText(await pdf(`/api/meetings/${meetingId}/minutes.pdf?language=ru`));
    expect(ru).toContain('Протокол');
    expect(ru).toContain('Заседание открылось в 10:00.');
    expect(ru).toContain('Решение 9/12 Текст решения номер 12.');
    expect(ru).toContain('Казахстан 2');

    const missing = await t.admin.get(`/api/meetings/${meetingId}/minutes.pdf?language=kk`).expect(404);
    expect(JSON.stringify(missing.body)).toContain('language');
  });

  it('issues a certificate to an attendee only: their own for a member, anyone present for the secretariat', async () => {
    const token = async (key: string) =>
      (await t.admin.post('/api/tokens').send({ name: key, role: 'member', memberId: people[key].id }).expect(201)).body
        .token as string;
    const kz1 = clientWithToken(t, await token('kz1'));
    const certificate = await pdfText(await pdf(`/api/meetings/${meetingId}/certificates/${people.kz1.id}.pdf`, kz1));
    expect(certificate).toContain('Қатысу туралы сертификат');
    expect(certificate).toContain(KAZAKH_NAMES[0]);
    expect(certificate).toContain('Жұмыс тобының 9-отырысы');
    const english = await pdfText(
      await pdf(`/api/meetings/${meetingId}/certificates/${people.kz1.id}.pdf?language=en`),
    );
    expect(english).toContain('This is to certify that');
    expect(english).toContain('Ministry of Ecology');

    // Someone else's certificate, one for a participant not recorded present, one for a stranger: none exists.
    await kz1.get(`/api/meetings/${meetingId}/certificates/${people.kz2.id}.pdf`).expect(404);
    const de = clientWithToken(t, await token('de'));
    await de.get(`/api/meetings/${meetingId}/certificates/${people.de.id}.pdf`).expect(404);
    await t.admin.get(`/api/meetings/${meetingId}/certificates/${people.de.id}.pdf`).expect(404);
    await t.admin.get(`/api/meetings/${meetingId}/certificates/${people.stranger.id}.pdf`).expect(404);
    const stranger = clientWithToken(t, await token('stranger'));
    await stranger.get(`/api/meetings/${meetingId}/certificates/${people.stranger.id}.pdf`).expect(404);
    // A member does not print the secretariat's papers.
    await kz1.get(`/api/meetings/${meetingId}/attendance-sheet.pdf`).expect(403);
    await t.admin.get(`/api/meetings/${meetingId}/certificates/not-a-uuid.pdf`).expect(400);
  });

  it('spreads a 500-participant attendance sheet over the pages its rows need, headers on each', async () => {
    const big = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: (await t.dataSource.query('SELECT body_id FROM meeting WHERE id = $1', [meetingId]))[0].body_id,
          kind: 'workshop',
          title: { en: 'Regional workshop' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-12-02T09:00:00+05:00',
        })
        .expect(201)
    ).body.id as string;
    await t.dataSource.query(
      `WITH made AS (
         INSERT INTO member (full_name, email, country_code, language, time_zone)
         SELECT 'Participant ' || lpad(n::text, 3, '0'), 'p' || n || '@big.example.org', 'KZ', 'en', 'Asia/Almaty'
           FROM generate_series(1, 500) n RETURNING id)
       INSERT INTO invitation (meeting_id, member_id, invited_at) SELECT $1, id, now() FROM made`,
      [big],
    );
    const sheet = await pdf(`/api/meetings/${big}/attendance-sheet.pdf?language=en`);
    const pages = await pdfPages(sheet);
    const rowsOn = (page: string) => page.split('\n').filter((line) => /^\s*\d+\s+Participant \d{3}/.test(line)).length;
    // Every later page holds its repeated table header and as many signature rows as fit under it.
    const body = A4.height - PAPER_MARGINS.top - PAPER_MARGINS.bottom;
    const perPage = Math.floor((body - SIGNATURE_ROW_HEIGHT) / SIGNATURE_ROW_HEIGHT);
    const first = rowsOn(pages[0]);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(perPage);
    const expected = 1 + Math.ceil((500 - first) / perPage);
    expect((await pdfInfo(sheet)).pages).toBe(expected);
    expect(pages).toHaveLength(expected);
    pages.forEach((page, i) => {
      expect(page).toContain('Working Group — Regional workshop');
      expect(page).toContain('Signature');
      expect(page).toContain(`Page ${i + 1} of ${expected}`);
      if (i > 0 && i < expected - 1) expect(rowsOn(page)).toBe(perPage);
    });
    expect(pages.reduce((sum, page) => sum + rowsOn(page), 0)).toBe(500);
  }, 60_000);
});
