import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  PHONE,
  SCREENSHOTS,
  seriousViolations,
  signIn,
} from '../support/browser';
import { addOptions, confirmOption, createMeeting, invite, openPoll } from '../support/meeting-forms';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startDemoPageApp } from '../support/page-app';
import type { TestApp } from '../support/test-app';
import { importWorkPlanWithPreview } from '../support/work-plan-forms';

const PORT = 39610;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
// Бакыт Исаев serves in the Working Group and reads Russian.
const MEMBER = 'b.isaev@demo.wgecc.example';
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'wgecc-work-plan-2019.csv');

/**
 * The secretariat's week in one run, only through the pages and the emails: the work plan imported
 * with its preview, a meeting from tentative dates to invitations, a member answering from the
 * emailed link and finding the answer on their page, and the dashboard counting it.
 */
describe('the secretariat and a member, from the work plan to an answered invitation, in a real browser', () => {
  let t: TestApp;
  let wgId: string;
  let browser: Browser;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    ({ t, wgId } = await startDemoPageApp(smtp, PORT));
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp.stop();
  });

  it('imports the fixture with a preview, runs the poll, confirms, invites; the member answers by link and sees it; the dashboard counts it', async () => {
    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: wgId, title: { en: 'Work plan 2019', ru: 'Рабочий план 2019' }, period: '2019' })
        .expect(201)
    ).body;

    const secretariat = await (
      await browser.newContext({ viewport: DESKTOP, bypassCSP: true, locale: 'en-GB' })
    ).newPage();
    await signIn(secretariat, BASE, smtp, SECRETARIAT);

    const imported = await importWorkPlanWithPreview(secretariat, BASE, plan.id, FIXTURE, {
      onPreview: async () => {
        expect((await t.admin.get(`/api/work-plan-items?workPlanId=${plan.id}`).expect(200)).body.total).toBe(0);
      },
    });
    expect(imported.previewRows).toBe(8);
    expect((await t.admin.get(`/api/work-plan-items?workPlanId=${plan.id}`).expect(200)).body.total).toBe(8);
    expect(await secretariat.locator('table.table tbody tr').count()).toBe(8);

    const meetingId = await createMeeting(secretariat, BASE, {
      body: /Working Group on Environment and Climate Change/,
      number: '9',
      title: { en: '9th meeting of the WGECC', ru: '9-е заседание РГОСИК', kk: 'ЖТ 9-отырысы' },
      timeZone: 'Europe/Brussels',
      city: 'Brussels',
      countryCode: 'BE',
    });
    await addOptions(secretariat, BASE, meetingId, [
      { startsAt: '2031-11-27T10:00', endsAt: '2031-11-28T17:00', label: 'End of November' },
      { startsAt: '2031-12-03T10:00', label: 'Early December' },
    ]);
    smtp.clear();
    await openPoll(secretariat, BASE, meetingId);
    await waitFor(() => smtp.to(MEMBER).length === 1, { what: 'the poll email to the member' });

    await confirmOption(secretariat, BASE, meetingId, 'End of November');
    const counts = await invite(secretariat, BASE, meetingId, { fromBody: true });
    expect(counts).toMatch(/\d/);
    await waitFor(() => smtp.to(MEMBER).some((m) => /Буду участвовать \(/.test(m.parsed.text ?? '')), {
      what: 'the invitation to the member',
    });
    const invitation = smtp.to(MEMBER).find((m) => /Буду участвовать \(/.test(m.parsed.text ?? ''))!;
    const accept = /Буду участвовать \((https?:\/\/[^\s)]+\/a\/[A-Za-z0-9_.-]+)\)/.exec(
      invitation.parsed.text ?? '',
    )![1];

    // The member, on a phone, from the email: the link's page records nothing until confirmed.
    const member = await (await browser.newContext({ viewport: PHONE, bypassCSP: true })).newPage();
    await member.goto(accept);
    await expect(member.locator('html').getAttribute('lang')).resolves.toBe('ru');
    const answerOf = async () =>
      (
        (await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body as {
          email: string;
          response: string;
          respondedVia: string;
        }[]
      ).find((i) => i.email === MEMBER);
    expect((await answerOf())?.response).toBe('pending');
    await member.getByRole('button').click();
    await member.waitForSelector('h1');
    await expect(member.locator('h1').textContent()).resolves.toContain('Спасибо');
    expect(await answerOf()).toMatchObject({ response: 'accepted', respondedVia: 'email' });

    await signIn(member, BASE, smtp, MEMBER);
    const card = member.locator(`#m-${meetingId}`);
    await expect(card.locator('h3').textContent()).resolves.toBe('9-е заседание РГОСИК');
    await expect(card.locator('strong').first().textContent()).resolves.toBe('Буду участвовать');
    // A member's navigation offers only their own page.
    expect(await member.locator('header nav a[href="/"]').count()).toBe(0);
    expect(await seriousViolations(member)).toEqual([]);
    expect(await horizontalOverflow(member)).toBe(0);
    await member.screenshot({ path: join(SCREENSHOTS, 'flow-member-page-phone.png'), fullPage: true });

    await secretariat.goto(`${BASE}/?lang=en`);
    const entry = secretariat.locator('section[aria-labelledby="h-meetings"] li', {
      hasText: '9th meeting of the WGECC',
    });
    const invited = (
      (await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body as { invitedAt: string | null }[]
    ).filter((i) => i.invitedAt).length;
    expect(invited).toBeGreaterThan(1);
    await expect(entry.locator('.answers').textContent()).resolves.toBe(
      `1 of ${invited} accepted, ${invited - 1} not answered`,
    );
    expect(await seriousViolations(secretariat)).toEqual([]);
    await secretariat.screenshot({ path: join(SCREENSHOTS, 'flow-dashboard-desktop.png'), fullPage: true });
  }, 180_000);
});
