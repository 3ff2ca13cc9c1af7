import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import {
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  PHONE,
  SCREENSHOTS,
  seriousViolations,
  signIn,
} from '../support/browser';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startDemoPageApp } from '../support/page-app';
import type { TestApp } from '../support/test-app';
import { importWorkPlanWithPreview } from '../support/work-plan-forms';

const PORT = 39603;
const BASE = `http://127.0.0.1:${PORT}`;
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'wgecc-work-plan-2019.csv');
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
const POLL_READER = 'b.isaev@demo.wgecc.example';

describe('the work-plan import, filters and export pages, and the outbox, in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const smtp = new SmtpSink();
  let wgId: string;
  let planId: string;

  const itemCount = async (id: string) =>
    (await t.admin.get(`/api/work-plan-items?workPlanId=${id}`).expect(200)).body.total as number;
  const newPlan = async (period: string) =>
    (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: wgId, title: { en: `Work plan ${period}`, ru: `Рабочий план ${period}` }, period })
        .expect(201)
    ).body.id as string;
  const shoot = async (name: string) => {
    for (const [device, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      // At phone width too, nothing but a region meant to scroll is wider than the screen.
      expect(await horizontalOverflow(page)).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${device}.png`), fullPage: true });
    }
    await page.setViewportSize(DESKTOP);
  };

  beforeAll(async () => {
    ({ t, wgId } = await startDemoPageApp(smtp, PORT));
    planId = await newPlan('2019');
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, acceptDownloads: true, locale: 'en-GB' });
    page = await context.newPage();
    await signIn(page, BASE, smtp, SECRETARIAT);
    await page.goto(`${BASE}/me?lang=en`);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t.close();
    await smtp.stop();
  });

  it('previews every row of the real work plan before writing anything, then imports it and shows the items and the timeline', async () => {
    const result = await importWorkPlanWithPreview(page, BASE, planId, FIXTURE, {
      onPreview: async (preview) => {
        await expect(preview.locator('table.preview tbody').textContent()).resolves.toContain(
          'Конец ноября или начало декабря 2019 или февраль 2020',
        );
        // The parsed window beside the deadline as written, in the reader's language.
        await expect(preview.locator('table.preview tbody tr').last().textContent()).resolves.toMatch(
          /1 February 2020 – 29 February 2020/,
        );
        expect(await preview.locator('table.preview tbody tr', { hasText: 'Will be created' }).count()).toBe(8);
        await expect(preview.getByRole('button', { name: 'Import these 8 rows' }).isVisible()).resolves.toBe(true);
        expect(await itemCount(planId)).toBe(0);
        expect(await seriousViolations(preview)).toEqual([]);
        await shoot('work-plan-import-preview');
      },
    });
    expect(result.previewRows).toBe(8);
    expect(result.notice).toBe('8 activities were imported.');
    expect(await itemCount(planId)).toBe(8);
    expect(await page.locator('table.table tbody tr').count()).toBe(8);
    expect(await page.locator('figure.gantt svg rect').count()).toBeGreaterThanOrEqual(8);
    await expect(page.locator('table.table').textContent()).resolves.toContain('Февраль 2019');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('work-plan-imported');
  }, 60_000);

  it('refuses a file with bad lines, saying what is wrong with each, and writes nothing', async () => {
    const emptyPlan = await newPlan('2020');
    const dir = mkdtempSync(join(tmpdir(), 'wgs-import-'));
    const bad = join(dir, 'bad-plan.csv');
    writeFileSync(
      bad,
      [
        'activity,deadline,executor,countries,status',
        '"Workshop on air quality","Март 2020","WECOOP 3",KZ,planned',
        '"","Апрель 2020","WECOOP 3",,',
        '"Study tour","когда-нибудь потом","WECOOP 3",XX,',
        '"Report","Май 2020","WECOOP 3",UZ,maybe',
      ].join('\n'),
    );
    await page.goto(`${BASE}/work-plan/${emptyPlan}/import`);
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByRole('button', { name: 'Show the preview' }).click();
    await page.waitForSelector('table.preview');
    const refusal = await page.locator('section [role=alert]').textContent();
    expect(refusal).toContain('Nothing can be imported: 3 of 4 rows have problems.');
    expect(refusal).toContain('Line 3, column “activity”: is empty.');
    expect(refusal).toMatch(/Line 4, column “deadline”: .+/);
    expect(refusal).toContain('Line 4, column “countries”: XX is not a country code');
    expect(refusal).toContain('Line 5, column “status”: "maybe" is not a status');
    // Every row is listed, the good one too, each with its own problems beside it.
    expect(await page.locator('table.preview tbody tr').count()).toBe(4);
    await expect(page.locator('table.preview tbody tr').nth(0).textContent()).resolves.toContain('Will be created');
    await expect(page.locator('table.preview tbody tr').nth(3).textContent()).resolves.toContain(
      'status: "maybe" is not a status',
    );
    expect(await page.locator(`form[action="/work-plan/${emptyPlan}/import/confirm"]`).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('work-plan-import-refused');
    expect(await itemCount(emptyPlan)).toBe(0);

    // Sending the form without a file says so beside the field.
    const noFile = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Show the preview' }).click(),
    ]);
    expect(noFile[0].status()).toBe(400);
    await expect(page.locator('#e-file').textContent()).resolves.toBe('Choose a file to import.');

    // A file that is not a table at all: the reason beside the field, nothing written.
    const junk = join(dir, 'notes.csv');
    writeFileSync(junk, 'name,email\nA,a@example.org\n');
    await page.locator('input[type=file]').setInputFiles(junk);
    await page.getByRole('button', { name: 'Show the preview' }).click();
    await expect(page.locator('#e-file').textContent()).resolves.toContain('The header row lacks the columns activity');
    expect(await itemCount(emptyPlan)).toBe(0);
  }, 60_000);

  it('narrows the table and the timeline with the filters, keeps the choices, and explains a bad filter', async () => {
    const items = (await t.admin.get(`/api/work-plan-items?workPlanId=${planId}`).expect(200)).body.items as {
      id: string;
      deadline: { text: string };
    }[];
    const february = items.find((i) => i.deadline.text === 'Февраль 2019')!;
    await t.admin
      .patch(`/api/work-plan-items/${february.id}`)
      .send({ status: 'done', countries: ['KZ'], topics: ['water'] })
      .expect(200);

    await page.goto(`${BASE}/work-plan/${planId}`);
    await page.getByLabel('Status').selectOption('done');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/status=done/);
    expect(await page.locator('table.table tbody tr').count()).toBe(1);
    await expect(page.locator('table.table tbody').textContent()).resolves.toContain('Февраль 2019');
    await expect(page.getByLabel('Status').inputValue()).resolves.toBe('done');
    await expect(page.locator('p[role=status]').textContent()).resolves.toBe('1 of 8 activities shown.');

    await page.goto(`${BASE}/work-plan/${planId}`);
    await page.getByLabel('Executor').selectOption({ label: 'WECOOP 3' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/executor=/);
    expect(await page.locator('table.table tbody tr').count()).toBe(1);
    expect(await page.locator('figure.gantt svg rect').count()).toBeLessThan(8);

    await page.goto(`${BASE}/work-plan/${planId}?country=KZ&topic=water`);
    expect(await page.locator('table.table tbody tr').count()).toBe(1);
    await page.goto(`${BASE}/work-plan/${planId}?due=overdue`);
    // The February item is done and the on-request ones are never overdue: only the two dated ones left.
    const overdue = await page.locator('table.table tbody tr').count();
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(8);
    expect(await page.locator('table.table tbody tr.warn').count()).toBe(overdue);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('work-plan-filtered');

    const refused = await page.goto(`${BASE}/work-plan/${planId}?country=XX&due=later`);
    expect(refused!.status()).toBe(400);
    await expect(page.locator('#e-country').textContent()).resolves.toBe(
      'Country: two letters of a country (such as KZ), or EU.',
    );
    await expect(page.locator('#e-due').textContent()).resolves.toBe('Deadline: choose one of the options.');
    expect(await page.locator('table.table tbody tr').count()).toBe(8);
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('downloads the plan as CSV and XLSX from the work-plan page', async () => {
    await page.goto(`${BASE}/work-plan/${planId}`);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the work plan as CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('work-plan-2019.csv');
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text).toContain('activity_en,activity_ru,activity_kk,deadline');
    expect(text).toContain('Конец ноября или начало декабря 2019 или февраль 2020');
    expect(text.trim().split('\n')).toHaveLength(9);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the work plan as XLSX (Excel)' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('work-plan-2019.xlsx');
    expect(
      readFileSync(await xlsx.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  }, 30_000);

  describe('the outbox', () => {
    let failedId: string;

    beforeAll(async () => {
      const meeting = (
        await t.admin
          .post('/api/meetings')
          .send({
            bodyId: wgId,
            kind: 'working_group',
            number: 9,
            title: { en: '9th meeting of the WGECC', ru: '9-е заседание РГОСИК', kk: 'ЖТ 9-отырысы' },
            timeZone: 'Europe/Brussels',
            location: { city: 'Brussels', countryCode: 'BE' },
          })
          .expect(201)
      ).body;
      for (const option of [
        { startsAt: '2031-11-27T10:00:00+01:00', label: 'End of November' },
        { text: 'февраль 2032', label: 'February' },
      ]) {
        await t.admin.post(`/api/meetings/${meeting.id}/date-options`).send(option).expect(201);
      }
      await t.admin.post(`/api/meetings/${meeting.id}/poll`).send({ fromBody: true }).expect(200);
      await waitFor(() => smtp.to(POLL_READER).length === 1, { what: 'the poll email' });
      // The row says `sent` a moment after the server has the email: its record is batched with others.
      failedId = (await waitFor(
        async () => {
          const poll = (await t.admin.get('/api/notifications?kind=meeting-poll&status=sent&limit=200').expect(200))
            .body.items as { id: string; recipientEmail: string }[];
          return poll.find((n) => n.recipientEmail === POLL_READER)?.id;
        },
        { what: 'the poll email recorded as sent' },
      ))!;
      // What a hard bounce leaves behind: the row failed with the server's answer.
      await t.dataSource.query(
        `UPDATE notification SET status = 'failed', sent_at = NULL, last_error = '550 5.1.1 mailbox unavailable' WHERE id = $1`,
        [failedId],
      );
      // Enough old rows for a second page.
      await t.dataSource.query(
        `INSERT INTO notification (key, kind, subject_type, subject_id, recipient_email, due_at, status, last_error)
         SELECT 'old-' || g, 'sign-in-link', 'sign_in', NULL, 'archive@demo.wgecc.example', timestamptz '2020-01-01' + g * interval '1 hour', 'cancelled', 'test archive'
         FROM generate_series(1, 60) g`,
      );
    }, 60_000);

    it('lists every email with its delivery, filters them and pages through them', async () => {
      await page.goto(`${BASE}/outbox`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Outbox');
      expect(await page.locator('table.outbox tbody tr').count()).toBe(50);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot('outbox');
      await page.getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL(/page=2/);
      expect(await page.locator('table.outbox tbody tr').count()).toBeGreaterThan(0);
      await expect(page.locator('p[role=status]').textContent()).resolves.toMatch(/^Emails 51–\d+ of \d+\.$/);

      await page.goto(`${BASE}/outbox`);
      await page.getByLabel('Status').selectOption('failed');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/status=failed/);
      expect(await page.locator('table.outbox tbody tr').count()).toBe(1);
      const row = await page.locator('table.outbox tbody tr').textContent();
      expect(row).toContain(POLL_READER);
      expect(row).toContain('Date poll');
      expect(row).not.toContain('meeting-poll');
      expect(row).toContain('550 5.1.1 mailbox unavailable');
      await expect(page.getByLabel('Status').inputValue()).resolves.toBe('failed');

      await page.goto(`${BASE}/outbox`);
      await page.getByLabel('Recipient').selectOption({ label: 'Бакыт Исаев <b.isaev@demo.wgecc.example>' });
      await page.getByLabel('About').selectOption('meeting');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/recipientId=/);
      expect(await page.locator('table.outbox tbody tr').count()).toBe(1);

      await page.goto(`${BASE}/outbox?from=2020-01-01&to=2020-01-02`);
      await expect(page.locator('p[role=status]').textContent()).resolves.toBe('Emails 1–46 of 46.');
      await page.goto(`${BASE}/outbox?from=1999-01-01&to=1999-01-02`);
      await expect(page.locator('p[role=status]').textContent()).resolves.toBe('No email matches these filters.');

      const refused = await page.goto(`${BASE}/outbox?from=yesterday&status=lost`);
      expect(refused!.status()).toBe(400);
      await expect(page.locator('#e-from').textContent()).resolves.toBe(
        'Due from (date): enter a day (such as 31/12/2026).',
      );
      await expect(page.locator('#e-status').textContent()).resolves.toBe('Status: choose one of the options.');
      await expect(page.locator('#f-from').inputValue()).resolves.toBe('');
      expect(await seriousViolations(page)).toEqual([]);
    }, 60_000);

    it('shows a failed email as its recipient reads it, and resends it', async () => {
      await page.goto(`${BASE}/outbox?status=failed`);
      await page.locator('table.outbox tbody a').first().click();
      await page.waitForURL(`${BASE}/outbox/${failedId}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Email to ${POLL_READER}`);
      await expect(page.locator('.email-subject').textContent()).resolves.toMatch(/РГОСИК/);
      await expect(page.locator('pre.email-text').textContent()).resolves.toContain('Да (');
      // The HTML is shown inside a sandboxed frame, never as part of the page.
      await expect(page.locator('iframe.email-html').getAttribute('sandbox')).resolves.toBe('');
      await expect(page.frameLocator('iframe.email-html').locator('body').textContent()).resolves.toContain(
        '9-е заседание РГОСИК',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await shoot('outbox-email');
      // Also under the pages' real Content-Security-Policy, which the other checks bypass for axe.
      const strict = await browser.newContext({ storageState: await context.storageState() });
      const strictPage = await strict.newPage();
      await strictPage.goto(`${BASE}/outbox/${failedId}`);
      await expect(strictPage.frameLocator('iframe.email-html').locator('body').textContent()).resolves.toContain(
        '9-е заседание РГОСИК',
      );
      // The email's inline styles apply in the frame (the pages' own policy forbids them).
      const buttonColour = await strictPage
        .frameLocator('iframe.email-html')
        .locator('a[style*="#ffffff"]')
        .first()
        .evaluate((a) => a.ownerDocument.defaultView!.getComputedStyle(a).color);
      expect(buttonColour).toBe('rgb(255, 255, 255)');
      await strict.close();

      smtp.clear();
      await page.getByRole('button', { name: 'Send again now' }).click();
      await page.waitForURL(/resent=/);
      await expect(page.locator('p.notice').textContent()).resolves.toContain(
        'The email is queued to be sent again now, as a new entry.',
      );
      await waitFor(() => smtp.to(POLL_READER).length === 1, { what: 'the resent poll email' });
      const original = (await t.admin.get(`/api/notifications/${failedId}`).expect(200)).body;
      expect(original.status).toBe('failed');
      await page.getByRole('link', { name: 'Open the new entry' }).click();
      await expect(page.getByRole('link', { name: 'Open the original' }).getAttribute('href')).resolves.toBe(
        `/outbox/${failedId}`,
      );
    }, 60_000);

    it('renders the outbox in Russian and Kazakh with dates in the language', async () => {
      await page.goto(`${BASE}/outbox?status=failed&lang=ru`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Исходящие письма');
      await expect(page.locator('table.outbox tbody tr').first().textContent()).resolves.toMatch(/не доставлено/);
      await page.goto(`${BASE}/outbox?from=1999-01-01&to=1999-01-02&lang=kk`);
      await expect(page.locator('p[role=status]').textContent()).resolves.toBe('Бұл сүзгіге сай хат жоқ.');
      await page.goto(`${BASE}/outbox?lang=en`);
    }, 30_000);

    it("refuses page form posts without the session's CSRF token, changing nothing", async () => {
      const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const server = t.app.getHttpServer();
      const before = (await t.admin.get('/api/notifications?limit=1').expect(200)).body.total;
      await request(server)
        .post(`/outbox/${failedId}/resend`)
        .set('Cookie', cookie)
        .type('form')
        .send({ csrf: 'forged' })
        .expect(403);
      await request(server).post(`/outbox/${failedId}/resend`).set('Cookie', cookie).type('form').send({}).expect(403);
      expect((await t.admin.get('/api/notifications?limit=1').expect(200)).body.total).toBe(before);

      const emptyPlan = await newPlan('2021');
      await request(server)
        .post(`/work-plan/${emptyPlan}/import`)
        .set('Cookie', cookie)
        .field('csrf', 'forged')
        .attach('file', FIXTURE)
        .expect(403);
      await request(server)
        .post(`/work-plan/${emptyPlan}/import/confirm`)
        .set('Cookie', cookie)
        .type('form')
        .send({ upload: 'x'.repeat(24) })
        .expect(403);
      expect(await itemCount(emptyPlan)).toBe(0);
      // Without a session the pages send people to sign in.
      await request(server)
        .post(`/outbox/${failedId}/resend`)
        .type('form')
        .send({})
        .expect(303)
        .expect('Location', '/sign-in');
    }, 30_000);
  });
});
