import { waitFor } from '../support/smtp-sink';
import { pageSuite, shootBothSizes, signedInPage, submit } from '../support/page-suite';

const PORT = 39860;
const BASE = `http://127.0.0.1:${PORT}`;
const DAY = 86_400_000;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
// Бакыт Исаев opens the document; Айгерим Садыкова (Kazakh) does not.
const READER = 'b.isaev@demo.wgecc.example';
const SILENT = 'a.sadykova@demo.wgecc.example';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

/**
 * The secretariat sets the Working Group's distribution rule and one meeting's own deadlines in the pages, sees
 * a document's languages missing on the meeting page and on the dashboard, uploads the Russian version, keeps
 * the body's library, and reminds exactly the invited member who has not opened the document, once.
 */
describe('document distribution, in a real browser', () => {
  const suite = pageSuite(PORT);
  const smtp = () => suite.smtp;

  it('rule, deadlines, late documents, library and the reminder to those who have not opened it', async () => {
    // Fixtures: a meeting five days ahead with two invited members, and a document published in English only.
    const idOf = async (email: string) =>
      (await suite.t.admin.get(`/api/members?q=${encodeURIComponent(email)}`).expect(200)).body.items[0].id as string;
    const invited = [await idOf(READER), await idOf(SILENT)];
    const meetingId = (
      await suite.t.admin
        .post('/api/meetings')
        .send({
          bodyId: suite.wgId,
          kind: 'working_group',
          title: { en: 'WGECC meeting on distribution', ru: 'Заседание РГОСИК о рассылке' },
          timeZone: 'Asia/Almaty',
          startsAt: new Date(Date.now() + 5 * DAY).toISOString(),
        })
        .expect(201)
    ).body.id as string;
    await suite.t.admin.post(`/api/meetings/${meetingId}/invitations`).send({ memberIds: invited }).expect(200);
    const documentId = (
      await suite.t.admin
        .post(`/api/meetings/${meetingId}/documents`)
        .send({ title: { en: 'Draft regional strategy', ru: 'Проект региональной стратегии' }, kind: 'background' })
        .expect(201)
    ).body.id as string;
    await suite.t.admin
      .put(`/api/documents/${documentId}/files/en`)
      .attach('file', pdf('strategy en'), 'strategy.pdf')
      .expect((res) => expect([200, 201]).toContain(res.status));
    await suite.t.admin.post(`/api/documents/${documentId}/publish`).expect(200);

    const { page } = await signedInPage(suite, SECRETARIAT);

    // The body's rule: documents 3 days before, translations 2, in English, Russian and Kazakh.
    await page.goto(`${BASE}/bodies/${suite.wgId}`);
    await Promise.all([page.waitForURL(/\/edit$/), page.getByRole('link', { name: 'Edit the body' }).click()]);
    await page.getByLabel('Documents due (days before the meeting)').fill('3');
    await page.getByLabel('Translations due (days before the meeting)').fill('2');
    await page.getByRole('checkbox', { name: 'Kazakh' }).check();
    // Every language unticked is refused by the field's label, never the API's name.
    for (const language of ['English', 'Russian', 'Kazakh'])
      await page.getByRole('checkbox', { name: language }).uncheck();
    await submit(page, 'Save');
    expect(await page.locator('.field-error').allInnerTexts()).toContain(
      'Every document is due in: tick at least one language.',
    );
    expect(await page.locator('main').innerText()).not.toContain('requiredLanguages');
    for (const language of ['English', 'Russian', 'Kazakh'])
      await page.getByRole('checkbox', { name: language }).check();
    await page.getByLabel('Documents due (days before the meeting)').fill('3');
    await page.getByLabel('Translations due (days before the meeting)').fill('2');
    await shootBothSizes(page, 'distribution-body-form');
    await Promise.all([page.waitForURL(`${BASE}/bodies/${suite.wgId}**`), submit(page, 'Save')]);

    // By the body's rule nothing is late yet: the Russian version is due in three days.
    await page.goto(`${BASE}/meetings/${meetingId}#documents`);
    const article = page.locator(`#document-${documentId}`);
    expect(await article.locator('.deadlines').innerText()).toMatch(/Russian: due \(due /);

    // The meeting's own deadlines: documents 14 days before, translations 7: both past.
    await page.goto(`${BASE}/meetings/${meetingId}/edit`);
    await page.getByLabel('Documents due (days before the meeting)').fill('14');
    await page.getByLabel('Translations due (days before the meeting)').fill('7');
    await shootBothSizes(page, 'distribution-meeting-form');
    await Promise.all([page.waitForURL(/done=updated/), submit(page, 'Save the changes')]);
    const states = await article.locator('.deadlines').innerText();
    expect(states).toMatch(/English: late \(due /);
    expect(states).toMatch(/Russian: missing \(due /);
    expect(states).toMatch(/Kazakh: missing \(due /);
    expect(await article.locator('.deadline-missing').count()).toBe(2);
    await shootBothSizes(page, 'distribution-meeting-page');

    // The dashboard lists it among the late documents, linked to it.
    await page.goto(`${BASE}/`);
    const late = page.locator('section', { has: page.getByRole('heading', { name: 'Late documents' }) });
    const entry = late.locator('li', { has: page.getByRole('link', { name: 'Draft regional strategy' }) });
    expect(await entry.innerText()).toMatch(/missing: Russian, Kazakh/);
    await shootBothSizes(page, 'distribution-dashboard');
    await Promise.all([
      page.waitForURL(`${BASE}/documents/${documentId}`),
      entry.getByRole('link', { name: 'Draft regional strategy' }).click(),
    ]);

    // The Russian version uploaded on the meeting page: late now, no longer missing.
    await page.goto(`${BASE}/meetings/${meetingId}#documents`);
    await article.getByLabel('Language').selectOption('ru');
    await article
      .getByLabel('File')
      .setInputFiles({ name: 'Стратегия.pdf', mimeType: 'application/pdf', buffer: pdf('strategy ru') });
    await Promise.all([page.waitForURL(/done=doc_uploaded/), article.getByRole('button', { name: 'Upload' }).click()]);
    const after = await article.locator('.deadlines').innerText();
    expect(after).toMatch(/Russian: late \(due /);
    expect(after).toMatch(/Kazakh: missing \(due /);
    await page.goto(`${BASE}/`);
    expect(await late.locator('li', { hasText: 'Draft regional strategy' }).innerText()).toMatch(/missing: Kazakh$/m);

    // The library: a standing document added, its file uploaded and published on its page.
    await page.goto(`${BASE}/bodies/${suite.wgId}`);
    await Promise.all([page.waitForURL(/\/library$/), page.getByRole('link', { name: 'Library' }).click()]);
    await shootBothSizes(page, 'distribution-library-empty');
    const form = page.locator(`form[action="/bodies/${suite.wgId}/library"]`);
    // No title: refused with the reason beginning with the field's label.
    await submit(page, 'Add document');
    expect(await page.locator('#lib-problems').innerText()).toMatch(/^Title: /);
    expect(await page.locator('#lib-problems').innerText()).not.toMatch(/\btitle\b/);
    expect(await form.getByLabel('English').getAttribute('aria-invalid')).toBe('true');
    await shootBothSizes(page, 'distribution-library-refused');
    await form.getByLabel('English').fill('Rules of procedure');
    await form.getByLabel('Russian').fill('Правила процедуры');
    await Promise.all([page.waitForURL(/\/documents\/[0-9a-f-]{36}$/), submit(page, 'Add document')]);
    const libraryId = /\/documents\/([0-9a-f-]{36})$/.exec(page.url())![1];
    await page.getByLabel('Language', { exact: true }).selectOption('en');
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'rules.pdf', mimeType: 'application/pdf', buffer: pdf('rules en') });
    await Promise.all([page.waitForURL(/done=doc_uploaded/), submit(page, 'Upload')]);
    expect(await page.locator('p.notice').innerText()).toBe('The file is uploaded.');
    await Promise.all([page.waitForURL(/done=doc_published/), submit(page, 'Publish')]);
    expect(await page.locator('p.notice').innerText()).toBe('The document is published: invited members can open it.');
    await page.goto(`${BASE}/bodies/${suite.wgId}/library`);
    const item = page.locator('li', { has: page.getByRole('link', { name: 'Rules of procedure' }) });
    expect(await item.innerText()).toContain('Published');
    expect(await item.getByRole('link', { name: 'English: rules.pdf' }).getAttribute('href')).toBe(
      `/documents/${libraryId}/files/en`,
    );
    await shootBothSizes(page, 'distribution-library');

    // Исаев opens the Russian version; Садыкова does not.
    const { page: reader } = await signedInPage(suite, READER);
    await reader.goto(`${BASE}/meetings/${meetingId}#documents`);
    await Promise.all([
      reader.waitForEvent('download'),
      reader.locator('#documents').getByRole('link', { name: 'Русский' }).click(),
    ]);

    // The reminder from the document page goes to exactly the one who has not opened it.
    smtp().clear();
    await page.goto(`${BASE}/documents/${documentId}`);
    expect(await page.locator('#readers .readers').innerText()).toMatch(/^Read by 1 of 2/);
    await Promise.all([
      page.waitForURL(/done=doc_chased/),
      page.getByRole('button', { name: 'Remind those who have not opened it' }).click(),
    ]);
    expect(await page.locator('p.notice').innerText()).toBe(
      'The reminder goes out now to the invited members who have not opened the document.',
    );
    const chases = () => smtp().messages.filter((m) => /Please read|Просим ознакомиться|Танысуыңызды/.test(m.subject));
    await waitFor(() => chases().length > 0, { what: 'the reminder to read' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(chases().map((m) => m.to)).toEqual([[SILENT]]);
    expect(chases()[0].subject).toMatch(/^Танысуыңызды сұраймыз: /);
    expect(chases()[0].parsed.text).toContain(`/documents/link/`);

    // A second one is refused, with the reason beside the button.
    await page.getByRole('button', { name: 'Remind those who have not opened it' }).click();
    await page.waitForSelector('#chase-error');
    expect(await page.locator('#chase-error').innerText()).toMatch(
      /^Remind: a reminder went out lately; the next one can be sent in \d+ h/,
    );
    expect(await page.locator('#chase-error').innerText()).not.toContain('documentId');
    await shootBothSizes(page, 'distribution-document-chase-refused');
    expect(chases()).toHaveLength(1);
  });
});
