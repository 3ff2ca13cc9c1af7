import { Redis } from 'ioredis';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  PHONE,
  SCREENSHOTS,
  seriousViolations,
  signIn as signInWith,
} from '../support/browser';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { newPage as newBrowserPage, pageSession, startDemoPageApp } from '../support/page-app';
import type { TestApp } from '../support/test-app';
import { SESSION_COOKIE } from '../../src/sessions/sessions.service';
import { TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '../support/test-env';

const PORT = 39604;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
const ISAEV = 'b.isaev@demo.wgecc.example';

/**
 * The second pass over the pages: codes shown as words, the language switch keeping the page's query,
 * malformed ids answered with the 404 page, cancelling and postponing with a confirmation, proposed
 * dates in the calendar, substitutes and date polls on a member's own page, and the import's edges.
 */
describe('the pages, polished', () => {
  let t: TestApp;
  let browser: Browser;
  const smtp = new SmtpSink();
  let wgId: string;
  let isaevId: string;
  let colleague: { id: string; fullName: string; email: string };
  let scheduledId: string;
  /** The secretariat signs in once: sign-in is rate-limited per address, as it is for people. */
  let secretariatContext: BrowserContext;

  beforeAll(async () => {
    ({ t, wgId } = await startDemoPageApp(smtp, PORT));
    const isaev = (await t.admin.get(`/api/members?q=${encodeURIComponent(ISAEV)}`).expect(200)).body.items[0];
    isaevId = isaev.id;
    colleague = (
      await t.admin.get(`/api/members?country=${isaev.countryCode}&active=true&limit=200`).expect(200)
    ).body.items.find((m: { id: string }) => m.id !== isaevId);
    scheduledId = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: wgId,
          kind: 'working_group',
          number: 14,
          title: { en: '14th meeting of the WGECC', ru: '14-е заседание РГОСИК', kk: 'ЖТ 14-отырысы' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-06-10T10:00:00+05:00',
          endsAt: '2031-06-11T17:00:00+05:00',
        })
        .expect(201)
    ).body.id;
    await t.admin
      .post(`/api/meetings/${scheduledId}/invitations`)
      .send({ memberIds: [isaevId] })
      .expect(200);
    await waitFor(() => smtp.to(ISAEV).length === 1, { what: 'the invitation email' });
    browser = await launchBrowser();
    secretariatContext = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, locale: 'en-GB' });
    await signInWith(await secretariatContext.newPage(), BASE, smtp, SECRETARIAT);
  }, 90_000);

  afterAll(async () => {
    await secretariatContext?.close();
    await browser?.close();
    await t?.close();
    await smtp.stop();
  });

  const signIn = (page: Page, email: string) => signInWith(page, BASE, smtp, email);
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  /** A page of the signed-in secretariat at the given width; closing it keeps the session for the next test. */
  async function secretariatPage(viewport: { width: number; height: number }) {
    const page = await secretariatContext.newPage();
    await page.setViewportSize(viewport);
    return { context: { close: () => page.close() }, page };
  }

  /** The secretariat's session cookie and CSRF token, for requests a browser would not make. */
  async function secretariatSession(): Promise<{ cookie: string; csrf: string }> {
    const session = (await secretariatContext.cookies()).find((c) => c.name === SESSION_COOKIE)!;
    const cookie = `${session.name}=${session.value}`;
    const me = await t.anonymous.get('/me').set('Cookie', cookie).expect(200);
    return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(me.text)![1] };
  }

  const newPage = (viewport: { width: number; height: number }) => newBrowserPage(browser, viewport);

  const session = (email: string) => pageSession(t, smtp, email);

  it('shows statuses, email kinds, answers and languages as words in the reader’s language, never as stored codes', async () => {
    await waitFor(
      async () =>
        (await t.dataSource.query(`SELECT 1 FROM notification WHERE recipient_id = $1 AND status = 'sent'`, [isaevId]))
          .length > 0,
      { what: 'the invitation marked sent' },
    );
    const [invitation] = await t.dataSource.query(
      `SELECT id FROM notification WHERE recipient_id = $1 AND kind = 'meeting-invitation'`,
      [isaevId],
    );
    const failed = (await t.admin.post(`/api/notifications/${invitation.id}/resend`).expect(201)).body;
    await t.dataSource.query(
      `UPDATE notification SET status = 'failed', last_error = '550 mailbox unavailable' WHERE id = $1`,
      [failed.id],
    );

    const { context, page } = await secretariatPage(DESKTOP);
    await page.goto(`${BASE}/outbox?lang=ru`);
    const outbox = await page.locator('table.outbox tbody').textContent();
    expect(outbox).toContain('Приглашение');
    expect(outbox).toContain('отправлено');
    expect(outbox).toContain('не доставлено');
    expect(outbox).not.toMatch(/meeting-invitation|\bsent\b|\bfailed\b/);
    await expect(page.locator('#f-status option').allTextContents()).resolves.toContain('не доставлено');

    await page.goto(`${BASE}/?lang=kk`);
    const failedList = await page.locator('section[aria-labelledby="h-failed"]').textContent();
    expect(failedList).toContain('Шақыру');
    expect(failedList).not.toContain('meeting-invitation');

    await page.goto(`${BASE}/members/${isaevId}?lang=en`);
    const emails = await page.locator('section[aria-labelledby="h-emails"] tbody').textContent();
    expect(emails).toContain('Invitation');
    expect(emails).not.toContain('meeting-invitation');
    await expect(page.locator('section[aria-labelledby="h-meetings"] tbody').textContent()).resolves.toContain(
      'no answer yet',
    );
    const language = (await t.admin.get(`/api/members/${isaevId}`).expect(200)).body.language as 'en' | 'ru' | 'kk';
    await expect(page.locator('dl.facts dd[lang]').textContent()).resolves.toBe(
      { en: 'English', ru: 'Русский', kk: 'Қазақша' }[language],
    );
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 90_000);

  it('keeps the filters, month and page of the address when the language is switched', async () => {
    const { context, page } = await secretariatPage(DESKTOP);
    await page.goto(`${BASE}/outbox?status=sent&page=1`);
    await Promise.all([page.waitForURL(/lang=ru/), page.locator('.langs a[lang=ru]').click()]);
    const switched = new URL(page.url());
    expect(Object.fromEntries(switched.searchParams)).toEqual({ status: 'sent', page: '1', lang: 'ru' });
    await expect(page.getByLabel('Статус').inputValue()).resolves.toBe('sent');
    await expect(page.locator('h1').textContent()).resolves.not.toBe('Outbox');

    await page.goto(`${BASE}/meetings/calendar?month=2031-06`);
    await Promise.all([page.waitForURL(/lang=kk/), page.locator('.langs a[lang=kk]').click()]);
    expect(new URL(page.url()).searchParams.get('month')).toBe('2031-06');
    await expect(page.locator('caption').textContent()).resolves.toMatch(/2031/);
    await expect(page.locator('.langs a[aria-current]').textContent()).resolves.toBe('KK');
    await context.close();
  }, 60_000);

  it('answers a malformed id in a page address with the 404 page in the reader’s language', async () => {
    const { cookie, csrf } = await secretariatSession();
    for (const path of [
      '/members/abc',
      '/members/abc/edit',
      '/meetings/abc',
      '/meetings/abc/cancel',
      '/outbox/abc',
      '/work-plan/abc',
      '/work-plan/abc/import',
      '/bodies/abc',
    ]) {
      const response = await t.anonymous.get(`${path}?lang=ru`).set('Cookie', cookie);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toContain('По этому адресу ничего нет');
    }
    const posted = await t.anonymous
      .post('/me/meetings/abc/answer')
      .set('Cookie', `${cookie}; wgs_lang=kk`)
      .type('form')
      .send({ csrf, response: 'accepted' });
    expect(posted.status).toBe(404);
    expect(posted.text).toContain('Бұл мекенжайда ештеңе жоқ');
    // Without a session the page asks to sign in first, as every page does.
    await t.anonymous.get('/members/abc').expect(303).expect('Location', '/sign-in?next=%2Fmembers%2Fabc');
  }, 60_000);

  it('postpones and cancels a meeting after a confirmation page; a refused reason keeps what was typed; the participants get the METHOD:CANCEL emails', async () => {
    const { context, page } = await secretariatPage(PHONE);
    await page.goto(`${BASE}/meetings/${scheduledId}?lang=en`);
    await Promise.all([
      page.waitForURL(`${BASE}/meetings/${scheduledId}/postpone`),
      page.getByRole('link', { name: 'Postpone the meeting…' }).click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Postpone “14th meeting of the WGECC”?');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await shoot(page, 'meeting-postpone-phone');

    const tooLong = 'The venue is not available. '.repeat(40);
    await page.getByLabel('Reason, sent to the participants (optional)').fill(tooLong);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Yes, postpone the meeting and tell everyone' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await page.waitForSelector('#reason-error');
    await expect(page.locator('#reason-error').textContent()).resolves.toContain('reason');
    await expect(page.getByLabel('Reason, sent to the participants (optional)').inputValue()).resolves.toBe(tooLong);
    expect((await t.admin.get(`/api/meetings/${scheduledId}`).expect(200)).body.status).toBe('scheduled');

    smtp.clear();
    await page.getByLabel('Reason, sent to the participants (optional)').fill('The venue is not available in June.');
    await Promise.all([
      page.waitForURL(/done=postponed/),
      page.getByRole('button', { name: 'Yes, postpone the meeting and tell everyone' }).click(),
    ]);
    await expect(page.locator('dd.status').textContent()).resolves.toBe('postponed');
    expect((await t.admin.get(`/api/meetings/${scheduledId}`).expect(200)).body.status).toBe('postponed');
    const postponement = await waitFor(() => smtp.to(ISAEV).find((m) => m.calendarMethod === 'CANCEL'), {
      what: 'the postponement with a calendar CANCEL',
    });
    expect(postponement!.parsed.text).toContain('The venue is not available in June.');
    // A postponed meeting cannot be postponed again: the page offers only cancelling.
    await expect(page.getByRole('link', { name: 'Postpone the meeting…' }).count()).resolves.toBe(0);

    smtp.clear();
    await Promise.all([
      page.waitForURL(`${BASE}/meetings/${scheduledId}/cancel`),
      page.getByRole('link', { name: 'Cancel the meeting…' }).click(),
    ]);
    await page.getByRole('link', { name: 'No, keep the meeting as it is' }).isVisible();
    await Promise.all([
      page.waitForURL(/done=cancelled/),
      page.getByRole('button', { name: 'Yes, cancel the meeting and tell everyone' }).click(),
    ]);
    await expect(page.locator('dd.status').textContent()).resolves.toBe('cancelled');
    await waitFor(() => smtp.to(ISAEV).find((m) => m.calendarMethod === 'CANCEL'), {
      what: 'the cancellation with a calendar CANCEL',
    });
    await expect(page.getByRole('link', { name: 'Cancel the meeting…' }).count()).resolves.toBe(0);

    // Confirming once more (a second tab, a reload) is refused with the service's sentence, not a 500.
    await page.goto(`${BASE}/meetings/${scheduledId}/cancel`);
    const [again] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Yes, cancel the meeting and tell everyone' }).click(),
    ]);
    expect(again.status()).toBe(409);
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('it cannot be cancelled');
    await context.close();
  }, 90_000);

  it('lets a member send a substitute and answer an open date poll from their own page; the calendar shows the poll’s dates as proposed', async () => {
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: wgId,
          kind: 'working_group',
          number: 15,
          title: { en: '15th meeting of the WGECC', ru: '15-е заседание РГОСИК' },
          timeZone: 'Asia/Almaty',
        })
        .expect(201)
    ).body;
    const early = (
      await t.admin
        .post(`/api/meetings/${meeting.id}/date-options`)
        .send({ startsAt: '2031-11-27T10:00:00+05:00', endsAt: '2031-11-27T17:00:00+05:00', label: 'End of November' })
        .expect(201)
    ).body;
    const late = (
      await t.admin
        .post(`/api/meetings/${meeting.id}/date-options`)
        .send({ startsAt: '2031-12-03T10:00:00+05:00', label: 'Early December' })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/poll`)
      .send({ memberIds: [isaevId] })
      .expect(200);
    const dated = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: wgId,
          kind: 'technical',
          title: { en: 'Technical meeting on air quality' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-11-20T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${dated.id}/invitations`)
      .send({ memberIds: [isaevId] })
      .expect(200);

    const { context, page } = await newPage(PHONE);
    await signIn(page, ISAEV);
    await page.goto(`${BASE}/me?lang=en`);
    const pollCard = page.locator(`#m-${meeting.id}`);
    await pollCard.getByRole('group', { name: 'End of November' }).getByLabel('Yes').check();
    await pollCard.getByRole('group', { name: 'Early December' }).getByLabel('If need be').check();
    await Promise.all([
      page.waitForURL(/done=poll/),
      pollCard.getByRole('button', { name: 'Save my answers on the dates' }).click(),
    ]);
    await expect(page.locator('p.notice').textContent()).resolves.toBe('Your answers on the dates are recorded.');
    const matrix = (await t.admin.get(`/api/meetings/${meeting.id}/poll`).expect(200)).body;
    expect(matrix.participants.find((p: { memberId: string }) => p.memberId === isaevId).answers).toEqual({
      [early.id]: 'yes',
      [late.id]: 'if_need_be',
    });
    await expect(
      page
        .locator(`#m-${meeting.id}`)
        .getByRole('group', { name: 'Early December' })
        .getByLabel('If need be')
        .isChecked(),
    ).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await shoot(page, 'me-poll-substitute-phone');

    // Sending a substitute without naming one: the API's sentence beside the answer, nothing changed.
    const card = page.locator(`#m-${dated.id}`);
    await card.getByLabel('A substitute comes instead', { exact: true }).check();
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      card.getByRole('button', { name: 'Save my answer' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await expect(page.locator(`#answer-${dated.id}-error`).textContent()).resolves.toContain(
      'Who comes instead (with “A substitute comes instead”): choose one from the list.',
    );
    await expect(
      page.locator(`#m-${dated.id}`).getByLabel('A substitute comes instead', { exact: true }).isChecked(),
    ).resolves.toBe(true);
    await page
      .locator(`#m-${dated.id}`)
      .getByLabel(/Who comes instead/)
      .selectOption(colleague.id);
    await Promise.all([
      page.waitForURL(/done=answer/),
      page.locator(`#m-${dated.id}`).getByRole('button', { name: 'Save my answer' }).click(),
    ]);
    const invitations = (await t.admin.get(`/api/meetings/${dated.id}/invitations`).expect(200)).body as {
      memberId: string;
      response: string;
      delegate: { id: string } | null;
    }[];
    expect(invitations.find((i) => i.memberId === isaevId)).toMatchObject({
      response: 'delegated',
      delegate: { id: colleague.id },
    });
    await waitFor(() => smtp.to(colleague.email).some((m) => m.calendarMethod === 'REQUEST'), {
      what: 'the substitute’s invitation',
    });
    await expect(
      page
        .locator(`#m-${dated.id}`)
        .getByLabel(/Who comes instead/)
        .inputValue(),
    ).resolves.toBe(colleague.id);
    await context.close();

    // A poll answer that is not one of the three is refused before anything is written.
    const { cookie, csrf } = await session(ISAEV);
    const wrong = await t.anonymous
      .post(`/me/meetings/${meeting.id}/poll`)
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf, [`option.${early.id}`]: 'no', [`option.${late.id}`]: 'perhaps' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('answer must be one of yes, if_need_be, no');
    const unchanged = (await t.admin.get(`/api/meetings/${meeting.id}/poll`).expect(200)).body;
    expect(unchanged.participants.find((p: { memberId: string }) => p.memberId === isaevId).answers[early.id]).toBe(
      'yes',
    );
    const empty = await t.anonymous
      .post(`/me/meetings/${meeting.id}/poll`)
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('choose an answer for at least one date');

    // The secretariat's month calendar draws the tentative meeting's timed dates, marked as proposed.
    const secretariat = await secretariatPage(DESKTOP);
    await secretariat.page.goto(`${BASE}/meetings/calendar?month=2031-11&lang=en`);
    const proposed = secretariat.page.locator('td[data-date="2031-11-27"] li.option');
    await expect(proposed.textContent()).resolves.toContain('15th meeting of the WGECC (End of November)');
    await expect(proposed.locator('.tag').textContent()).resolves.toBe('proposed date');
    await expect(
      secretariat.page.locator('td[data-date="2031-11-20"] li:not(.option)').textContent(),
    ).resolves.toContain('Technical meeting on air quality');
    expect(await seriousViolations(secretariat.page)).toEqual([]);
    await shoot(secretariat.page, 'meetings-calendar-options-desktop');
    await secretariat.context.close();
  }, 120_000);

  describe('the work-plan import’s edges', () => {
    let planId: string;
    let secretariat: { cookie: string; csrf: string };

    beforeAll(async () => {
      planId = (
        await t.admin
          .post('/api/work-plans')
          .send({ bodyId: wgId, title: { en: 'Work plan 2032' }, period: '2032' })
          .expect(201)
      ).body.id;
      secretariat = await secretariatSession();
    });

    it('refuses a file over 10 MB with the message beside the file field', async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
      const posted = await t.anonymous
        .post(`/work-plan/${planId}/import`)
        .set('Cookie', secretariat.cookie)
        .field('csrf', secretariat.csrf)
        .attach('file', big, 'plan.csv');
      expect(posted.status).toBe(303);
      expect(posted.headers.location).toBe(`/work-plan/${planId}/import?problem=too_large`);
      const shown = await t.anonymous.get(posted.headers.location).set('Cookie', `${secretariat.cookie}; wgs_lang=en`);
      expect(shown.status).toBe(413);
      expect(shown.text).toMatch(/<p class="error" id="e-file" role="alert">The file is larger than 10 MB/);
      expect((await t.admin.get(`/api/work-plan-items?workPlanId=${planId}`).expect(200)).body.total).toBe(0);
    }, 60_000);

    it('says a kept upload has expired and imports nothing', async () => {
      const csv = 'activity,deadline\n"Regional workshop on water quality","March 2032"\n';
      const preview = await t.anonymous
        .post(`/work-plan/${planId}/import`)
        .set('Cookie', `${secretariat.cookie}; wgs_lang=en`)
        .field('csrf', secretariat.csrf)
        .attach('file', Buffer.from(csv), 'plan.csv');
      expect(preview.status).toBe(200);
      const upload = /name="upload" value="([^"]+)"/.exec(preview.text)![1];
      const redis = new Redis(TEST_REDIS_URL);
      try {
        // Its 30 minutes run out.
        expect(await redis.pexpire(`${TEST_QUEUE_PREFIX}:page-upload:${upload}`, 1)).toBe(1);
        await waitFor(async () => (await redis.exists(`${TEST_QUEUE_PREFIX}:page-upload:${upload}`)) === 0, {
          what: 'the kept file to expire',
        });
      } finally {
        redis.disconnect();
      }
      const confirmed = await t.anonymous
        .post(`/work-plan/${planId}/import/confirm`)
        .set('Cookie', `${secretariat.cookie}; wgs_lang=en`)
        .type('form')
        .send({ csrf: secretariat.csrf, upload });
      expect(confirmed.status).toBe(410);
      expect(confirmed.text).toContain(
        'The uploaded file is no longer kept (files are kept for 30 minutes). Please choose it again.',
      );
      expect((await t.admin.get(`/api/work-plan-items?workPlanId=${planId}`).expect(200)).body.total).toBe(0);
    }, 60_000);
  });
});
