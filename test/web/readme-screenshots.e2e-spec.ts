import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { LivingGroupDemo } from '../../src/demo/living-group';
import { DESKTOP, horizontalOverflow, PHONE, seriousViolations } from '../support/browser';
import { signedInPage, pageSuite } from '../support/page-suite';

/** The README shows these pictures; this spec takes them again from the living demo. */
const README_SHOTS = join(process.cwd(), 'test', 'web', 'readme');

/**
 * The README's screenshots, from the demo as `npm run setup -- --demo` leaves it: the secretariat's
 * dashboard, a date poll, the work plan's timeline, a member's own page and a meeting as members in three
 * languages see it, each page accessible and fitting its screen.
 */
describe('the README’s screenshots', () => {
  const suite = pageSuite(39821);
  const pages: Record<string, Page> = {};

  beforeAll(async () => {
    // Everyone signs in before the demo's emails start arriving: a sign-in waits for exactly one email.
    for (const [who, email, viewport] of [
      ['secretariat', 'l.bianchi@demo.wgecc.example', DESKTOP],
      ['tashkent', 'd.yusupova@demo.wgecc.example', PHONE],
      ['bishkek', 'b.isaev@demo.wgecc.example', PHONE],
      ['almaty', 'a.sadykova@demo.wgecc.example', PHONE],
    ] as const)
      pages[who] = (await signedInPage(suite, email, viewport)).page;
    await new LivingGroupDemo(suite.t.app).load();
  }, 120_000);

  const meetingOf = async (status: string) =>
    (
      (await suite.t.admin.get('/api/meetings?limit=50').expect(200)).body.items as { id: string; status: string }[]
    ).find((m) => m.status === status)!.id;

  const shoot = async (page: Page, path: string, name: string, clipTo?: string) => {
    await page.goto(`${suite.base}${path}`);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    const bottom = clipTo ? await page.locator(clipTo).evaluate((e) => e.getBoundingClientRect().bottom + 16) : 0;
    await page.screenshot({
      path: join(README_SHOTS, `${name}.png`),
      fullPage: true,
      ...(clipTo ? { clip: { x: 0, y: 0, width: page.viewportSize()!.width, height: Math.ceil(bottom) } } : {}),
    });
  };

  it('shows the secretariat’s dashboard, a date poll and the work plan’s timeline', async () => {
    const page = pages.secretariat;
    await shoot(page, '/?lang=en', 'dashboard-desktop');
    await expect(page.locator('h1').textContent()).resolves.toBe('Dashboard');

    await shoot(page, `/meetings/${await meetingOf('tentative')}`, 'meeting-date-poll-desktop', '#matrix');
    expect(await page.locator('#matrix tbody tr').count()).toBeGreaterThan(3);

    await shoot(page, '/work-plan', 'work-plan-timeline-desktop', 'table.table');
    expect(await page.locator('figure.gantt svg rect').count()).toBeGreaterThan(3);
  }, 120_000);

  it('shows a member’s own page and a meeting as members see it in English, Russian and Kazakh', async () => {
    await shoot(pages.bishkek, '/me?lang=ru', 'my-page-phone');
    const scheduled = await meetingOf('scheduled');
    for (const [who, language] of [
      ['tashkent', 'en'],
      ['bishkek', 'ru'],
      ['almaty', 'kk'],
    ] as const) {
      await shoot(pages[who], `/meetings/${scheduled}?lang=${language}`, `member-meeting-${language}-phone`);
      await expect(pages[who].locator('html').getAttribute('lang')).resolves.toBe(language);
    }
  }, 120_000);
});
