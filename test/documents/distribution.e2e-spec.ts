import { randomUUID } from 'node:crypto';
import { addMembership, createBody, createMember } from '../support/factories';
import { pageSession } from '../support/page-app';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('documents: deadlines, notices, reminders and chases', () => {
  let t: TestApp;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, DOCUMENTS_NOTICE_WINDOW_MINUTES: '0.05', RECONCILE_EVERY_MS: '1000' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function meetingWith(members: { id: string }[], startsInMs: number, bodyFields: Record<string, unknown> = {}) {
    const body = await createBody(t, bodyFields);
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          title: { en: 'Tenth meeting', ru: 'Десятое заседание', kk: 'Оныншы отырыс' },
          timeZone: 'Asia/Almaty',
          startsAt: isoIn(startsInMs),
        })
        .expect(201)
    ).body as { id: string; bodyId: string };
    if (members.length)
      await t.admin
        .post(`/api/meetings/${meeting.id}/invitations`)
        .send({ memberIds: members.map((m) => m.id) })
        .expect(200);
    return meeting;
  }

  const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

  async function addDocument(meetingId: string, title: Record<string, string>, symbol: string | null = null) {
    const res = await t.admin
      .post(`/api/meetings/${meetingId}/documents`)
      .send({ title, kind: 'background', ...(symbol ? { symbol } : {}) })
      .expect(201);
    return res.body.id as string;
  }

  /** A file of the language: the first, or the next revision (which, on a published document, opens a notice). */
  async function upload(documentId: string, language: string) {
    await t.admin
      .put(`/api/documents/${documentId}/files/${language}`)
      .attach('file', pdf(`${documentId} ${language} ${randomUUID()}`), 'Документ.pdf')
      .expect((res) => expect([200, 201]).toContain(res.status));
  }

  async function published(documentId: string) {
    await t.admin.post(`/api/documents/${documentId}/publish`).expect(200);
  }

  const documentsMail = (address: string) => smtp.to(address).filter((m) => /докум|document|құжат/i.test(m.subject));

  it('tells each invited member once, in their language, of everything published within the window', async () => {
    const en = await createMember(t, { email: 'docs-en@example.org', language: 'en', fullName: 'Ann Smith' });
    const ru = await createMember(t, { email: 'docs-ru@example.org', language: 'ru', fullName: 'Бакыт Исаев' });
    const kk = await createMember(t, { email: 'docs-kk@example.org', language: 'kk', fullName: 'Айгерім Сәрсенова' });
    const meeting = await meetingWith([en, ru, kk], 40 * DAY);
    const agenda = await addDocument(
      meeting.id,
      { en: 'Provisional agenda', ru: 'Предварительная повестка', kk: 'Алдын ала күн тәртібі' },
      'WGECC/10/2031/1',
    );
    const plan = await addDocument(meeting.id, { en: 'Draft work plan', ru: 'Проект рабочего плана' });
    await upload(agenda, 'en');
    await upload(agenda, 'ru');
    await upload(plan, 'en');
    await published(agenda);
    await published(plan);

    for (const address of ['docs-en@example.org', 'docs-ru@example.org', 'docs-kk@example.org'])
      await waitFor(() => documentsMail(address).length === 1, { what: `the notice to ${address}` });
    const [toEn] = documentsMail('docs-en@example.org');
    expect(toEn.subject).toBe('Documents available: Tenth meeting');
    expect(toEn.parsed.text).toContain('Provisional agenda (WGECC/10/2031/1)');
    expect(toEn.parsed.text).toContain('Draft work plan');
    expect(toEn.parsed.text).toMatch(/English \(http[^)]+\/documents\/link\/[^)]+\) · Russian/);
    const [toRu] = documentsMail('docs-ru@example.org');
    expect(toRu.subject).toBe('Размещены документы: Десятое заседание');
    expect(toRu.parsed.text).toContain('Предварительная повестка');
    expect(toRu.parsed.text).toContain('английский');
    const [toKk] = documentsMail('docs-kk@example.org');
    expect(toKk.subject).toBe('Құжаттар орналастырылды: Оныншы отырыс');
    expect(toKk.parsed.text).toContain('Алдын ала күн тәртібі');
    expect(toKk.parsed.text).toContain('ағылшын тілі');

    // Publishing again changes nothing and tells nobody again.
    await published(plan);
    await new Promise((r) => setTimeout(r, 5000));
    expect(documentsMail('docs-ru@example.org')).toHaveLength(1);

    // A revision: one more email, saying revised, listing only the revised document.
    await upload(agenda, 'ru');
    await waitFor(() => documentsMail('docs-ru@example.org').length === 2, { what: 'the revision notice' });
    const revised = documentsMail('docs-ru@example.org')[1];
    expect(revised.subject).toBe('Документы обновлены: Десятое заседание');
    expect(revised.parsed.text).toContain('Предварительная повестка (WGECC/10/2031/1) — пересмотрен');
    expect(revised.parsed.text).toContain('Rev.2');
    expect(revised.parsed.text).not.toContain('Проект рабочего плана');
  });

  it('announces a language added to a published document as a new language version, not a revision', async () => {
    const en = await createMember(t, { email: 'lang-en@example.org', language: 'en', fullName: 'Ann Lee' });
    const ru = await createMember(t, { email: 'lang-ru@example.org', language: 'ru', fullName: 'Асель Нурова' });
    const kk = await createMember(t, { email: 'lang-kk@example.org', language: 'kk', fullName: 'Ерлан Омаров' });
    const addresses = ['lang-en@example.org', 'lang-ru@example.org', 'lang-kk@example.org'];
    const meeting = await meetingWith([en, ru, kk], 40 * DAY);
    const report = await addDocument(meeting.id, { en: 'Progress report', ru: 'Доклад о ходе работы' }, 'WGECC/11/1');
    await upload(report, 'en');
    await published(report);
    for (const address of addresses)
      await waitFor(() => documentsMail(address).length === 1, { what: `the notice to ${address}` });

    await upload(report, 'kk');
    for (const address of addresses)
      await waitFor(() => documentsMail(address).length === 2, { what: `the new language notice to ${address}` });
    const toEn = documentsMail('lang-en@example.org')[1];
    expect(toEn.subject).toBe('Documents available: Tenth meeting');
    expect(toEn.parsed.text).toContain('Progress report (WGECC/11/1) — now also in Kazakh');
    expect(toEn.parsed.text).not.toContain('revised');
    const toRu = documentsMail('lang-ru@example.org')[1];
    expect(toRu.subject).toBe('Размещены документы: Десятое заседание');
    expect(toRu.parsed.text).toContain('Доклад о ходе работы (WGECC/11/1) — теперь также на казахском');
    expect(toRu.parsed.text).not.toContain('пересмотрен');
    const toKk = documentsMail('lang-kk@example.org')[1];
    expect(toKk.parsed.text).toContain('(WGECC/11/1) — енді қазақша да бар');
    expect(toKk.parsed.text).not.toContain('қайта қаралған');

    // A new revision of a language already told of is still a revision.
    await upload(report, 'kk');
    await waitFor(() => documentsMail('lang-en@example.org').length === 3, { what: 'the revision notice' });
    expect(documentsMail('lang-en@example.org')[2].parsed.text).toContain('Progress report (WGECC/11/1) — revised');
  });

  it('shows each language on time, late, missing or due against the meeting deadlines', async () => {
    const meeting = await meetingWith([], 10 * DAY);
    await t.admin
      .patch(`/api/meetings/${meeting.id}`)
      .send({ documentDeadlines: { documentsDays: 14, translationsDays: 3 } })
      .expect(200);
    const late = await addDocument(meeting.id, { en: 'Background paper' });
    await upload(late, 'en');
    await published(late);
    const nothing = await addDocument(meeting.id, { en: 'Report' });
    const states = (await t.admin.get(`/api/document-deadlines/meetings/${meeting.id}`).expect(200)).body as {
      documentId: string;
      behind: boolean;
      languages: { language: string; deadline: string; state: string }[];
    }[];
    const of = (id: string) => states.find((s) => s.documentId === id)!;
    // Published 10 days before, when it was due 14 days before; its Russian is due 3 days before.
    expect(of(late).languages.map((l) => [l.language, l.deadline, l.state])).toEqual([
      ['en', 'documents', 'late'],
      ['ru', 'translations', 'due'],
    ]);
    expect(of(late).behind).toBe(false);
    expect(of(nothing).languages.map((l) => l.state)).toEqual(['missing', 'missing']);
    expect(of(nothing).behind).toBe(true);

    const list = (await t.admin.get('/api/document-deadlines/late').expect(200)).body as {
      documentId: string;
      missing: string[];
    }[];
    expect(list.find((d) => d.documentId === nothing)?.missing).toEqual(['en', 'ru']);
    expect(list.some((d) => d.documentId === late)).toBe(false);

    // The secretariat's dashboard lists it, linked to the document and its meeting.
    const officer = await createMember(t, { email: 'docs-officer@example.org', language: 'ru' });
    await addMembership(t, meeting.bodyId, { memberId: officer.id, role: 'secretariat' });
    const { cookie } = await pageSession(t, smtp, officer.email);
    const page = await t.anonymous.get('/').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('Документы с нарушением срока');
    expect(page.text).toMatch(
      new RegExp(`<a href="/documents/${nothing}">Report</a> <span class="muted">— нет версии: английский, русский`),
    );
    expect(page.text).toContain(`href="/meetings/${meeting.id}"`);
    const form = await t.anonymous.get(`/meetings/${meeting.id}/edit`).set('Cookie', cookie).expect(200);
    expect(form.text).toMatch(/name="documentDeadlines.documentsDays" value="14"/);
    expect(form.text).toMatch(/name="documentDeadlines.translationsDays" value="3"/);

    await t.admin
      .patch(`/api/meetings/${meeting.id}`)
      .send({ documentDeadlines: { documentsDays: -1 } })
      .expect(400)
      .expect((res) => expect(JSON.stringify(res.body)).toContain('documentsDays'));
  });

  it('reminds the secretariat of a document still missing its Russian version', async () => {
    const secretary = await createMember(t, {
      email: 'docs-secretariat@example.org',
      language: 'ru',
      timeZone: 'Asia/Almaty',
    });
    const body = await createBody(t, { documentDistribution: { documentsDays: 14, translationsDays: 7 } });
    await addMembership(t, body.id, { memberId: secretary.id, role: 'secretariat' });
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          title: { en: 'Eleventh meeting', ru: 'Одиннадцатое заседание' },
          timeZone: 'Asia/Almaty',
          startsAt: isoIn(30 * DAY),
        })
        .expect(201)
    ).body as { id: string };
    const paper = await addDocument(meeting.id, { en: 'Investor guide', ru: 'Руководство для инвесторов' });
    await upload(paper, 'en');
    await published(paper);

    const rows = (
      await t.admin.get(`/api/notifications?limit=50&subjectId=${meeting.id}&recipientId=${secretary.id}`).expect(200)
    ).body.items as { id: string; kind: string; status: string; payload: Record<string, unknown> }[];
    const due = rows.filter((r) => r.kind === 'documents-due' && r.status === 'scheduled');
    expect(due.map((r) => `${String(r.payload.deadline)} ${String(r.payload.offset)}`).sort()).toEqual([
      'documents P1D',
      'documents P3D',
      'translations P1D',
      'translations P3D',
    ]);
    // Sent now rather than in three weeks: it lists the Russian version as missing.
    const translation = due.find((r) => r.payload.deadline === 'translations')!;
    await t.admin.post(`/api/notifications/${translation.id}/resend`).expect(201);
    await waitFor(() => smtp.to('docs-secretariat@example.org').length === 1, { what: 'the deadline reminder' });
    const [mail] = smtp.to('docs-secretariat@example.org');
    expect(mail.subject).toContain('Одиннадцатое заседание');
    expect(mail.parsed.text).toContain('Руководство для инвесторов');
    expect(mail.parsed.text).toContain('Нет версии: русский');
  });

  it('chases only the invited members who have not opened a document, and refuses a second chase', async () => {
    const reader = await createMember(t, { email: 'chase-reader@example.org', language: 'en' });
    const silent = await createMember(t, { email: 'chase-silent@example.org', language: 'kk' });
    const meeting = await meetingWith([reader, silent], 20 * DAY);
    const paper = await addDocument(meeting.id, { en: 'Terms of reference', kk: 'Жұмыс тобының ережесі' });
    await upload(paper, 'en');
    await published(paper);
    await t.dataSource.query(
      `INSERT INTO document_read (document_id, file_id, member_id, via)
       SELECT $1, id, $2, 'session' FROM document_file WHERE document_id = $1`,
      [paper, reader.id],
    );
    const officer = await createMember(t, { email: 'chase-officer@example.org', language: 'en' });
    await addMembership(t, meeting.bodyId, { memberId: officer.id, role: 'secretariat' });
    const { cookie, csrf } = await pageSession(t, smtp, officer.email);
    const page = await t.anonymous.get(`/meetings/${meeting.id}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('Remind those who have not opened it');
    expect(page.text).toContain('English: on time (due');
    expect(page.text).toMatch(/Russian: due \(due \d+ \w+ \d{4}\)/);

    const chased = await t.anonymous
      .post(`/meetings/${meeting.id}/documents/${paper}/reminders`)
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf })
      .expect(303);
    expect(chased.headers.location).toBe(`/meetings/${meeting.id}?done=doc_chased#document-chase`);
    const planned = (await t.admin.get(`/api/notifications?limit=50&subjectId=${paper}`).expect(200)).body.items as {
      recipientId: string;
      kind: string;
    }[];
    expect(planned.map((r) => [r.kind, r.recipientId])).toEqual([['document-chase', silent.id]]);
    const again = await t.anonymous
      .post(`/meetings/${meeting.id}/documents/${paper}/reminders`)
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf })
      .expect(429);
    expect(again.text).toMatch(/a reminder went out lately; the next one can be sent in \d+ h/);
    const chases = (address: string) => smtp.to(address).filter((m) => m.subject.startsWith('Танысуыңызды'));
    await waitFor(() => chases('chase-silent@example.org').length > 0, { what: 'the chase' });
    expect(chases('chase-silent@example.org').map((m) => m.subject)).toEqual([
      'Танысуыңызды сұраймыз: Жұмыс тобының ережесі',
    ]);
    await t.admin
      .post(`/api/documents/${paper}/reminders`)
      .set('Accept-Language', 'ru')
      .expect(429)
      .expect((res) => expect(JSON.stringify(res.body)).toContain('documentId'));
    expect(smtp.to('chase-reader@example.org').filter((m) => /ережесі|Terms/.test(m.subject))).toEqual([]);
  });

  it('sets the body rule from its form, refusing a negative number of days by name', async () => {
    const body = await createBody(t);
    const officer = await createMember(t, { email: 'rule-officer@example.org', language: 'en' });
    await addMembership(t, body.id, { memberId: officer.id, role: 'secretariat' });
    const { cookie, csrf } = await pageSession(t, smtp, officer.email);
    const form = await t.anonymous.get(`/bodies/${body.id}/edit`).set('Cookie', cookie).expect(200);
    expect(form.text).toContain('Documents due (days before the meeting)');
    expect(form.text).toMatch(/name="requiredLanguages" value="ru" checked/);
    expect(form.text).not.toMatch(/name="requiredLanguages" value="kk" checked/);
    const fields = { csrf, 'name.en': 'Working Group', kind: 'working_group', timeZone: 'Asia/Almaty' };
    await t.anonymous
      .post(`/bodies/${body.id}`)
      .set('Cookie', cookie)
      .type('form')
      .send(
        `${new URLSearchParams({ ...fields, documentsDays: '21', translationsDays: '10' }).toString()}&requiredLanguages=en&requiredLanguages=ru&requiredLanguages=kk`,
      )
      .expect(303);
    expect((await t.admin.get(`/api/bodies/${body.id}`).expect(200)).body.documentDistribution).toEqual({
      documentsDays: 21,
      translationsDays: 10,
      requiredLanguages: ['en', 'ru', 'kk'],
    });
    const refused = await t.anonymous
      .post(`/bodies/${body.id}`)
      .set('Cookie', cookie)
      .type('form')
      .send(new URLSearchParams({ ...fields, documentsDays: '-3', requiredLanguages: 'en' }).toString())
      .expect(400);
    // The reason names the field by its label, never the API's name for it.
    expect(refused.text).toContain(
      'Documents due (days before the meeting): enter a whole number within the allowed range.',
    );
    expect(refused.text).not.toContain('documentsDays must');
    expect(refused.text).toContain('aria-invalid="true"');
    const noLanguage = await t.anonymous
      .post(`/bodies/${body.id}`)
      .set('Cookie', cookie)
      .type('form')
      .send(new URLSearchParams({ ...fields, documentsDays: '21' }).toString())
      .expect(400);
    expect(noLanguage.text).toContain('Every document is due in: tick at least one language.');
    expect(noLanguage.text).not.toContain('requiredLanguages must');
  });

  it("keeps a body's library: the secretariat adds, those serving are told and read, others get 404", async () => {
    const body = await createBody(t, { name: { en: 'Steering Committee', ru: 'Руководящий комитет' } });
    const officer = await createMember(t, { email: 'lib-officer@example.org', language: 'en' });
    const serving = await createMember(t, { email: 'lib-member@example.org', language: 'ru' });
    const stranger = await createMember(t, { email: 'lib-stranger@example.org', language: 'en' });
    await addMembership(t, body.id, { memberId: officer.id, role: 'secretariat' });
    await addMembership(t, body.id, { memberId: serving.id, role: 'member' });
    const office = await pageSession(t, smtp, officer.email);
    const created = await t.anonymous
      .post(`/bodies/${body.id}/library`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ csrf: office.csrf, title_en: 'Rules of procedure', title_ru: 'Правила процедуры', kind: 'other' })
      .expect(303);
    const documentId = /\/documents\/([0-9a-f-]{36})$/.exec(String(created.headers.location))![1];
    const empty = await t.anonymous
      .post(`/bodies/${body.id}/library`)
      .set('Cookie', office.cookie)
      .type('form')
      .send({ csrf: office.csrf, kind: 'other' })
      .expect(400);
    expect(empty.text).toContain('role="alert"');
    // The reason names the form's label, never the API's field.
    expect(empty.text).toMatch(/<li>Title: [^<]+<\/li>/);
    expect(empty.text).not.toMatch(/<li>title /);
    await upload(documentId, 'ru');
    await published(documentId);
    await waitFor(() => documentsMail('lib-member@example.org').length === 1, { what: 'the library notice' });
    const [mail] = documentsMail('lib-member@example.org');
    expect(mail.subject).toBe('Размещены документы: Руководящий комитет');
    expect(mail.parsed.text).toContain('Правила процедуры');
    expect(mail.parsed.text).toContain(`/bodies/${body.id}/library`);
    expect(documentsMail('lib-stranger@example.org')).toEqual([]);

    const member = await pageSession(t, smtp, serving.email);
    const page = await t.anonymous.get(`/bodies/${body.id}/library`).set('Cookie', member.cookie).expect(200);
    expect(page.text).toContain('Библиотека: Руководящий комитет');
    expect(page.text).toContain(`href="/documents/${documentId}/files/ru"`);
    expect(page.text).not.toContain('name="title_en"');
    const outsider = await pageSession(t, smtp, stranger.email);
    await t.anonymous.get(`/bodies/${body.id}/library`).set('Cookie', outsider.cookie).expect(404);
    const bodyPage = await t.anonymous.get(`/bodies/${body.id}`).set('Cookie', office.cookie).expect(200);
    expect(bodyPage.text).toContain(`href="/bodies/${body.id}/library"`);
  });
});
