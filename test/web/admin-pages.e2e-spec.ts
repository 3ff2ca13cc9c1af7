import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, SCREENSHOTS, seriousViolations } from '../support/browser';
import { pageSuite, signedInPage, submit } from '../support/page-suite';

const PORT = 39771;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';

interface Term {
  memberId: string;
  seat: string;
  role: string;
  startDate: string;
  endDate: string | null;
  member?: { fullName: string };
}

describe('bodies and terms, organisations and API tokens in the pages, as the secretariat', () => {
  const suite = pageSuite(PORT);

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('creates and edits a body, adds a term, hands its seat over in one step and ends the new term', async () => {
    const { context, page } = await signedInPage(suite, SECRETARIAT, DESKTOP);

    await page.goto(`${BASE}/bodies?lang=en`);
    await page.getByRole('link', { name: 'Add a body' }).click();
    await page.waitForURL(`${BASE}/bodies/new`);
    // Nothing named: refused, the message under the first name box, nothing created.
    await submit(page, 'Save');
    await expect(page.locator('#name-en-error').textContent()).resolves.toBe(
      'Name: write the name in at least one language.',
    );
    await expect(page.locator('#name-en').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Name in English').fill('Task force on air quality');
    await page.getByLabel('Kind').selectOption('task_force');
    await page.getByLabel('Part of').selectOption(suite.wgId);
    await submit(page, 'Save');
    await page.waitForURL(/\/bodies\/[0-9a-f-]{36}\?saved=created/);
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The body is added.');
    const bodyId = /\/bodies\/([0-9a-f-]{36})/.exec(page.url())![1];
    const created = (await suite.t.admin.get(`/api/bodies/${bodyId}`).expect(200)).body;
    expect(created).toMatchObject({
      name: { en: 'Task force on air quality' },
      kind: 'task_force',
      parentId: suite.wgId,
    });

    await page.getByRole('link', { name: 'Edit the body' }).click();
    await page.getByLabel('Name in Russian').fill('Целевая группа по качеству воздуха');
    await submit(page, 'Save');
    await page.waitForURL(`${BASE}/bodies/${bodyId}?saved=updated`);
    expect((await suite.t.admin.get(`/api/bodies/${bodyId}`).expect(200)).body.name).toEqual({
      en: 'Task force on air quality',
      ru: 'Целевая группа по качеству воздуха',
    });

    // A term with no first day: the message beside the date box, the chosen member kept.
    await page.getByLabel('Member', { exact: true }).selectOption({ label: 'Дина Омарова (KZ)' });
    await submit(page, 'Add the term');
    await expect(page.locator('#term-start-error').textContent()).resolves.toBe(
      'First day: enter a day (such as 31/12/2026).',
    );
    await expect(page.locator('#term-member option:checked').textContent()).resolves.toBe('Дина Омарова (KZ)');
    await page.getByLabel('First day').fill('2026-01-01');
    await submit(page, 'Add the term');
    await page.waitForURL(/saved=term/);
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The term is added.');
    await shot(page, 'body-with-term-desktop');
    expect(await seriousViolations(page)).toEqual([]);

    // The seat, from the composition and from the continuity report: its history and its forms.
    await page.locator('section[aria-labelledby="h-continuity"]').getByRole('link', { name: 'KZ' }).click();
    await page.waitForURL(`${BASE}/bodies/${bodyId}/seats/KZ`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Seat KZ — Task force on air quality');

    // Handing over on the holder's own first day is refused beside the date, nothing changed.
    const card = page.locator('section[aria-labelledby="h-running"] .card').first();
    await card.getByLabel('New holder').selectOption({ label: 'Айгерим Садыкова (KZ)' });
    await card.getByLabel('First day').fill('2026-01-01');
    await card.getByRole('button', { name: 'Hand over' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('[id$="-start-error"]').textContent()).resolves.toBe(
      "First day: the new holder's first day must be after the current term's start (2026-01-01)",
    );
    await card.getByLabel('First day').fill('2026-06-01');
    await card.getByRole('button', { name: 'Hand over' }).click();
    await page.waitForURL(`${BASE}/bodies/${bodyId}/seats/KZ?saved=replaced`);
    await expect(page.locator('p.notice').textContent()).resolves.toBe(
      'The seat has its new holder; the previous term is ended.',
    );
    const terms = async () =>
      ((await suite.t.admin.get(`/api/bodies/${bodyId}/memberships`).expect(200)).body.items as Term[]).map((s) => ({
        who: s.member!.fullName,
        seat: s.seat,
        role: s.role,
        from: s.startDate,
        to: s.endDate,
      }));
    await expect(terms()).resolves.toEqual([
      { who: 'Дина Омарова', seat: 'KZ', role: 'member', from: '2026-01-01', to: '2026-05-31' },
      { who: 'Айгерим Садыкова', seat: 'KZ', role: 'member', from: '2026-06-01', to: null },
    ]);
    await shot(page, 'body-seat-desktop');
    expect(await seriousViolations(page)).toEqual([]);

    // Ending the new holder's term.
    const running = page.locator('section[aria-labelledby="h-running"] .card');
    await expect(running.count()).resolves.toBe(1);
    await running.getByLabel('Last day').fill('2026-11-30');
    await running.getByRole('button', { name: 'End this term' }).click();
    await page.waitForURL(/saved=ended/);
    await expect(terms()).resolves.toMatchObject([{ to: '2026-05-31' }, { to: '2026-11-30' }]);
    await context.close();
  });

  it('lists, adds and edits organisations, with the field at fault marked', async () => {
    const { context, page } = await signedInPage(suite, SECRETARIAT, DESKTOP);
    await page.goto(`${BASE}/organizations?lang=en`);
    const before = await page.locator('table.table tbody tr').count();
    expect(before).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Add an organisation' }).click();
    await page.getByLabel('Name in English').fill('Ministry of Ecology of Tajikistan');
    await page.getByLabel('Name in Russian').fill('Министерство экологии Таджикистана');
    await page.getByLabel('Kind').selectOption('ministry');
    await page.getByLabel('Country').fill('ZZ');
    await submit(page, 'Save');
    await expect(page.locator('#countryCode-error').textContent()).resolves.toBe(
      'Country: two letters of a country (such as KZ), or EU.',
    );
    await expect(page.getByLabel('Name in Russian').inputValue()).resolves.toBe('Министерство экологии Таджикистана');
    await page.getByLabel('Country').fill('tj');
    await submit(page, 'Save');
    await page.waitForURL(/\/organizations\?saved=created/);
    await expect(page.locator('p.notice').textContent()).resolves.toBe('The organisation is added.');
    await expect(page.locator('table.table tbody tr').count()).resolves.toBe(before + 1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Edit Ministry of Ecology of Tajikistan' }).click();
    await page.getByLabel('Name in Kazakh').fill('Тәжікстан Экология министрлігі');
    await page.getByLabel('Country').fill('');
    await submit(page, 'Save');
    await page.waitForURL(/saved=updated/);
    const found = (
      await suite.t.admin
        .get(`/api/organizations?q=${encodeURIComponent('Ministry of Ecology of Tajikistan')}`)
        .expect(200)
    ).body.items[0];
    expect(found).toMatchObject({
      name: {
        en: 'Ministry of Ecology of Tajikistan',
        ru: 'Министерство экологии Таджикистана',
        kk: 'Тәжікстан Экология министрлігі',
      },
      kind: 'ministry',
      countryCode: null,
    });
    await shot(page, 'organizations-desktop');
    await context.close();
  });

  it('creates an API token shown once, which then opens the API until it is revoked', async () => {
    const { context, page } = await signedInPage(suite, SECRETARIAT, PHONE);
    await page.goto(`${BASE}/tokens?lang=en`);
    // A member token for nobody: refused beside the member choice.
    await page.getByLabel('What it is for').fill('Member app');
    await page.getByLabel('One member').check();
    await submit(page, 'Create the token');
    await expect(page.locator('#token-member-error').textContent()).resolves.toBe(
      'The member (for a member token): choose the member the token acts as.',
    );

    await page.getByLabel('What it is for').fill('Calendar integration');
    await page.getByLabel('Secretariat', { exact: true }).check();
    await submit(page, 'Create the token');
    const token = await page.locator('#created-token').inputValue();
    expect(token).toMatch(/^wgs_/);
    await shot(page, 'tokens-created-phone');
    expect(await seriousViolations(page)).toEqual([]);
    await suite.t.anonymous.get('/api/bodies').set('Authorization', `Bearer ${token}`).expect(200);

    // Shown once: the list has its beginning only.
    await page.goto(`${BASE}/tokens`);
    await expect(page.content()).resolves.not.toContain(token);
    await page.getByRole('button', { name: 'Revoke Calendar integration' }).click();
    await page.waitForURL(`${BASE}/tokens?revoked=1`);
    await expect(page.locator('p.notice').first().textContent()).resolves.toContain('The token is revoked');
    await suite.t.anonymous.get('/api/bodies').set('Authorization', `Bearer ${token}`).expect(401);
    await context.close();
  });
});
