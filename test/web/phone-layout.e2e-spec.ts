import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, horizontalOverflow, launchBrowser, PHONE, seriousViolations, signIn } from '../support/browser';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startDemoPageApp } from '../support/page-app';
import type { TestApp } from '../support/test-app';

const PORT = 39605;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';

interface AxNode {
  role?: { value: string };
  name?: { value: string };
  ignored: boolean;
}

/**
 * How the pages read on a 390 px phone: data tables become one labelled card per row (their
 * header row kept for screen readers), the date-poll matrix and the month calendar keep their
 * grid and scroll sideways, the header stays compact and every control is big enough to tap.
 */
describe('the pages on a phone', () => {
  let t: TestApp;
  let browser: Browser;
  const smtp = new SmtpSink();
  const contexts: Record<'phone' | 'desktop', { context: BrowserContext; page: Page }> = {} as never;
  let planId: string;
  let wgId: string;
  let meetingId: string;

  beforeAll(async () => {
    ({ t, wgId } = await startDemoPageApp(smtp, PORT));
    planId = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: wgId, title: { en: 'Work plan 2019' }, period: '2019' })
        .expect(201)
    ).body.id;
    await t.admin
      .post(`/api/work-plans/${planId}/import`)
      .attach('file', readFileSync(join(process.cwd(), 'test', 'fixtures', 'wgecc-work-plan-2019.csv')), 'plan.csv')
      .expect(200);
    meetingId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: wgId,
          kind: 'working_group',
          number: 9,
          title: { en: '9th meeting of the WGECC' },
          timeZone: 'Europe/Brussels',
        })
        .expect(201)
    ).body.id;
    for (const option of [
      { startsAt: '2031-11-27T10:00:00+01:00', label: 'End of November' },
      { startsAt: '2031-12-03T10:00:00+01:00', label: 'Early December' },
      { text: 'февраль 2032', label: 'February' },
    ]) {
      await t.admin.post(`/api/meetings/${meetingId}/date-options`).send(option).expect(201);
    }
    browser = await launchBrowser();
    // One sign-in (rate-limited per address), its session shared by the phone and the desktop.
    const first = await browser.newContext({ viewport: PHONE, bypassCSP: true, locale: 'en-GB' });
    contexts.phone = { context: first, page: await first.newPage() };
    await signIn(contexts.phone.page, BASE, smtp, SECRETARIAT);
    const desktop = await browser.newContext({
      viewport: DESKTOP,
      bypassCSP: true,
      locale: 'en-GB',
      storageState: await first.storageState(),
    });
    contexts.desktop = { context: desktop, page: await desktop.newPage() };
    // Opened after the sign-in, whose check counts the secretariat's emails.
    await t.admin.post(`/api/meetings/${meetingId}/poll`).send({ fromBody: true }).expect(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp.stop();
  });

  /** The first body row of the page's first card table: each cell's box and the label drawn before it. */
  const firstRow = (page: Page) =>
    page
      .locator('table.stack')
      .first()
      .evaluate((element) => {
        interface Box {
          getBoundingClientRect(): { width: number; height: number };
        }
        interface Node extends Box {
          textContent: string | null;
          childNodes: ArrayLike<unknown>;
          children: ArrayLike<Node>;
          querySelector(s: string): Node | null;
          querySelectorAll(s: string): ArrayLike<Node>;
        }
        const { getComputedStyle } = globalThis as unknown as {
          getComputedStyle(this: void, e: Node, pseudo?: string): { content: string; display: string };
        };
        const table = element as unknown as Node;
        const headers = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent!.trim());
        const cells = Array.from(table.querySelector('tbody tr')!.children).map((cell) => ({
          label: getComputedStyle(cell, '::before').content,
          display: getComputedStyle(cell).display,
          width: cell.getBoundingClientRect().width,
          empty: cell.childNodes.length === 0,
        }));
        return {
          headers,
          cells,
          tableWidth: table.getBoundingClientRect().width,
          headHeight: table.querySelector('thead')!.getBoundingClientRect().height,
        };
      });

  it('shows each data table as one labelled card per row on a phone, and as a table on a desktop', async () => {
    for (const path of [
      '/members?lang=en',
      `/work-plan/${planId}?lang=en`,
      `/bodies/${wgId}?lang=en`,
      '/outbox?lang=en',
      `/members?lang=ru`,
    ]) {
      const phone = contexts.phone.page;
      await phone.goto(`${BASE}${path}`);
      const card = await firstRow(phone);
      expect(card.headers.length).toBeGreaterThanOrEqual(3);
      expect(card.headHeight).toBeLessThanOrEqual(1);
      card.cells.forEach((cell, column) => {
        // Every cell spans the card instead of a one-word strip…
        if (!cell.empty) expect(cell.width).toBeGreaterThan(card.tableWidth - 60);
        // …and, but the first (the card's heading), is labelled with its column's header.
        expect(cell.label).toBe(column === 0 ? 'none' : `"${card.headers[column]}" / ""`);
      });
      expect(await horizontalOverflow(phone)).toBe(0);
      expect(await seriousViolations(phone)).toEqual([]);

      const desktop = contexts.desktop.page;
      await desktop.goto(`${BASE}${path}`);
      const row = await firstRow(desktop);
      expect(row.headHeight).toBeGreaterThan(20);
      expect(row.cells.map((cell) => cell.display)).toEqual(row.cells.map(() => 'table-cell'));
      expect(row.cells.map((cell) => cell.label)).toEqual(row.cells.map(() => 'none'));
    }
  }, 120_000);

  it('keeps a card table a table for screen readers: its column headers and cells, each cell read without the drawn label', async () => {
    const { context, page } = contexts.phone;
    await page.goto(`${BASE}/members?lang=en`);
    const cdp = await context.newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AxNode[] };
    const named = (role: string) => nodes.filter((n) => !n.ignored && n.role?.value === role).map((n) => n.name?.value);
    expect(named('table')).toHaveLength(1);
    expect(named('columnheader')).toEqual(['Name', 'Email', 'Country', 'Organisation', 'Status']);
    expect(named('cell')).toContain('anna.schmidt@demo.wgecc.example');
    expect(named('cell')).toContain('European Commission');
    await cdp.detach();
  }, 60_000);

  it('keeps the date-poll matrix and the month calendar as grids that scroll sideways in a labelled region the keyboard can scroll', async () => {
    const page = contexts.phone.page;
    for (const [path, labelId] of [
      [`/meetings/${meetingId}?lang=en`, 'h-matrix'],
      ['/meetings/calendar?month=2031-11&lang=en', 'cal-caption'],
    ] as const) {
      await page.goto(`${BASE}${path}`);
      const region = page.locator(`[role=region][aria-labelledby="${labelId}"]`);
      const label = page.locator(`#${labelId}`);
      await expect(label.isVisible()).resolves.toBe(true);
      await expect(region.getAttribute('tabindex')).resolves.toBe('0');
      const sizes = await region.evaluate((r) => ({ scroll: r.scrollWidth, client: r.clientWidth }));
      expect(sizes.scroll).toBeGreaterThan(sizes.client);
      await region.focus();
      await page.keyboard.press('ArrowRight');
      // Chromium scrolls smoothly: wait until the grid has moved.
      await waitFor(async () => (await region.evaluate((r) => r.scrollLeft)) > 0, {
        what: 'the grid to scroll with the arrow key',
      });
      // The page itself does not scroll sideways: only the grid does.
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    }
    // The people stay in view while the dates scroll.
    await page.goto(`${BASE}/meetings/${meetingId}?lang=en`);
    const name = page.locator('table.matrix tbody th').first();
    const before = (await name.boundingBox())!.x;
    await page.locator('[role=region][aria-labelledby="h-matrix"]').evaluate((r) => r.scrollBy(200, 0));
    // (Half a pixel of the collapsed border may move; without sticking the name would move 200 px.)
    expect(Math.abs((await name.boundingBox())!.x - before)).toBeLessThanOrEqual(1);
  }, 60_000);

  it('keeps the header within a quarter of the screen in every language, and every button, field and navigation link at least 44 px tall', async () => {
    const page = contexts.phone.page;
    for (const language of ['en', 'ru', 'kk']) {
      await page.goto(`${BASE}/outbox?lang=${language}`);
      const header = (await page.locator('header.site').boundingBox())!;
      expect(header.height).toBeLessThanOrEqual(PHONE.height / 4);
    }
    for (const path of [
      `/meetings/${meetingId}?lang=en`,
      '/members',
      `/work-plan/${planId}`,
      '/outbox',
      '/meetings/calendar',
      `/bodies/${wgId}`,
      '/me',
    ]) {
      await page.goto(`${BASE}${path}`);
      const tooSmall = await page.evaluate(() => {
        const { document } = globalThis as unknown as {
          document: {
            querySelectorAll(s: string): ArrayLike<{
              getClientRects(): ArrayLike<unknown>;
              getBoundingClientRect(): { height: number };
              outerHTML: string;
            }>;
          };
        };
        const targets = Array.from(
          document.querySelectorAll(
            'button, select, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), header.site a, a.action, a.button, .pager a, p.actions a, ul.actions a',
          ),
        );
        return targets
          .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().height < 44)
          .map((e) => e.outerHTML.slice(0, 80));
      });
      expect({ path, tooSmall }).toEqual({ path, tooSmall: [] });
    }
  }, 60_000);
});
