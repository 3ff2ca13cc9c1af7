import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  horizontalOverflow,
  launchBrowser,
  SCREENSHOTS as SHOTS,
  seriousViolations,
  signIn as signInWith,
} from '../support/browser';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startDemoPageApp } from '../support/page-app';
import type { TestApp } from '../support/test-app';

const PORT = 39517;
const BASE = `http://127.0.0.1:${PORT}`;

describe('the secretariat pages in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  const smtp = new SmtpSink();
  let meetingId: string;
  let pollEmailText = '';

  beforeAll(async () => {
    let wgId: string;
    ({ t, wgId } = await startDemoPageApp(smtp, PORT));
    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: wgId, title: { en: 'Work plan 2019', ru: 'Рабочий план 2019' }, period: '2019' })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/work-plans/${plan.id}/import`)
      .attach('file', readFileSync(join(process.cwd(), 'test', 'fixtures', 'wgecc-work-plan-2019.csv')), 'plan.csv')
      .expect(200);
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
    meetingId = meeting.id;
    for (const option of [
      { startsAt: '2031-11-27T10:00:00+01:00', label: 'End of November' },
      { startsAt: '2031-12-03T10:00:00+01:00', label: 'Early December' },
      { text: 'февраль 2032', label: 'February' },
    ]) {
      await t.admin.post(`/api/meetings/${meeting.id}/date-options`).send(option).expect(201);
    }
    await t.admin.post(`/api/meetings/${meeting.id}/poll`).send({ fromBody: true }).expect(200);
    await waitFor(() => smtp.to('b.isaev@demo.wgecc.example').length === 1, { what: 'the poll email' });
    pollEmailText = smtp.to('b.isaev@demo.wgecc.example')[0].parsed.text ?? '';
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t.close();
    await smtp.stop();
  });

  const signIn = (page: Page, email: string) => signInWith(page, BASE, smtp, email);

  it('signs the secretariat in and shows the dashboard, the work plan with its timeline and the meeting poll, accessibly, on desktop and phone', async () => {
    for (const [device, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ viewport, bypassCSP: true, locale: 'en-GB' });
      const page = await context.newPage();
      await signIn(page, 'l.bianchi@demo.wgecc.example');

      await page.goto(`${BASE}/?lang=en`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Dashboard');
      await expect(page.locator('#h-overdue').textContent()).resolves.toBe('Overdue activities');
      expect(await page.locator('section[aria-labelledby="h-overdue"] li').count()).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
      await page.screenshot({ path: join(SHOTS, `dashboard-${device}.png`), fullPage: true });

      await page.goto(`${BASE}/work-plan`);
      expect(await page.locator('figure.gantt svg rect').count()).toBeGreaterThanOrEqual(10);
      expect(await page.locator('table.table tbody tr').count()).toBe(8);
      await expect(page.locator('table.table').textContent()).resolves.toContain(
        'Конец ноября или начало декабря 2019 или февраль 2020',
      );
      expect(await seriousViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
      await page.screenshot({ path: join(SHOTS, `work-plan-${device}.png`), fullPage: true });

      await page.goto(`${BASE}/meetings/${meetingId}?lang=ru`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('9-е заседание РГОСИК');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
      expect(await page.locator('table.table thead th').count()).toBe(4);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
      await page.screenshot({ path: join(SHOTS, `meeting-${device}.png`), fullPage: true });
      // The language chosen is remembered on the next page.
      await page.goto(`${BASE}/meetings`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Заседания');
      await context.close();
    }
  }, 120_000);

  it('greets a visitor without a cookie in the first of our languages their browser accepts', async () => {
    for (const [acceptLanguage, language, heading] of [
      ['de,ru;q=0.8', 'ru', 'Вход'],
      ['kk-KZ', 'kk', 'Кіру'],
      ['fr-FR,fr;q=0.9,kk;q=0.5,ru;q=0.6', 'ru', 'Вход'],
      ['de-DE', 'en', 'Sign in'],
    ]) {
      const context = await browser.newContext({ extraHTTPHeaders: { 'Accept-Language': acceptLanguage } });
      const page = await context.newPage();
      await page.goto(`${BASE}/sign-in`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(heading);
      await context.close();
    }
  }, 60_000);

  it('lets a member answer the date poll from the emailed link on a phone, and keeps members out of secretariat pages', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    const page = await context.newPage();
    // Бакыт Исаев reads Russian: the first option's "Да" link.
    const yes = /Да \((https?:\/\/[^\s)]+\/a\/[A-Za-z0-9_.-]+)\)/.exec(pollEmailText)![1];
    await page.goto(yes);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'poll-answer-phone.png'), fullPage: true });
    await page.getByRole('button').click();
    await page.waitForSelector('h1');
    await expect(page.locator('h1').textContent()).resolves.toContain('Спасибо');
    const matrix = (await t.admin.get(`/api/meetings/${meetingId}/poll`).expect(200)).body;
    const isaev = matrix.participants.find((p: { fullName: string }) => p.fullName === 'Бакыт Исаев');
    expect(isaev.answers[matrix.options[0].id]).toBe('yes');

    await signIn(page, 'b.isaev@demo.wgecc.example');
    const refused = await page.goto(`${BASE}/`);
    expect(refused!.status()).toBe(403);
    await context.close();
  }, 60_000);
});
