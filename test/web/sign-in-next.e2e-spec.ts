import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DESKTOP, launchBrowser, SCREENSHOTS, seriousViolations, signIn } from '../support/browser';
import { newPage, startDemoPageApp } from '../support/page-app';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import type { TestApp } from '../support/test-app';

const PORT = 39791;
const BASE = `http://127.0.0.1:${PORT}`;
const ISAEV = 'b.isaev@demo.wgecc.example';
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';

describe('a signed-out member opening a page from an email', () => {
  let t: TestApp;
  let browser: Browser;
  const smtp = new SmtpSink();
  let wgId: string;

  beforeAll(async () => {
    ({ t, wgId } = await startDemoPageApp(smtp, PORT));
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp.stop();
  });

  it('is told to sign in, and lands on the poll page they asked for', async () => {
    const isaevId = (await t.admin.get(`/api/members?q=${encodeURIComponent(ISAEV)}`).expect(200)).body.items[0].id;
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({ bodyId: wgId, kind: 'working_group', number: 31, title: { en: 'Meeting 31' }, timeZone: 'Asia/Almaty' })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/date-options`)
      .send({ startsAt: '2031-11-27T10:00:00+05:00', label: 'End of November' })
      .expect(201);
    await t.admin
      .post(`/api/meetings/${meeting.id}/poll`)
      .send({ memberIds: [isaevId] })
      .expect(200);

    const { context, page } = await newPage(browser, DESKTOP);
    const asked = `/meetings/${meeting.id}/poll?lang=ru`;
    await page.goto(`${BASE}${asked}`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('Sign in to open this page.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-next-en.png'), fullPage: true });

    await page.getByLabel('Email address').fill(ISAEV);
    smtp.clear();
    await page.getByRole('button').click();
    await page.waitForSelector('p.notice >> text=sign-in link');
    await waitFor(() => smtp.to(ISAEV).length === 1, { what: 'the sign-in email' });
    const link = /(https?:\/\/\S+\/sign-in\/[A-Za-z0-9_.-]+)/.exec(smtp.to(ISAEV)[0].parsed.text ?? '')![1];
    await page.goto(link);
    await Promise.all([page.waitForURL(`${BASE}${asked}`), page.getByRole('button').click()]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
    await context.close();
  });

  it('lands the secretariat on the dashboard', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, BASE, smtp, SECRETARIAT);
    expect(new URL(page.url()).pathname).toBe('/');
    await context.close();
  });
});
