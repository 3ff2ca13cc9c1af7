import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { SmtpSink, waitFor } from './smtp-sink';

/** Where page tests save their screenshots (ignored by git). */
export const SCREENSHOTS = join(process.cwd(), 'test', 'screenshots');
export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

const axeSource = readFileSync(
  createRequire(join(process.cwd(), 'package.json')).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Debian's chromium, as the issue prescribes; CI installs it with apt-get. */
export function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Serious or critical accessibility problems axe-core finds on the page. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    (
      globalThis as unknown as {
        axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
      }
    ).axe.run({ resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length})`);
}

/** Signs in through the emailed link, as a person would; ends on the usual page: the dashboard for the secretariat, else /me. */
export async function signIn(page: Page, base: string, smtp: SmtpSink, email: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(/Email|почты|пошта/).fill(email);
  smtp.clear();
  await page.getByRole('button').click();
  await page.waitForSelector('p.notice');
  await waitFor(() => smtp.to(email).length === 1, { what: 'the sign-in email' });
  const link = /(https?:\/\/\S+\/sign-in\/[A-Za-z0-9_.-]+)/.exec(smtp.to(email)[0].parsed.text ?? '')![1];
  await page.goto(link);
  await Promise.all([
    page.waitForURL((url) => url.origin === base && (url.pathname === '/' || url.pathname === '/me')),
    page.getByRole('button').click(),
  ]);
}

/** How many pixels the page is wider than the window: 0 when nothing but its scrolling regions is wider than the screen. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as {
      innerWidth: number;
      document: { documentElement: { scrollWidth: number } };
    };
    return Math.max(0, document.documentElement.scrollWidth - innerWidth);
  });
}
