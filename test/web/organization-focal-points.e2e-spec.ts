import type { Page } from 'playwright-core';
import { pageSuite, shootBothSizes, signedInPage, submit as submitForm } from '../support/page-suite';

const PORT = 39781;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
const WG = 'EU–Central Asia Working Group on Environment and Climate Change';
const OMAROVA = 'Дина Омарова (KZ)';
const SADYKOVA = 'Айгерим Садыкова (KZ)';

/** An organisation's focal points are chosen in the pages and then reminded; a new meeting starts in its body's zone. */
describe('organisation focal points and the meeting zone, in a real browser, as the secretariat', () => {
  const suite = pageSuite(PORT);
  let page: Page;

  const shoot = (name: string) => shootBothSizes(page, name);
  const submit = (name: string) => submitForm(page, name);
  const row = (name: string) => page.locator('table.table tbody tr', { hasText: name });

  beforeAll(async () => {
    ({ page } = await signedInPage(suite, SECRETARIAT));
    await page.goto(`${BASE}/me?lang=en`);
  }, 90_000);

  it('sets two focal points on an organisation, refusing an unknown member by the form’s label, and lists them', async () => {
    await page.goto(`${BASE}/organizations`);
    await expect(row('WECOOP 3').locator('td').nth(3).textContent()).resolves.toBe('none');
    await page.getByRole('link', { name: 'Edit WECOOP 3' }).click();
    const editPath = new URL(page.url()).pathname;
    const focal = page.locator('section[aria-labelledby=h-focal]');
    await expect(focal.locator('h2').textContent()).resolves.toBe('Focal points');

    // A member deleted while the page was open: the refusal names the section, not the API's field.
    await focal.getByLabel(OMAROVA).check();
    await focal
      .getByLabel(OMAROVA)
      .evaluate((box) => ((box as unknown as { value: string }).value = '00000000-0000-4000-8000-000000000000'));
    await submit('Save the focal points');
    await expect(focal.locator('[role=alert]').textContent()).resolves.toBe('Focal points: choose one from the list.');
    await expect(page.locator('main').textContent()).resolves.not.toContain('focalPointMemberIds');
    await page.goto(`${BASE}${editPath}?lang=ru`);
    await focal
      .getByLabel(OMAROVA)
      .evaluate((box) => ((box as unknown as { value: string }).value = '00000000-0000-4000-8000-000000000000'));
    await focal.getByLabel(OMAROVA).check();
    await submit('Сохранить контактных лиц');
    await expect(focal.locator('[role=alert]').textContent()).resolves.toBe('Контактные лица: выберите из списка.');
    await page.goto(`${BASE}${editPath}?lang=en`);

    await focal.getByLabel(OMAROVA).check();
    await focal.getByLabel(SADYKOVA).check();
    await shoot('organization-focal-points');
    await submit('Save the focal points');
    await page.waitForURL(/saved=focal/);
    await expect(page.locator('p.notice').textContent()).resolves.toBe("The organisation's focal points are saved.");
    const listed = (await row('WECOOP 3').locator('td').nth(3).textContent()) ?? '';
    expect(listed).toContain(OMAROVA);
    expect(listed).toContain(SADYKOVA);
    await shoot('organizations-focal-points');

    // Ticked again when the page comes back.
    await page.getByRole('link', { name: 'Edit WECOOP 3' }).click();
    await expect(page.getByLabel(OMAROVA).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel(SADYKOVA).isChecked()).resolves.toBe(true);
  }, 60_000);

  it('an activity WECOOP 3 executes with nobody responsible is reminded to its focal points, and the work plan says so', async () => {
    await page.goto(`${BASE}/work-plan`);
    await page.getByRole('link', { name: 'Create the first work plan' }).click();
    await page.getByLabel('Body').selectOption({ label: WG });
    await page.getByLabel('Title in English').fill('Work plan 2032');
    await page.getByLabel('Period', { exact: true }).fill('2032');
    await submit('Create the plan');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The work plan was created.');
    const planPath = new URL(page.url()).pathname;

    await page.getByRole('link', { name: 'Add an activity' }).first().click();
    await page.getByLabel('Activity in English').fill('Regional workshop on air quality');
    await page.getByLabel('Deadline, as written').fill('April-July 2032');
    await page.getByLabel('Executor').selectOption({ label: 'WECOOP 3' });
    await submit('Add the activity');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The activity was added.');
    const facts = (await page.locator('dl.facts').textContent()) ?? '';
    expect(facts).toContain('Дина Омарова');
    expect(facts).toContain('Айгерим Садыкова');
    expect(facts).toContain('focal points of WECOOP 3');
    expect(facts).not.toContain('Laura Bianchi');

    await page.goto(`${BASE}${planPath}`);
    const activity = page.locator('tr', { hasText: 'Regional workshop on air quality' });
    await expect(activity.textContent()).resolves.toContain('focal points of WECOOP 3');
    await expect(activity.textContent()).resolves.not.toContain('Nobody responsible');
    await shoot('work-plan-focal-points');
  }, 60_000);

  it('starts a new meeting in its body’s zone, searchable among every zone, and says the times are in it', async () => {
    await page.goto(`${BASE}/meetings/new`);
    const zone = page.getByLabel(/Time zone/);
    const note = page.locator('#zone-note');
    expect(await page.locator('#zones option').count()).toBeGreaterThan(400);
    await expect(page.locator('#zones option[value="America/Argentina/Ushuaia"]').count()).resolves.toBe(1);
    await page.getByLabel('Body', { exact: true }).selectOption({ label: WG });
    await expect(zone.inputValue()).resolves.toBe('Asia/Almaty');
    await expect(note.textContent()).resolves.toBe('The times you enter are in the time zone Asia/Almaty.');
    await zone.fill('Asia/Tashkent');
    await expect(note.textContent()).resolves.toBe('The times you enter are in the time zone Asia/Tashkent.');

    // Opened from the body's page, the form comes with the body and its zone chosen, without script.
    await page.goto(`${BASE}/bodies`);
    await page.getByRole('link', { name: WG, exact: true }).click();
    await page.getByRole('link', { name: 'Plan a meeting of this body' }).click();
    await expect(page.getByLabel('Body', { exact: true }).locator('option:checked').textContent()).resolves.toBe(WG);
    await expect(zone.inputValue()).resolves.toBe('Asia/Almaty');
    await expect(note.textContent()).resolves.toBe('The times you enter are in the time zone Asia/Almaty.');
    await shoot('meeting-new-zone');

    // A zone left blank is the body's.
    await zone.fill('');
    await page.getByLabel('Kind of meeting').selectOption('working_group');
    await page.getByLabel('Title in English', { exact: true }).fill('11th meeting of the WGECC');
    await page.getByLabel(/save the date/).check();
    await submit('Create the meeting');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The meeting is created.');
    await page.getByRole('link', { name: 'Edit the details or move the meeting' }).click();
    await expect(zone.inputValue()).resolves.toBe('Asia/Almaty');
  }, 60_000);
});
