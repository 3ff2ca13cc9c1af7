import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, seriousViolations } from '../support/browser';
import { addMembership, meetingHasBegun } from '../support/factories';
import { openMeeting, submitAndExpectDone } from '../support/meeting-forms';
import { pageSuite, signedInPage } from '../support/page-suite';
import { waitFor } from '../support/smtp-sink';

const PORT = 39772;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
const KZ = 'a.sadykova@demo.wgecc.example';
const KG = 'b.isaev@demo.wgecc.example';

describe('a meeting page: remind now, nothing held before its day, minutes approved with a new work plan', () => {
  const suite = pageSuite(PORT);
  const { smtp } = suite;
  let bodyId: string;
  let meetingId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const email of [KZ, KG])
      ids[email] = (
        await suite.t.admin.get(`/api/members?q=${encodeURIComponent(email)}`).expect(200)
      ).body.items[0].id;
    // A body of its own: no work plan yet.
    bodyId = (
      await suite.t.admin
        .post('/api/bodies')
        .send({ name: { en: 'Task force on water' }, kind: 'task_force' })
        .expect(201)
    ).body.id;
    for (const email of [KZ, KG])
      await addMembership(suite.t, bodyId, { memberId: ids[email], startDate: '2025-01-01' });
    meetingId = (
      await suite.t.admin
        .post('/api/meetings')
        .send({
          bodyId,
          kind: 'technical',
          title: { en: 'Water task force, first meeting' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-06-10T10:00:00+05:00',
          endsAt: '2031-06-10T17:00:00+05:00',
          status: 'scheduled',
        })
        .expect(201)
    ).body.id;
    await suite.t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: [ids[KZ], ids[KG]] })
      .expect(200);
    await waitFor(() => smtp.to(KZ).length === 1 && smtp.to(KG).length === 1, { what: 'the invitations' });
    await suite.t.admin
      .put(`/api/meetings/${meetingId}/invitations/${ids[KG]}`)
      .send({ response: 'declined' })
      .expect(200);
  }, 90_000);

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  let page: Page;

  beforeAll(async () => {
    ({ page } = await signedInPage(suite, SECRETARIAT));
  }, 60_000);

  it('says which countries have nobody coming, declined apart from not answered yet', async () => {
    await openMeeting(page, BASE, meetingId);
    const flags = (await page.locator('#nobody-coming').textContent()) ?? '';
    expect(flags).toContain('KG (declined)');
    expect(flags).toContain('KZ (not answered yet)');
    expect(flags).toContain('TJ (nobody invited)');
  });

  it('reminds those who have not answered once, and refuses a second reminder beside the button', async () => {
    await openMeeting(page, BASE, meetingId);
    smtp.clear();
    const done = await submitAndExpectDone(
      page,
      page.locator('#remind').getByRole('button', { name: 'Remind those who have not answered the invitation' }),
    );
    expect(done).toBe('A reminder is on its way to those who have not answered: 1.');
    await waitFor(() => smtp.messages.length === 1, { what: 'the chase' });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.map((m) => m.to[0])).toEqual([KZ]);

    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('#remind').getByRole('button').click(),
    ]);
    await page.waitForLoadState('load');
    expect(refused.status()).toBe(429);
    await expect(page.locator('#remind-error').textContent()).resolves.toMatch(/^Remind: a reminder went out lately/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'meeting-remind-refused');
  });

  it('refuses to mark the meeting held before its first day, with the reason beside the button', async () => {
    await openMeeting(page, BASE, meetingId);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('#held').getByRole('button', { name: 'Mark the meeting as held' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(refused.status()).toBe(409);
    await expect(page.locator('#held-error').textContent()).resolves.toBe(
      'Held: the meeting starts on 10 June 2031; it can be marked held from that day on.',
    );
  });

  it('writes minutes whose action item has an executor and responsible members, and approves them with a new work plan', async () => {
    await meetingHasBegun(suite.t, meetingId);
    await openMeeting(page, BASE, meetingId);
    const form = page.locator('#minutes form.card');
    await form.getByLabel('Text of the minutes').fill('The task force met.');
    await form.getByLabel('Text of decision 1').fill('The task force prepares a water report.');
    await form.getByLabel('Action item of decision 1').fill('Draft the regional water report');
    await form.locator('[name="decisions.0.actionItems.0.deadline"]').fill('декабрь 2031');
    await form.locator('#m-ex0').selectOption({ label: 'Айгерим Садыкова (KZ)' });
    await form.locator('#m-rs0').selectOption([{ label: 'Айгерим Садыкова (KZ)' }, { label: 'Бакыт Исаев (KG)' }]);
    await submitAndExpectDone(page, form.getByRole('button', { name: 'Save the draft' }));
    // The draft shows again with the people chosen.
    await expect(page.locator('#m-ex0 option:checked').textContent()).resolves.toBe('Айгерим Садыкова (KZ)');
    await expect(page.locator('#m-rs0 option:checked').allTextContents()).resolves.toEqual([
      'Бакыт Исаев (KG)',
      'Айгерим Садыкова (KZ)',
    ]);

    // No open work plan: the approval offers to create one; a period without a title is refused beside the title.
    const approve = page.locator('#approve');
    await expect(approve.locator('#approve-plan legend').textContent()).resolves.toBe('Work plan for the action items');
    await approve.getByLabel('Its period (such as 2031)').fill('2031');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      approve.getByRole('button', { name: 'Approve the minutes' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(refused.status()).toBe(400);
    await expect(page.locator('#np-title-error').textContent()).resolves.toBe(
      'Title of the new work plan: write the title, or choose an open plan instead.',
    );
    await expect(page.getByLabel('Its period (such as 2031)').inputValue()).resolves.toBe('2031');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'meeting-approve-new-plan');

    await page.getByLabel('Title of the new work plan').fill('Water task force work plan 2031');
    const done = await submitAndExpectDone(
      page,
      page.locator('#approve').getByRole('button', { name: 'Approve the minutes' }),
    );
    expect(done).toBe('The minutes are approved; the action items are in the work plan.');

    const plans = (await suite.t.admin.get(`/api/work-plans?bodyId=${bodyId}`).expect(200)).body.items;
    expect(plans).toMatchObject([
      { title: { en: 'Water task force work plan 2031' }, period: '2031', status: 'draft' },
    ]);
    const items = (await suite.t.admin.get(`/api/work-plan-items?workPlanId=${plans[0].id}`).expect(200)).body.items;
    expect(items).toHaveLength(1);
    expect(items[0].executor).toMatchObject({ id: ids[KZ] });
    expect([...items[0].responsibleMemberIds].sort()).toEqual([ids[KZ], ids[KG]].sort());
  });
});
