import type { Page } from 'playwright-core';
import { pageSuite, shootBothSizes, signedInPage, submit as submitForm } from '../support/page-suite';

const PORT = 39761;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
const WG = 'EU–Central Asia Working Group on Environment and Climate Change';
const OMAROVA = 'Дина Омарова (KZ)';

/** The secretariat keeps the work plan in the pages alone: plans, activities, statuses, history and bulk changes. */
describe('the work-plan forms, in a real browser, as the secretariat', () => {
  const suite = pageSuite(PORT);
  let page: Page;
  let planPath: string;
  let itemPath: string;

  const shoot = (name: string) => shootBothSizes(page, name);
  const submit = (name: string | RegExp) => submitForm(page, name);
  const alertText = async () => (await page.locator('[role=alert]').first().textContent()) ?? '';

  beforeAll(async () => {
    ({ page } = await signedInPage(suite, SECRETARIAT));
    await page.goto(`${BASE}/me?lang=en`);
  }, 90_000);

  it('creates a work plan, says what is missing in the form’s own words, then renames it and sets its period', async () => {
    // A fresh demo has no plan: the page says so and offers to create one.
    await page.goto(`${BASE}/work-plan`);
    await expect(page.locator('main').textContent()).resolves.toContain('No work plan yet.');
    await shoot('work-plan-none');
    await page.getByRole('link', { name: 'Create the first work plan' }).click();
    await submit('Create the plan');
    const refused = await alertText();
    expect(refused).toContain('Body: Choose the body.');
    expect(refused).toContain('Title: Write the title in at least one language');
    expect(refused).toContain('Period: Name the period');
    expect(refused).not.toMatch(/bodyId|period must|title must/);
    await shoot('work-plan-new-refused');

    await page.getByLabel('Body').selectOption({ label: WG });
    await page.getByLabel('Title in English').fill('Work plan 2032');
    await page.getByLabel('Title in Russian').fill('Рабочий план на 2032 год');
    await page.getByLabel('Period', { exact: true }).fill('2032');
    await page.getByLabel('Status').selectOption({ label: 'adopted' });
    await submit('Create the plan');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The work plan was created.');
    await expect(page.locator('h1').textContent()).resolves.toContain('Work plan 2032');
    planPath = new URL(page.url()).pathname;
    await expect(page.locator('main').textContent()).resolves.toContain('The work plan has no activities yet.');

    await page.getByRole('link', { name: 'Rename, set the period or status' }).click();
    await page.getByLabel('Title in English').fill('Work plan 2032–2033');
    await page.getByLabel('Period', { exact: true }).fill('2032–2033');
    await submit('Save the plan');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The work plan was saved.');
    await expect(page.locator('h1').textContent()).resolves.toContain('Work plan 2032–2033');
    await expect(page.locator('main p.muted').first().textContent()).resolves.toContain('period 2032–2033 · adopted');
    await shoot('work-plan-plan-saved');
  }, 60_000);

  it('adds an activity, reading its deadline live as it is typed, and with the check button without script', async () => {
    await page.goto(`${BASE}${planPath}`);
    await page.getByRole('link', { name: 'Add an activity' }).first().click();
    await page.getByLabel('Activity in English').fill('Regional workshop on air quality');
    await page.getByLabel('Activity in Russian').fill('Региональный семинар по качеству воздуха');
    const deadline = page.getByLabel('Deadline, as written');
    const preview = page.locator('#deadline-preview');
    await deadline.fill('April-July 2032');
    await preview.filter({ hasText: 'Read as: 1 April 2032 – 31 July 2032' }).waitFor({ timeout: 5000 });
    await deadline.fill('sometime later');
    await preview.filter({ hasText: 'This deadline cannot be read' }).waitFor({ timeout: 5000 });
    await deadline.fill('Февраль 2032');
    // The check button reads it on the server: nothing is saved, the form comes back with the reading.
    await submit('Check the deadline');
    await expect(preview.textContent()).resolves.toContain('Read as: 1 February 2032 – 29 February 2032');
    await expect(page.getByLabel('Activity in English').inputValue()).resolves.toBe('Regional workshop on air quality');
    await page.getByLabel('Executor').selectOption({ label: 'WECOOP 3' });
    await shoot('work-plan-activity-new');
    await submit('Add the activity');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The activity was added.');
    itemPath = new URL(page.url()).pathname;
    // Nobody named, WECOOP 3 has no focal point: the secretariat is reminded, and the page says so.
    await expect(page.locator('main').textContent()).resolves.toContain('Nobody responsible');
    await expect(page.locator('dl.facts').textContent()).resolves.toContain('Laura Bianchi');
  }, 60_000);

  it('edits the activity: refuses a wrong country in the reader’s words, then saves people, topics and reminders', async () => {
    await page.goto(`${BASE}${itemPath}`);
    await page.getByRole('link', { name: 'Edit the activity' }).click();
    await page.getByLabel(OMAROVA).check();
    await page.getByLabel('Topics').fill('air quality, training');
    await page.getByLabel('Countries').fill('KZ, XX');
    await page.getByLabel('Notes').fill('Venue to be confirmed');
    await page.getByLabel('Reminders, days before the deadline').fill('7, 1');
    await submit('Save the activity');
    const refused = await alertText();
    expect(refused).toContain('Countries: Use country codes such as KZ, UZ or EU');
    expect(refused).not.toContain('countries must');
    await expect(page.getByLabel('Countries').getAttribute('aria-invalid')).resolves.toBe('true');
    await shoot('work-plan-activity-refused');
    await page.getByLabel('Countries').fill('KZ, UZ');
    await submit('Save the activity');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The activity was saved.');
    const facts = (await page.locator('dl.facts').textContent()) ?? '';
    expect(facts).toContain('Дина Омарова');
    expect(facts).toContain('air quality, training');
    expect(facts).toContain('KZ, UZ');
    await expect(page.locator('main').textContent()).resolves.not.toContain('Nobody responsible');
    await page.getByRole('link', { name: 'Edit the activity' }).click();
    await expect(page.getByLabel('Reminders, days before the deadline').inputValue()).resolves.toBe('7, 1');
  }, 60_000);

  it('says what is wrong in Russian to a reader who reads Russian, with the form’s Russian labels', async () => {
    await page.goto(`${BASE}${planPath}/items/new?lang=ru`);
    await page.getByLabel('Сроки, как записано').fill('когда-нибудь потом');
    await page.getByLabel('Страны').fill('KZ, XX');
    await submit('Добавить мероприятие');
    const refused = await alertText();
    expect(refused).toContain('Мероприятие: Опишите мероприятие хотя бы на одном языке');
    expect(refused).toContain('Страны: Используйте коды стран');
    expect(refused).not.toMatch(/activity|countries|must/);
    await shoot('work-plan-activity-refused-ru');
    await page.goto(`${BASE}/me?lang=en`);
  }, 60_000);

  it('changes the status with a comment and shows the history', async () => {
    await page.goto(`${BASE}${itemPath}`);
    await page.getByLabel('New status').selectOption({ label: 'in progress' });
    await page.getByLabel('Comment (kept in the history)').fill('Venue booked in Almaty');
    await submit('Change the status');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The status was changed.');
    const history = (await page.locator('table.table').textContent()) ?? '';
    expect(history).toContain('Activity added');
    expect(history).toContain('Edited:');
    expect(history).toContain('Status: planned → in progress');
    expect(history).toContain('Venue booked in Almaty');
    expect(history).toContain('Laura Bianchi');
    await shoot('work-plan-activity-history');
  }, 60_000);

  it('sets the status and the responsible members of the selected activities at once, then closes the plan', async () => {
    await page.goto(`${BASE}${planPath}/items/new`);
    await page.getByLabel('Activity in English').fill('Report on the workshop');
    await page.getByLabel('Deadline, as written').fill('March 2032');
    await submit('Add the activity');
    await page.goto(`${BASE}${planPath}`);
    const rows = page.locator('table.table tbody tr');
    expect(await rows.count()).toBe(2);
    await expect(rows.filter({ hasText: 'Report on the workshop' }).textContent()).resolves.toContain(
      'Nobody responsible',
    );

    await submit('Set their status');
    expect(await alertText()).toContain('Select at least one activity in the table.');
    for (const box of await page.locator('input[name=itemIds]').all()) await box.check();
    await page.getByLabel('Mark them as').selectOption({ label: 'postponed' });
    await page.getByLabel('Comment (kept in the history)').fill('Moved to the autumn');
    await submit('Set their status');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('2 activities were changed.');
    for (const row of await rows.all()) await expect(row.textContent()).resolves.toContain('postponed');

    // Choosing nobody is refused rather than taking everyone off the selected activities.
    for (const box of await page.locator('input[name=itemIds]').all()) await box.check();
    await submit('Make these members responsible');
    expect(await alertText()).toContain('Responsible members (they are reminded): Tick the responsible members');
    for (const box of await page.locator('input[name=itemIds]').all()) await box.check();
    await page.getByLabel('Responsible members (they are reminded)').selectOption({ label: OMAROVA });
    await submit('Make these members responsible');
    await expect(page.locator('p.notice').textContent()).resolves.toBe('2 activities were changed.');
    for (const row of await rows.all()) {
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('Дина Омарова');
      expect(text).not.toContain('Nobody responsible');
    }
    await shoot('work-plan-bulk');

    await submit('Close this plan');
    await expect(page.locator('main p.muted').first().textContent()).resolves.toContain('closed');
    expect(await page.getByRole('link', { name: 'Add an activity' }).count()).toBe(0);
  }, 60_000);
});
