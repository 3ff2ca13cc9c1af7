import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  PHONE,
  SCREENSHOTS,
  seriousViolations,
  signIn,
} from '../support/browser';
import {
  addOptions,
  approveMinutes,
  confirmOption,
  createMeeting,
  fillMeetingForm,
  openMeeting,
  openPoll,
  recordAnswer,
  recordAttendance,
  submitAndExpectDone,
  writeMinutes,
} from '../support/meeting-forms';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startDemoPageApp } from '../support/page-app';
import type { TestApp } from '../support/test-app';
import { meetingHasBegun } from '../support/factories';

const PORT = 39602;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
const ANNA = 'anna.schmidt@demo.wgecc.example';
const WG = /Working Group on Environment and Climate Change/;
const TITLE = { en: '10th meeting of the WGECC', ru: '10-е заседание РГОСИК', kk: 'ЖТ 10-отырысы' };

describe('the meeting pages: every step of a meeting through its forms, in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const smtp = new SmtpSink();
  let meetingId: string;

  const shoot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  const notice = () => page.locator('p.notice').textContent();

  beforeAll(async () => {
    let wgId: string;
    ({ t, wgId } = await startDemoPageApp(smtp, PORT));
    // Approving minutes puts their action items into the body's open work plan.
    await t.admin
      .post('/api/work-plans')
      .send({ bodyId: wgId, title: { en: 'Work plan 2031–2032' }, period: '2031-2032' })
      .expect(201);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, locale: 'en-GB' });
    page = await context.newPage();
    await signIn(page, BASE, smtp, SECRETARIAT);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp.stop();
  });

  it('creates a tentative meeting through the form: a mistake is shown beside its field with the typed values kept', async () => {
    const fields = {
      body: WG,
      number: '10',
      title: TITLE,
      timeZone: 'Asia/Almaty',
      city: 'Almaty',
      countryCode: 'KZ',
      onlineUrl: 'meet.example.org/wgecc-10',
      translations: { 'City in Russian': 'Алматы', 'Description in Kazakh': 'Жұмыс жоспары талқыланады.' },
    };
    await fillMeetingForm(page, BASE, fields);
    expect(await seriousViolations(page)).toEqual([]);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Create the meeting' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(refused.status()).toBe(400);
    await expect(page.locator('#e-online').textContent()).resolves.toBe(
      'Online meeting address (https://…): enter a full web address (https://…).',
    );
    await expect(page.locator('#f-online').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Title in Russian').inputValue()).resolves.toBe(TITLE.ru);
    await expect(page.getByLabel('City', { exact: true }).inputValue()).resolves.toBe('Almaty');
    await expect(page.getByLabel('City in Russian').inputValue()).resolves.toBe('Алматы');
    await expect(page.getByLabel('Body', { exact: true }).locator('option:checked').textContent()).resolves.toMatch(WG);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('meeting-new-error');
    expect((await t.admin.get('/api/meetings').expect(200)).body.items).toHaveLength(0);

    meetingId = await createMeeting(page, BASE, { ...fields, onlineUrl: 'https://meet.example.org/wgecc-10' });
    await expect(notice()).resolves.toBe('The meeting is created.');
    await expect(page.locator('dd.status').textContent()).resolves.toBe('tentative');
    const stored = (await t.admin.get(`/api/meetings/${meetingId}`).expect(200)).body;
    expect(stored).toMatchObject({
      status: 'tentative',
      number: 10,
      title: TITLE,
      timeZone: 'Asia/Almaty',
      startsAt: null,
      onlineUrl: 'https://meet.example.org/wgecc-10',
      location: { city: 'Almaty', countryCode: 'KZ' },
      translations: { ru: { city: 'Алматы' }, kk: { description: 'Жұмыс жоспары талқыланады.' } },
    });
  }, 60_000);

  it('adds three tentative dates, refuses one given both ways, and opens the poll to the body: the poll emails arrive', async () => {
    await addOptions(page, BASE, meetingId, [
      { startsAt: '2031-11-27T10:00', endsAt: '2031-11-28T17:00', label: 'End of November' },
      { startsAt: '2031-12-03T10:00', label: 'Early December' },
      { text: 'февраль 2032', label: 'February' },
    ]);
    await expect(notice()).resolves.toBe('The tentative date is added.');
    const options = (await t.admin.get(`/api/meetings/${meetingId}/date-options`).expect(200)).body;
    expect(options.map((o: { label: string }) => o.label)).toEqual(['End of November', 'Early December', 'February']);
    // Wall time in the meeting's zone (Almaty, UTC+5).
    expect(options[0].startsAt).toBe('2031-11-27T05:00:00.000Z');
    expect(options[2].windows).toEqual([{ start: '2032-02-01', end: '2032-02-29' }]);

    const form = page.locator('#options form.card');
    await form.getByLabel('Starts', { exact: true }).fill('2031-12-10T10:00');
    await form.getByLabel('Or a period as written').fill('декабрь 2031');
    await Promise.all([page.waitForEvent('load'), form.getByRole('button', { name: 'Add the date' }).click()]);
    await expect(page.locator('#oe-text').textContent()).resolves.toBe(
      'Or a period as written: give either times or a text, not both',
    );
    await expect(page.locator('#o-text').inputValue()).resolves.toBe('декабрь 2031');
    expect((await t.admin.get(`/api/meetings/${meetingId}/date-options`).expect(200)).body).toHaveLength(3);

    await openPoll(page, BASE, meetingId, { fromBody: true });
    await expect(notice()).resolves.toBe('The poll is open; the emails are on their way.');
    await waitFor(() => smtp.to(ANNA).length === 1 && smtp.to('b.isaev@demo.wgecc.example').length === 1, {
      what: 'the poll emails',
    });
    expect(smtp.to(ANNA)[0].subject).toBe(`Please choose a date: ${TITLE.en}`);
    expect(await page.locator('#matrix table thead th').count()).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);

  it('shows the answer a member gives through the emailed link, and keeps an answered date from being removed', async () => {
    const yes = /Yes \((https?:\/\/[^\s)]+\/a\/[A-Za-z0-9_.-]+)\)/.exec(smtp.to(ANNA)[0].parsed.text ?? '')![1];
    const member = await browser.newContext({ viewport: PHONE, bypassCSP: true });
    const memberPage = await member.newPage();
    await memberPage.goto(yes);
    await Promise.all([memberPage.waitForEvent('load'), memberPage.getByRole('button').click()]);
    await expect(memberPage.locator('h1').textContent()).resolves.toContain('Thank you');
    await member.close();

    await openMeeting(page, BASE, meetingId);
    const anna = page.locator('#matrix tbody tr', { hasText: 'Anna Schmidt' });
    await expect(anna.locator('td').first().textContent()).resolves.toBe('Yes');
    await expect(page.locator('#matrix tfoot td').first().textContent()).resolves.toBe('1 (EU)');

    const remove = page.locator('#options').getByRole('button', { name: /^Remove “End of November: / });
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), remove.click()]);
    await page.waitForLoadState('load');
    expect(refused.status()).toBe(409);
    await expect(page.locator('.problems').textContent()).resolves.toContain(
      '1 person has already answered this date; it is kept so that no answer is lost',
    );
    expect((await t.admin.get(`/api/meetings/${meetingId}/date-options`).expect(200)).body).toHaveLength(3);
  }, 60_000);

  it('confirms a date: the meeting is scheduled and the invitations arrive', async () => {
    smtp.clear();
    await confirmOption(page, BASE, meetingId, 'End of November');
    await expect(notice()).resolves.toBe('The date is confirmed; the invitations are on their way.');
    await expect(page.locator('dd.status').textContent()).resolves.toBe('scheduled');
    // The reader (Brussels) sees her own time first, and the meeting's own zone beside it.
    await expect(page.locator('dl.facts').textContent()).resolves.toMatch(
      /Thursday, 27 November 2031 at 06:00 \(Europe\/Brussels \(UTC\+1\)\)[\s\S]*10:00 \(Asia\/Almaty \(UTC\+5\), where it happens\)/,
    );
    await waitFor(() => smtp.to(ANNA).some((m) => m.subject.startsWith('Invitation')), {
      what: 'the invitation to Anna Schmidt',
    });
    expect(smtp.to(ANNA).find((m) => m.subject.startsWith('Invitation'))!.calendarMethod).toBe('REQUEST');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('meeting-scheduled');
  }, 60_000);

  it('records an answer received by phone and the attendance', async () => {
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('#answer form').getByRole('button', { name: 'Record the answer' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(refused.status()).toBe(400);
    await expect(page.locator('#ae-member').textContent()).resolves.toBe('Participant: choose one from the list.');

    await recordAnswer(page, BASE, meetingId, {
      member: 'Бакыт Исаев',
      response: 'will attend',
      note: 'answered by phone',
    });
    await expect(notice()).resolves.toBe('The answer is recorded.');
    await expect(page.locator('#participants').textContent()).resolves.toContain(
      'Бакыт Исаев — will attend «answered by phone»',
    );
    const isaev = (await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body.find(
      (i: { fullName: string }) => i.fullName === 'Бакыт Исаев',
    );
    expect(isaev).toMatchObject({ response: 'accepted', respondedVia: 'secretariat', note: 'answered by phone' });

    const backToItsDate = await meetingHasBegun(t, meetingId);
    await recordAttendance(page, BASE, meetingId, ['Anna Schmidt', 'Бакыт Исаев']);
    await backToItsDate();
    await expect(notice()).resolves.toBe('The attendance is saved.');
    const attended = (await t.admin.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body
      .filter((i: { attended: boolean }) => i.attended)
      .map((i: { fullName: string }) => i.fullName);
    expect(attended.sort()).toEqual(['Anna Schmidt', 'Бакыт Исаев']);
  }, 60_000);

  it('writes the minutes with a numbered decision and its action item, refuses an unreadable deadline, and approves them', async () => {
    await openMeeting(page, BASE, meetingId);
    const form = page.locator('#minutes form.card');
    await form.getByLabel('Text of the minutes').fill('The meeting opened at 10:00.');
    await form.getByLabel('Text of decision 1').fill('The Working Group adopts its work plan.');
    await form.getByLabel('Action item of decision 1').fill('Prepare the draft work plan 2032');
    await form.locator('[name="decisions.0.actionItems.0.deadline"]').fill('sometime soonish');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Save the draft' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(refused.status()).toBe(422);
    await expect(page.locator('#me-dl0').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Text of decision 1').inputValue()).resolves.toBe(
      'The Working Group adopts its work plan.',
    );

    await writeMinutes(page, BASE, meetingId, {
      text: 'The meeting opened at 10:00.',
      decisions: [
        {
          text: 'The Working Group adopts its work plan.',
          action: 'Prepare the draft work plan 2032',
          deadline: 'февраль 2032',
        },
      ],
    });
    await expect(notice()).resolves.toBe('The draft minutes are saved.');
    await expect(page.locator('ol.decisions').textContent()).resolves.toContain('10/1');
    await approveMinutes(page, BASE, meetingId);
    await expect(notice()).resolves.toBe('The minutes are approved; the action items are in the work plan.');
    await expect(page.locator('#minutes').textContent()).resolves.toMatch(/Approved on .* by Laura Bianchi/);
    const minutes = (await t.admin.get(`/api/meetings/${meetingId}/minutes`).expect(200)).body;
    expect(minutes.status).toBe('approved');
    expect(minutes.decisions[0].workPlanItemIds).toHaveLength(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('meeting-minutes');
  }, 60_000);

  it('shows the meeting on its day in the month calendar, with the list of meetings, and refuses a month that is not one', async () => {
    await page.goto(`${BASE}/meetings/calendar?month=2031-11&lang=en`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Meetings in November 2031');
    const headers = await page.locator('table.calendar thead th').allTextContents();
    expect(headers[0]).toBe('Mon');
    // In Brussels the meeting starts at 06:00 on the 27th and lasts into the 28th.
    await expect(page.locator('td[data-date="2031-11-27"]').textContent()).resolves.toContain(`06:00 ${TITLE.en}`);
    await expect(page.locator('td[data-date="2031-11-28"]').textContent()).resolves.toContain(TITLE.en);
    await expect(page.locator('td[data-date="2031-11-26"] li').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: /Next month/ }).getAttribute('href')).resolves.toBe(
      '/meetings/calendar?month=2031-12',
    );
    await expect(page.getByRole('link', { name: /Previous month/ }).getAttribute('href')).resolves.toBe(
      '/meetings/calendar?month=2031-10',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('meetings-calendar');

    await page.goto(`${BASE}/meetings/calendar?month=2031-11&lang=ru`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('2031');
    await expect(page.locator('table.calendar thead th').first().textContent()).resolves.toBe('пн');
    await expect(page.locator('td[data-date="2031-11-27"]').textContent()).resolves.toContain(TITLE.ru);

    const wrong = await page.goto(`${BASE}/meetings/calendar?month=2031-13&lang=en`);
    expect(wrong!.status()).toBe(400);
    await expect(page.locator('p.error').textContent()).resolves.toBe(
      'month must be a month written as YYYY-MM, e.g. 2031-02',
    );

    await page.goto(`${BASE}/meetings?lang=en`);
    await expect(page.locator('#h-upcoming + ul').textContent()).resolves.toContain('1 of');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot('meetings');
  }, 60_000);

  it('works on a phone: the meeting page, the calendar and the form, accessibly', async () => {
    const phone = await browser.newContext({ viewport: PHONE, bypassCSP: true, locale: 'ru-RU' });
    const phonePage = await phone.newPage();
    await signIn(phonePage, BASE, smtp, SECRETARIAT);
    for (const [name, path] of [
      ['meeting', `/meetings/${meetingId}?lang=ru`],
      ['meetings-calendar', '/meetings/calendar?month=2031-11'],
      ['meeting-new', '/meetings/new'],
      ['meetings', '/meetings'],
    ] as const) {
      await phonePage.goto(`${BASE}${path}`);
      expect(await seriousViolations(phonePage)).toEqual([]);
      // Nothing wider than the phone but the regions that scroll on purpose.
      expect(await horizontalOverflow(phonePage)).toBe(0);
      await phonePage.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
    }
    await phone.close();
  }, 90_000);

  it('refuses a form posted without the page’s CSRF token, and sends a visitor without a session to sign in', async () => {
    const cookies = await context.cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const refused = await t.anonymous
      .post(`/meetings/${meetingId}/agenda`)
      .set('Cookie', cookie)
      .type('form')
      .send({ 'title.en': 'Opening' })
      .expect(403);
    expect(refused.text).toContain('The form has expired. Please reload the page and try again.');
    await t.anonymous
      .post(`/meetings/${meetingId}/agenda`)
      .type('form')
      .send({ 'title.en': 'Opening' })
      .expect(303)
      .expect('Location', '/sign-in');
    expect((await t.admin.get(`/api/meetings/${meetingId}/agenda`).expect(200)).body).toHaveLength(0);
  });

  it('adds agenda items and reorders them with the keyboard', async () => {
    for (const title of ['Opening', 'Work plan 2032']) {
      await openMeeting(page, BASE, meetingId);
      const form = page.locator('#agenda form.card');
      await form.getByLabel('Item in English').fill(title);
      await submitAndExpectDone(page, form.getByRole('button', { name: 'Add the item' }));
    }
    await expect(page.locator('ol.agenda > li').first().textContent()).resolves.toContain('Opening');
    await page.getByRole('button', { name: 'Move “Work plan 2032” up' }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await expect(notice()).resolves.toBe('The agenda is reordered.');
    const agenda = (await t.admin.get(`/api/meetings/${meetingId}/agenda`).expect(200)).body;
    expect(agenda.map((a: { title: { en: string } }) => a.title.en)).toEqual(['Work plan 2032', 'Opening']);
  }, 60_000);
});
