import { t as message } from '../../src/common/i18n/messages';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
import type { TestApp } from '../support/test-app';
import { newPage as newBrowserPage, pageSession, startDemoPageApp } from '../support/page-app';

const PORT = 39601;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
const ISAEV = 'b.isaev@demo.wgecc.example';

describe('the members, bodies and "my page" pages in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  const smtp = new SmtpSink();
  let wg: { id: string };
  let meetingId: string;
  let itemId: string;
  let isaevId: string;

  beforeAll(async () => {
    let wgId: string;
    ({ t, wgId } = await startDemoPageApp(smtp, PORT));
    wg = { id: wgId };
    isaevId = (await t.admin.get(`/api/members?q=${encodeURIComponent(ISAEV)}`).expect(200)).body.items[0].id;
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: wg.id,
          kind: 'working_group',
          number: 12,
          title: { en: '12th meeting of the WGECC', ru: '12-е заседание РГОСИК', kk: 'ЖТ 12-отырысы' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-06-10T10:00:00+05:00',
          endsAt: '2031-06-11T17:00:00+05:00',
        })
        .expect(201)
    ).body;
    meetingId = meeting.id;
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [isaevId] })
      .expect(200);
    await waitFor(() => smtp.to(ISAEV).length === 1, { what: 'the invitation email' });
    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: wg.id, title: { en: 'Work plan 2031' }, period: '2031' })
        .expect(201)
    ).body;
    itemId = (
      await t.admin
        .post(`/api/work-plans/${plan.id}/items`)
        .send({
          activity: { en: 'Regional report on air quality', ru: 'Региональный доклад о качестве воздуха' },
          deadline: 'Декабрь 2031',
          responsibleMemberIds: [isaevId],
        })
        .expect(201)
    ).body.id;
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp.stop();
  });

  const signIn = (page: Page, email: string) => signInWith(page, BASE, smtp, email);
  const rows = (page: Page) => page.locator('table.table tbody tr');

  const newPage = (viewport: { width: number; height: number }) => newBrowserPage(browser, viewport);

  const session = (email: string) => pageSession(t, smtp, email);

  it('lets the secretariat list and filter members, open one, and add and edit a member with the API’s messages beside the fields', async () => {
    const { context, page } = await newPage(DESKTOP);
    await signIn(page, SECRETARIAT);

    await page.goto(`${BASE}/members?lang=en`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Members');
    const total = (await t.admin.get('/api/members?limit=200').expect(200)).body.total;
    expect(await rows(page).count()).toBe(Math.min(total, 25));
    expect(await seriousViolations(page)).toEqual([]);

    // Filters, by keyboard-reachable controls: a country, then a name in Cyrillic.
    await page.getByLabel('Country code (such as KZ)').fill('kg');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/country=kg/);
    const kyrgyz = (await t.admin.get('/api/members?country=KG').expect(200)).body.items.map(
      (m: { fullName: string }) => m.fullName,
    );
    expect(kyrgyz.length).toBeGreaterThan(1);
    await expect(page.locator('table.table tbody td:first-child').allTextContents()).resolves.toEqual(kyrgyz);

    await page.goto(`${BASE}/members?q=${encodeURIComponent('исаев')}`);
    await expect(page.locator('table.table tbody td:first-child').allTextContents()).resolves.toEqual(['Бакыт Исаев']);

    // Body and role: who chairs the Steering Committee today, as the API says.
    const sc = (await t.admin.get('/api/bodies?kind=steering_committee').expect(200)).body.items[0];
    await page.goto(`${BASE}/members`);
    await page.getByLabel('Serving today in').selectOption(sc.id);
    await page.getByLabel('Role today').selectOption('chair');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/role=chair/);
    const chairs = (await t.admin.get(`/api/members?bodyId=${sc.id}&role=chair`).expect(200)).body.items.map(
      (m: { fullName: string }) => m.fullName,
    );
    expect(chairs).toEqual(['Айгерим Садыкова']);
    await expect(page.locator('table.table tbody td:first-child').allTextContents()).resolves.toEqual(chairs);

    // A filter the API refuses: its message beside the box, the typed value kept; an empty result says so.
    const refused = await page.goto(`${BASE}/members?country=ZZ&active=false`);
    expect(refused!.status()).toBe(400);
    await expect(page.locator('#f-country-error').textContent()).resolves.toBe(
      'Country code (such as KZ): two letters of a country (such as KZ), or EU.',
    );
    await expect(page.getByLabel('Country code (such as KZ)').inputValue()).resolves.toBe('ZZ');
    await page.goto(`${BASE}/members?q=nobody-at-all`);
    await expect(page.locator('p.empty').textContent()).resolves.toBe('No member matches these filters.');

    // One member's record.
    await page.goto(`${BASE}/members?q=${encodeURIComponent('Исаев')}`);
    await page.getByRole('link', { name: 'Бакыт Исаев' }).click();
    await page.waitForURL(`${BASE}/members/${isaevId}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Бакыт Исаев');
    const section = (id: string) => page.locator(`section[aria-labelledby="${id}"]`);
    await expect(section('h-terms').locator('tbody tr').count()).resolves.toBe(2);
    await expect(section('h-terms').textContent()).resolves.toContain('1 January 2017');
    await expect(section('h-meetings').textContent()).resolves.toContain('12th meeting of the WGECC');
    await expect(section('h-meetings').textContent()).resolves.toContain('no answer yet');
    await expect(section('h-items').textContent()).resolves.toContain('Regional report on air quality');
    await expect(section('h-items').textContent()).resolves.toContain('Декабрь 2031');
    await waitFor(
      async () =>
        (await t.dataSource.query(`SELECT 1 FROM notification WHERE recipient_id = $1 AND status = 'sent'`, [isaevId]))
          .length > 0,
      { what: 'the invitation marked sent' },
    );
    await page.reload();
    await expect(
      section('h-emails')
        .locator('tbody tr', { hasText: /^Invitation/ })
        .textContent(),
    ).resolves.toMatch(/^Invitation.+sent.+$/);
    expect(await seriousViolations(page)).toEqual([]);

    // Adding a member with a mistake: the API's message beside the field, everything typed kept.
    await page.goto(`${BASE}/members/new`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Name', { exact: true }).fill('Aigerim Testova');
    await page.getByLabel('Email').fill('a.testova@example.org');
    await page.getByLabel('Country', { exact: true }).fill('ZZ');
    await page.getByLabel('Position').fill('Expert, Water Policy');
    await page.getByLabel('Language').selectOption('kk');
    await page.getByLabel('In a weekly digest').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('#countryCode-error');
    await expect(page.locator('#countryCode-error').textContent()).resolves.toBe(
      'Country: two letters of a country (such as KZ), or EU.',
    );
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('The member is not saved yet');
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Aigerim Testova');
    await expect(page.getByLabel('Position').inputValue()).resolves.toBe('Expert, Water Policy');
    await expect(page.getByLabel('Language').inputValue()).resolves.toBe('kk');
    await expect(page.getByLabel('In a weekly digest').isChecked()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'member-form-error-desktop.png'), fullPage: true });
    expect((await t.admin.get('/api/members?q=a.testova').expect(200)).body.total).toBe(0);

    await page.getByLabel('Country', { exact: true }).fill('kz');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/members\/[0-9a-f-]{36}\?saved=created$/);
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The member has been added.');
    const created = (await t.admin.get('/api/members?q=a.testova').expect(200)).body.items[0];
    expect(created).toMatchObject({
      fullName: 'Aigerim Testova',
      countryCode: 'KZ',
      language: 'kk',
      digest: 'weekly',
      position: 'Expert, Water Policy',
      active: true,
    });

    // The same email again, whatever its case: the 409 beside the email field.
    await page.goto(`${BASE}/members/new`);
    await page.getByLabel('Name', { exact: true }).fill('Somebody Else');
    await page.getByLabel('Email').fill('A.Testova@Example.org');
    await page.getByLabel('Country', { exact: true }).fill('UZ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('#email-error');
    await expect(page.locator('#email-error').textContent()).resolves.toContain('is already used by another member');
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe('A.Testova@Example.org');

    // Editing: a new position, and no longer active.
    await page.goto(`${BASE}/members/${created.id}`);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(`${BASE}/members/${created.id}/edit`);
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe('a.testova@example.org');
    await page.getByLabel('Position').fill('');
    await page.getByLabel('Active (receives invitations and reminders)').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`${BASE}/members/${created.id}?saved=updated`);
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The changes are saved.');
    expect((await t.admin.get(`/api/members/${created.id}`).expect(200)).body).toMatchObject({
      position: null,
      active: false,
      countryCode: 'KZ',
    });
    await context.close();
  }, 120_000);

  it('shows a body’s composition on a past day and its continuity report, in the reader’s language', async () => {
    const { context, page } = await newPage(DESKTOP);
    await signIn(page, SECRETARIAT);
    await page.goto(`${BASE}/bodies?lang=en`);
    expect(await rows(page).count()).toBe(2);
    await page.getByRole('link', { name: 'EU–Central Asia Working Group on Environment and Climate Change' }).click();
    await page.waitForURL(`${BASE}/bodies/${wg.id}`);

    // Today the Kazakh seat has been held since 2025: under two years, flagged.
    const seatRow = (seat: string) =>
      page.locator('table.continuity tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${seat}$`) }) });
    await expect(seatRow('KZ').textContent()).resolves.toContain('held under two years');

    await page.getByLabel('Composition on the day').fill('2019-06-15');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/at=2019-06-15/);
    await expect(page.locator('#h-composition').textContent()).resolves.toBe('Composition on 15 June 2019');
    const then = (await t.admin.get(`/api/bodies/${wg.id}/memberships?at=2019-06-15&limit=200`).expect(200)).body;
    const composition = page.locator('section[aria-labelledby="h-composition"] tbody tr');
    expect(await composition.count()).toBe(then.total);
    await expect(page.locator('section[aria-labelledby="h-composition"]').textContent()).resolves.toContain(
      'Далер Шарипов',
    );
    await expect(page.locator('section[aria-labelledby="h-composition"]').textContent()).resolves.not.toContain(
      'Зарина Назарова',
    );
    // In 2019 the Kazakh seat had its holder since 2016: not flagged then.
    await expect(seatRow('KZ').locator('td').last().textContent()).resolves.toBe('—');
    await expect(seatRow('KZ').textContent()).resolves.toContain('since 1 September 2016');
    await expect(page.locator('table[aria-labelledby="h-turnover"] tbody th').allTextContents()).resolves.toContain(
      'KZ',
    );
    expect(await seriousViolations(page)).toEqual([]);

    // The same day in Russian, dates written the Russian way.
    await page.goto(`${BASE}/bodies/${wg.id}?at=2019-06-15&lang=ru`);
    await expect(page.locator('#h-composition').textContent()).resolves.toBe('Состав на 15 июня 2019 г.');

    // A day that does not exist: the API's message beside the date, what was typed kept, nothing else shown.
    const refused = await page.goto(`${BASE}/bodies/${wg.id}?at=2019-02-30&lang=en`);
    expect(refused!.status()).toBe(400);
    await expect(page.locator('#at-error').textContent()).resolves.toContain('at must be a date written YYYY-MM-DD');
    await expect(page.locator('#at').getAttribute('value')).resolves.toBe('2019-02-30');
    expect(await page.locator('#h-composition').count()).toBe(0);
    const missing = await page.goto(`${BASE}/bodies/${randomUUID()}`);
    expect(missing!.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('This body does not exist');
    await context.close();
  }, 90_000);

  it('lets a member answer an invitation, update their item and change their preferences on /me, and keeps them out of the secretariat pages', async () => {
    const { context, page } = await newPage(PHONE);
    await signIn(page, ISAEV);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
    await expect(page.locator('h1').textContent()).resolves.toBe('Бакыт Исаев');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);

    const meeting = page.locator(`#m-${meetingId}`);
    await expect(meeting.textContent()).resolves.toContain('12-е заседание РГОСИК');
    await meeting.getByLabel('Буду участвовать').check();
    await meeting.getByRole('button', { name: 'Сохранить ответ' }).click();
    await page.waitForURL(/done=answer/);
    await expect(page.locator('p.notice').textContent()).resolves.toBe('Ваш ответ записан.');
    const invitations = (await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body;
    expect(invitations.find((i: { memberId: string }) => i.memberId === isaevId)).toMatchObject({
      response: 'accepted',
      respondedVia: 'member',
    });
    await expect(page.locator(`#m-${meetingId}`).getByLabel('Буду участвовать').isChecked()).resolves.toBe(true);

    const item = page.locator(`#i-${itemId}`);
    await item.getByLabel(/Статус/).selectOption('in_progress');
    await item.getByRole('button', { name: 'Обновить статус' }).click();
    await page.waitForURL(/done=item/);
    await expect(page.locator('p.notice').textContent()).resolves.toBe('Статус обновлён.');
    expect((await t.admin.get(`/api/work-plan-items/${itemId}`).expect(200)).body.status).toBe('in_progress');

    await page.getByLabel('Язык писем и страниц').selectOption('en');
    await page.getByLabel('Мой часовой пояс').selectOption('Asia/Almaty');
    await page.getByLabel('Еженедельной сводкой').check();
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.waitForURL(/done=preferences/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('Your preferences are saved.');
    expect((await t.admin.get(`/api/members/${isaevId}`).expect(200)).body).toMatchObject({
      language: 'en',
      timeZone: 'Asia/Almaty',
      digest: 'weekly',
    });
    await expect(page.locator(`#m-${meetingId}`).textContent()).resolves.toContain('Tuesday, 10 June 2031 at 10:00');

    for (const path of ['/members', '/bodies', `/members/${isaevId}`, '/members/new', `/bodies/${wg.id}`]) {
      const refused = await page.goto(`${BASE}${path}`);
      expect(refused!.status()).toBe(403);
    }
    await context.close();
  }, 90_000);

  it('saves screenshots of every main page on desktop and phone, each without a serious accessibility problem', async () => {
    const { cookie } = await session(SECRETARIAT);
    const member = await session(ISAEV);
    for (const [device, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      for (const [name, path, who] of [
        ['members', '/members?lang=ru', cookie],
        ['member', `/members/${isaevId}`, cookie],
        ['member-form', '/members/new?lang=kk', cookie],
        ['bodies', '/bodies?lang=en', cookie],
        ['body', `/bodies/${wg.id}?at=2020-01-15`, cookie],
        ['me', '/me', member.cookie],
      ] as const) {
        const context = await browser.newContext({ viewport, bypassCSP: true });
        await context.addCookies([{ name: who.split('=')[0], value: who.split('=')[1], url: BASE }]);
        const page = await context.newPage();
        const response = await page.goto(`${BASE}${path}`);
        expect(response!.status()).toBe(200);
        expect(await seriousViolations(page)).toEqual([]);
        // Nothing is wider than the screen: the page works at phone width without sideways scrolling.
        expect(await horizontalOverflow(page)).toBe(0);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${device}.png`), fullPage: true });
        await context.close();
      }
    }
  }, 120_000);

  it('refuses page forms without the session’s CSRF token, and a bad preference with its label and reason, changing nothing', async () => {
    const secretariat = await session(SECRETARIAT);
    const before = (await t.admin.get('/api/members?limit=1').expect(200)).body.total;
    const forged = await t.anonymous
      .post('/members')
      .set('Cookie', secretariat.cookie)
      .type('form')
      .send({
        csrf: 'forged',
        fullName: 'Forged Person',
        email: 'forged@example.org',
        countryCode: 'KZ',
        language: 'en',
        timeZone: 'Asia/Almaty',
        digest: 'immediate',
        active: 'true',
      })
      .expect(403);
    expect(forged.text).toContain('The form has expired');
    expect((await t.admin.get('/api/members?limit=1').expect(200)).body.total).toBe(before);
    await t.anonymous
      .post(`/members/${isaevId}`)
      .set('Cookie', secretariat.cookie)
      .type('form')
      .send({ fullName: 'Renamed' })
      .expect(403);

    const member = await session(ISAEV);
    const stored = (await t.admin.get(`/api/members/${isaevId}`).expect(200)).body;
    await t.anonymous
      .post('/me/preferences')
      .set('Cookie', member.cookie)
      .type('form')
      .send({ language: 'kk', timeZone: 'Asia/Almaty', digest: 'daily' })
      .expect(403);
    await t.anonymous
      .post(`/me/meetings/${meetingId}/answer`)
      .set('Cookie', member.cookie)
      .type('form')
      .send({ csrf: 'stale', response: 'declined' })
      .expect(403);

    const bad = await t.anonymous
      .post('/me/preferences')
      .set('Cookie', member.cookie)
      .type('form')
      .send({ csrf: member.csrf, language: 'kk', timeZone: 'Mars/Olympus_Mons', digest: 'daily' })
      .expect(400);
    expect(bad.text).toContain(
      `id="timeZone-error">${message('prefs.timeZone', 'en')}: ${message('form.reason.zone', 'en')}`,
    );
    const refusedItem = await t.anonymous
      .post(`/me/items/${itemId}/status`)
      .set('Cookie', member.cookie)
      .type('form')
      .send({ csrf: member.csrf, status: 'finished' })
      .expect(400);
    expect(refusedItem.text).toContain(`${message('members.status', 'en')}: ${message('form.reason.choice', 'en')}`);
    expect((await t.admin.get(`/api/members/${isaevId}`).expect(200)).body).toMatchObject({
      language: stored.language,
      timeZone: stored.timeZone,
      digest: stored.digest,
    });
    const invitations = (await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body;
    expect(invitations.find((i: { memberId: string }) => i.memberId === isaevId).response).toBe('accepted');

    // Secretariat pages answer a member with 403, and an unknown member with a sentence and 404.
    await t.anonymous.get('/members').set('Cookie', member.cookie).expect(403);
    const unknown = await t.anonymous.get(`/members/${randomUUID()}`).set('Cookie', secretariat.cookie).expect(404);
    expect(unknown.text).toContain('This member does not exist');
  }, 60_000);
});
