import { addMembership, createBody, createMember } from '../support/factories';
import { pageSession } from '../support/page-app';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/** Texts the secretariat writes reach each reader in their language, else Russian before English for Kazakh readers. */
describe('texts the secretariat writes, in the reader’s language', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let body: { id: string };
  let kk: { id: string; email: string };
  let ru: { id: string; email: string };
  let en: { id: string; email: string };
  let secretary: { id: string; email: string };

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    body = await createBody(t, { timeZone: 'Asia/Almaty' });
    kk = await createMember(t, { fullName: 'Айгерим Садыкова', email: 'kk-reader@example.org', language: 'kk' });
    ru = await createMember(t, { fullName: 'Бакыт Исаев', email: 'ru-reader@example.org', language: 'ru' });
    en = await createMember(t, { fullName: 'Anna Schmidt', email: 'en-reader@example.org', language: 'en' });
    secretary = await createMember(t, { fullName: 'Дана Серікова', email: 'kk-secretary@example.org', language: 'kk' });
    await addMembership(t, body.id, { memberId: secretary.id, role: 'secretariat', startDate: '2018-01-01' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('invites a Kazakh reader with the Russian title, description and place, an English reader with the English', async () => {
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          title: { en: '10th meeting of the WGECC', ru: '10-е заседание РГОСИК' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-03-03T10:00:00+05:00',
          location: { venue: 'Hotel Kazakhstan', city: 'Almaty', countryCode: 'KZ' },
          description: 'The draft work plan is attached.',
          originalLanguage: 'en',
          translations: { ru: { description: 'Проект рабочего плана прилагается.', venue: 'Гостиница «Казахстан»' } },
        })
        .expect(201)
    ).body;
    expect(meeting).toMatchObject({
      description: 'The draft work plan is attached.',
      originalLanguage: 'en',
      translations: { ru: { description: 'Проект рабочего плана прилагается.', venue: 'Гостиница «Казахстан»' } },
    });

    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [kk.id, ru.id, en.id] })
      .expect(200);
    await waitFor(() => smtp.messages.length >= 3, { what: 'three invitations' });
    const text = (email: string) => smtp.to(email)[0].parsed.text ?? '';

    for (const reader of [kk.email, ru.email]) {
      expect(smtp.to(reader)[0].subject).toContain('10-е заседание РГОСИК');
      expect(text(reader)).toContain('10-е заседание РГОСИК');
      expect(text(reader)).toContain('Гостиница «Казахстан», Almaty, KZ');
      expect(text(reader)).toContain('Проект рабочего плана прилагается.');
      expect(text(reader)).not.toContain('10th meeting');
      expect(smtp.to(reader)[0].calendar).toContain('10-е заседание РГОСИК');
    }
    expect(smtp.to(en.email)[0].subject).toContain('10th meeting of the WGECC');
    expect(text(en.email)).toContain('Hotel Kazakhstan, Almaty, KZ');
    expect(text(en.email)).toContain('The draft work plan is attached.');
    expect(text(en.email)).not.toContain('Гостиница');

    // The Kazakh reader's own page shows the meeting in Russian too.
    const { cookie } = await pageSession(t, smtp, kk.email);
    const me = await t.anonymous.get('/me').set('Cookie', cookie).expect(200);
    expect(me.text).toContain('10-е заседание РГОСИК');
    expect(me.text).not.toContain('10th meeting');

    // The meeting page of a Kazakh-speaking secretary: Russian where Kazakh is missing, then Kazakh once given.
    const secretariat = await pageSession(t, smtp, secretary.email);
    const page = async () =>
      (await t.anonymous.get(`/meetings/${meeting.id}`).set('Cookie', secretariat.cookie).expect(200)).text;
    expect(await page()).toContain('Проект рабочего плана прилагается.');
    expect(await page()).toContain('Гостиница «Казахстан», Almaty, KZ');
    await t.admin
      .patch(`/api/meetings/${meeting.id}`)
      .send({
        translations: {
          ru: { description: 'Проект рабочего плана прилагается.', venue: 'Гостиница «Казахстан»' },
          kk: { description: 'Жұмыс жоспарының жобасы қоса беріледі.' },
        },
      })
      .expect(200);
    const stored = (await t.admin.get(`/api/meetings/${meeting.id}`).expect(200)).body;
    expect(stored.translations.kk).toEqual({ description: 'Жұмыс жоспарының жобасы қоса беріледі.' });
    expect(await page()).toContain('Жұмыс жоспарының жобасы қоса беріледі.');
    expect(await page()).not.toContain('Проект рабочего плана');
  }, 30_000);

  it('reminds of a work-plan activity in Russian for a Kazakh reader and in English for an English one', async () => {
    smtp.clear();
    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Plan 2031', ru: 'План 2031' }, period: '2031' })
        .expect(201)
    ).body;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const item = (
      await t.admin
        .post(`/api/work-plans/${plan.id}/items`)
        .send({
          activity: { en: 'Regional report on water quality', ru: 'Региональный доклад о качестве воды' },
          deadline: tomorrow,
          responsibleMemberIds: [kk.id, en.id],
        })
        .expect(201)
    ).body;
    const lead = Math.floor((new Date(item.deadline.dueAt).getTime() - Date.now()) / 1000) - 3;
    await t.admin
      .patch(`/api/work-plan-items/${item.id}`)
      .send({ reminderOffsets: [`PT${lead}S`] })
      .expect(200);
    await waitFor(() => smtp.to(kk.email).length >= 1 && smtp.to(en.email).length >= 1, {
      what: 'the two reminders',
      timeout: 15_000,
    });
    expect(smtp.to(kk.email)[0].parsed.text).toContain('Региональный доклад о качестве воды');
    expect(smtp.to(kk.email)[0].parsed.text).not.toContain('Regional report');
    expect(smtp.to(en.email)[0].parsed.text).toContain('Regional report on water quality');

    const { cookie } = await pageSession(t, smtp, kk.email);
    const me = await t.anonymous.get('/me').set('Cookie', cookie).expect(200);
    expect(me.text).toContain('Региональный доклад о качестве воды');
  }, 30_000);

  it('keeps translated minutes and decisions, and turns translated action items into activities in every language given', async () => {
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          number: 11,
          title: { ru: '11-е заседание' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-04-03T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    const minutes = await t.admin
      .put(`/api/meetings/${meeting.id}/minutes`)
      .send({
        text: 'Заседание открылось в 10:00.',
        originalLanguage: 'ru',
        translations: { en: { text: 'The meeting opened at 10:00.' } },
        decisions: [
          {
            text: 'Утвердить рабочий план.',
            translations: { kk: { text: 'Жұмыс жоспарын бекіту.' } },
            actionItems: [
              {
                activity: 'Подготовить доклад',
                deadline: 'Декабрь 2031',
                translations: { en: { activity: 'Prepare the report' }, kk: { activity: 'Баяндама дайындау' } },
              },
            ],
          },
        ],
      })
      .expect(200);
    expect(minutes.body).toMatchObject({
      originalLanguage: 'ru',
      translations: { en: { text: 'The meeting opened at 10:00.' } },
      decisions: [{ translations: { kk: { text: 'Жұмыс жоспарын бекіту.' } } }],
    });
    const approved = (await t.admin.post(`/api/meetings/${meeting.id}/minutes/approve`).send({}).expect(200)).body;
    const itemId = approved.decisions[0].workPlanItemIds[0];
    const item = (await t.admin.get(`/api/work-plan-items/${itemId}`).expect(200)).body;
    expect(item.activity).toEqual({ ru: 'Подготовить доклад', en: 'Prepare the report', kk: 'Баяндама дайындау' });
  });

  it('refuses unknown languages and fields in translations with a 400 naming the field', async () => {
    const base = { bodyId: body.id, kind: 'working_group', title: { en: 'X' }, timeZone: 'Asia/Almaty' };
    const problems = async (send: Record<string, unknown>, path = '/api/meetings') =>
      (await t.admin.post(path).send(send).expect(400)).body.message as { field: string; message: string }[];

    expect(await problems({ ...base, translations: { de: { description: 'Beschreibung' } } })).toEqual([
      expect.objectContaining({ field: 'translations.de' }),
    ]);
    expect(await problems({ ...base, translations: { ru: { agenda: 'Повестка' } } })).toEqual([
      expect.objectContaining({ field: 'translations.ru.agenda' }),
    ]);
    expect(await problems({ ...base, translations: { kk: { venue: 'x'.repeat(301) } } })).toEqual([
      expect.objectContaining({ field: 'translations.kk.venue' }),
    ]);
    expect(await problems({ ...base, translations: { ru: 'Описание' } })).toEqual([
      { field: 'translations.ru', message: 'ru must be an object of texts (by language, then by field)' },
    ]);
    expect(await problems({ ...base, originalLanguage: 'de' })).toEqual([
      expect.objectContaining({ field: 'originalLanguage', message: 'originalLanguage must be one of en, ru, kk' }),
    ]);
    expect(await problems({ ...base, title: { en: 'X', de: 'Y' } })).toEqual([
      expect.objectContaining({ field: 'title' }),
    ]);
  });
});
