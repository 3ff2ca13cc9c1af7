import type { Browser, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, seriousViolations, signIn } from '../support/browser';
import { newPage, startDemoPageApp } from '../support/page-app';
import { SmtpSink } from '../support/smtp-sink';
import type { TestApp } from '../support/test-app';

const PORT = 39637;
const BASE = `http://127.0.0.1:${PORT}`;
const ISAEV = 'b.isaev@demo.wgecc.example';

/** A member answering several dates at once on /me: all the answers are saved, or none. */
describe('date-poll answers on a member’s own page', () => {
  let t: TestApp;
  let browser: Browser;
  const smtp = new SmtpSink();
  let wgId: string;
  let isaevId: string;
  let page: Page;

  beforeAll(async () => {
    ({ t, wgId } = await startDemoPageApp(smtp, PORT));
    isaevId = (await t.admin.get(`/api/members?q=${encodeURIComponent(ISAEV)}`).expect(200)).body.items[0].id;
    browser = await launchBrowser();
    const opened = await newPage(browser, DESKTOP);
    page = opened.page;
    await signIn(page, BASE, smtp, ISAEV);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp.stop();
  });

  /** A tentative meeting with three proposed dates, its poll open to the member. */
  async function pollWithThreeDates(number: number) {
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: wgId,
          kind: 'working_group',
          number,
          title: { en: `Meeting ${number}` },
          timeZone: 'Asia/Almaty',
        })
        .expect(201)
    ).body;
    const option = async (startsAt: string, label: string) =>
      (await t.admin.post(`/api/meetings/${meeting.id}/date-options`).send({ startsAt, label }).expect(201)).body as {
        id: string;
      };
    const dates = [
      await option('2031-11-27T10:00:00+05:00', 'End of November'),
      await option('2031-12-03T10:00:00+05:00', 'Early December'),
      await option('2032-02-10T10:00:00+05:00', 'February'),
    ];
    await t.admin
      .post(`/api/meetings/${meeting.id}/poll`)
      .send({ memberIds: [isaevId] })
      .expect(200);
    return { meetingId: meeting.id as string, dates };
  }

  const answersOf = async (meetingId: string) =>
    (await t.admin.get(`/api/meetings/${meetingId}/poll`).expect(200)).body.participants.find(
      (p: { memberId: string }) => p.memberId === isaevId,
    ).answers as Record<string, string | null>;

  async function answerAll(meetingId: string) {
    await page.goto(`${BASE}/me?lang=en`);
    const card = page.locator(`#m-${meetingId}`);
    await card.getByRole('group', { name: 'End of November' }).getByLabel('Yes').check();
    await card.getByRole('group', { name: 'Early December' }).getByLabel('If need be').check();
    await card.getByRole('group', { name: 'February' }).getByLabel('No').check();
    return card;
  }

  const save = async (meetingId: string) => {
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith(`/me/meetings/${meetingId}/poll`),
      ),
      page.locator(`#m-${meetingId}`).getByRole('button', { name: 'Save my answers on the dates' }).click(),
    ]);
    await page.waitForLoadState();
    return response.status();
  };

  it('saves none of the answers when one value is refused, and shows the API’s message beside that date with the choices kept', async () => {
    const { meetingId, dates } = await pollWithThreeDates(21);
    const card = await answerAll(meetingId);
    // A value no radio offers, as a tampered or outdated form would send for the last date.
    await card
      .locator(`input[name="option.${dates[2].id}"][value="no"]`)
      .evaluate((input) => ((input as unknown as { value: string }).value = 'perhaps'));
    expect(await save(meetingId)).toBe(400);

    await expect(page.locator(`[id="option.${dates[2].id}-error"]`).textContent()).resolves.toContain(
      'answer must be one of yes, if_need_be, no',
    );
    const fieldset = page.locator(`#m-${meetingId}`).getByRole('group', { name: 'February' });
    await expect(fieldset.getAttribute('aria-describedby')).resolves.toBe(`option.${dates[2].id}-error`);
    await expect(
      page.locator(`#m-${meetingId}`).getByRole('group', { name: 'End of November' }).getByLabel('Yes').isChecked(),
    ).resolves.toBe(true);
    await expect(
      page
        .locator(`#m-${meetingId}`)
        .getByRole('group', { name: 'Early December' })
        .getByLabel('If need be')
        .isChecked(),
    ).resolves.toBe(true);
    expect(await answersOf(meetingId)).toEqual({ [dates[0].id]: null, [dates[1].id]: null, [dates[2].id]: null });
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('saves none of the answers when the service refuses one midway (a date removed while the form was open), and says why above the dates', async () => {
    const { meetingId, dates } = await pollWithThreeDates(22);
    await answerAll(meetingId);
    // The first date is valid and comes first in the form: answered one by one, it would have been saved.
    await t.admin.delete(`/api/meetings/${meetingId}/date-options/${dates[1].id}`).expect(204);
    expect(await save(meetingId)).toBe(404);

    await expect(page.locator(`#m-${meetingId} form.poll-answers [role=alert]`).textContent()).resolves.toContain(
      `Date option ${dates[1].id} was not found`,
    );
    expect(await answersOf(meetingId)).toEqual({ [dates[0].id]: null, [dates[2].id]: null });

    await page.locator(`#m-${meetingId}`).getByRole('group', { name: 'End of November' }).getByLabel('Yes').check();
    await page.locator(`#m-${meetingId}`).getByRole('group', { name: 'February' }).getByLabel('No').check();
    expect(await save(meetingId)).toBe(303);
    expect(await answersOf(meetingId)).toEqual({ [dates[0].id]: 'yes', [dates[2].id]: 'no' });
  }, 60_000);
});
