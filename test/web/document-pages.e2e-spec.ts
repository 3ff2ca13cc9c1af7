import { join } from 'node:path';
import { SCREENSHOTS, seriousViolations } from '../support/browser';
import { pageSuite, signedInPage } from '../support/page-suite';

const PORT = 39830;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
// Бакыт Исаев serves in the Working Group and reads Russian.
const MEMBER = 'b.isaev@demo.wgecc.example';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

/**
 * The secretariat adds a document on the meeting page, uploads its Russian file (a wrong file refused with
 * the reason beside the field), publishes it; the invited member downloads it under its Cyrillic name, and
 * the document page counts them among the readers.
 */
describe('meeting documents, in a real browser', () => {
  const suite = pageSuite(PORT);

  it('the secretariat uploads and publishes; the member downloads; the readers show it', async () => {
    const member = (await suite.t.admin.get(`/api/members?q=${encodeURIComponent(MEMBER)}`).expect(200)).body.items[0];
    const meetingId = (
      await suite.t.admin
        .post('/api/meetings')
        .send({
          bodyId: suite.wgId,
          kind: 'working_group',
          title: { en: 'WGECC meeting on documents', ru: 'Заседание РГОСИК о документах' },
          timeZone: 'Asia/Almaty',
          startsAt: '2032-03-10T10:00:00+05:00',
        })
        .expect(201)
    ).body.id as string;
    await suite.t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);

    const { page } = await signedInPage(suite, SECRETARIAT);
    await page.goto(`${BASE}/meetings/${meetingId}#documents`);
    const section = page.locator('#documents');
    await section.getByRole('button', { name: 'Add document' }).click();
    await page.waitForSelector('#doc-title-error');
    expect(await page.locator('#doc-title-error').innerText()).toMatch(/^Title: /);
    await section.getByLabel('English').fill('Provisional agenda');
    await section.getByLabel('Russian').fill('Предварительная повестка дня');
    await section.getByLabel('Kind').selectOption('agenda');
    await Promise.all([
      page.waitForURL(/done=doc_created/),
      section.getByRole('button', { name: 'Add document' }).click(),
    ]);

    const article = page.locator('#documents article').first();
    await article.getByLabel('Language').selectOption('ru');
    await article
      .getByLabel('File')
      .setInputFiles({ name: 'agenda.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>no</html>') });
    await Promise.all([page.waitForLoadState('load'), article.getByRole('button', { name: 'Upload' }).click()]);
    expect(await page.locator('#d-file-error').innerText()).toMatch(/^File: this kind of file is not accepted/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'document-upload-refused-desktop.png'), fullPage: true });

    await page.getByLabel('Language', { exact: true }).selectOption('ru');
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'Повестка дня.pdf', mimeType: 'application/pdf', buffer: pdf('ru') });
    await Promise.all([page.waitForURL(/done=doc_uploaded/), page.getByRole('button', { name: 'Upload' }).click()]);
    expect(await section.innerText()).toContain('Russian: Повестка дня.pdf');
    await Promise.all([
      page.waitForURL(/done=doc_published/),
      section.getByRole('button', { name: 'Publish' }).click(),
    ]);
    expect(await section.innerText()).toContain('Read by 0 of 1');
    expect(await seriousViolations(page)).toEqual([]);
    await section.screenshot({ path: join(SCREENSHOTS, 'document-section-desktop.png') });

    const { page: reader } = await signedInPage(suite, MEMBER);
    await reader.goto(`${BASE}/meetings/${meetingId}#documents`);
    const list = reader.locator('#documents');
    expect(await list.innerText()).toContain('Предварительная повестка дня');
    const [download] = await Promise.all([
      reader.waitForEvent('download'),
      list.getByRole('link', { name: 'Русский' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Повестка дня.pdf');
    expect(await seriousViolations(reader)).toEqual([]);
    await reader.screenshot({ path: join(SCREENSHOTS, 'document-member-list-desktop.png'), fullPage: true });

    await page.goto(`${BASE}/meetings/${meetingId}#documents`);
    await Promise.all([
      page.waitForLoadState('load'),
      section.getByRole('link', { name: 'Versions and readers' }).click(),
    ]);
    expect(await page.locator('#readers').innerText()).toContain('Read by 1 of 1');
    expect(await page.locator('#versions').innerText()).toContain('Rev.1: Повестка дня.pdf');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'document-page-desktop.png'), fullPage: true });
  });
});
