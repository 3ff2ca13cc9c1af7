import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, horizontalOverflow, launchBrowser, PHONE, SCREENSHOTS, seriousViolations, signIn } from './browser';
import { newPage, startDemoPageApp } from './page-app';
import { SmtpSink } from './smtp-sink';
import { startTestApp } from './test-app';
import type { TestApp } from './test-app';

/** What a page spec works with; filled in by the suite's beforeAll. */
export interface PageSuite {
  t: TestApp;
  smtp: SmtpSink;
  browser: Browser;
  base: string;
  /** The demo's Working Group (demo suites only). */
  wgId: string;
}

/**
 * The app a page spec drives, on the spec's own port with its emails caught, and Chromium; all closed after
 * the suite. The WGECC demo is loaded unless `demo` is false; `env` adds to the app's settings.
 */
export function pageSuite(
  port: number,
  options: { demo?: boolean; browser?: boolean; env?: Record<string, string> } = {},
): PageSuite {
  const base = `http://127.0.0.1:${port}`;
  const suite = { smtp: new SmtpSink(), base } as PageSuite;
  beforeAll(async () => {
    if (options.demo === false) {
      await suite.smtp.start();
      suite.t = await startTestApp({ SMTP_URL: suite.smtp.url, APP_URL: base, ...options.env });
      if (options.browser !== false) await suite.t.app.listen(port, '127.0.0.1');
    } else ({ t: suite.t, wgId: suite.wgId } = await startDemoPageApp(suite.smtp, port));
    if (options.browser !== false) suite.browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.t?.close();
    await suite.smtp.stop();
  });
  return suite;
}

/** A fresh browser context (its own cookies) signed in as `email`. */
export async function signedInPage(
  suite: PageSuite,
  email: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newPage(suite.browser, viewport);
  await signIn(opened.page, suite.base, suite.smtp, email);
  return opened;
}

/** Posts the form through its button and waits for the page that answers. */
export async function submit(page: Page, name: string | RegExp): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);
}

/** The page has no serious accessibility problem and fits desktop and phone; a screenshot of each. */
export async function shootBothSizes(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  for (const [device, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${device}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}
