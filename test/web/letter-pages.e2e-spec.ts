import { createMeeting } from '../support/factories';
import { pageSuite, shootBothSizes, signedInPage, submit } from '../support/page-suite';

/** Letters on the meeting pages: the secretariat's section and a participant's passport form, in a browser. */
describe('letters on the meeting pages', () => {
  const suite = pageSuite(39850);
  let meetingId: string;
  let participant: { id: string; email: string };

  beforeAll(async () => {
    const { t } = suite;
    const people: { id: string; email: string }[] = await t.dataSource.query(
      `SELECT id, email FROM member WHERE email LIKE '%@demo.wgecc.example' AND email <> 'l.bianchi@demo.wgecc.example'
        ORDER BY email LIMIT 3`,
    );
    participant = people[0];
    meetingId = await createMeeting(t, {
      bodyId: suite.wgId,
      kind: 'working_group',
      number: 12,
      title: { en: 'Twelfth meeting of the WGECC', ru: 'Двенадцатое заседание РГОСИК' },
      timeZone: 'Asia/Almaty',
      startsAt: '2031-11-20T10:00:00+05:00',
      endsAt: '2031-11-20T17:00:00+05:00',
      location: { venue: 'CAREC', city: 'Almaty', countryCode: 'KZ' },
      status: 'scheduled',
    });
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: people.map((p) => p.id) })
      .expect(200);
  }, 60_000);

  it('lists every participant’s letters for the secretariat and downloads them all as one PDF', async () => {
    const { context, page } = await signedInPage(suite, 'l.bianchi@demo.wgecc.example');
    await page.goto(`${suite.base}/meetings/${meetingId}#letters`);
    const section = page.locator('#letters');
    await expect(section.getByRole('heading', { name: 'Invitation and visa letters' }).isVisible()).resolves.toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#letters-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^invitation-letters-.*\.pdf$/);
    await expect(section.getByRole('link', { name: 'Visa support letter (PDF)' }).count()).resolves.toBe(3);
    await shootBothSizes(page, 'meeting-letters-section');
    await page.goto(`${suite.base}/meetings/${meetingId}/letters/${participant.id}`);
    await page.getByLabel('Travel').check();
    await submit(page, 'Save');
    await expect(page.getByLabel('Travel').isChecked()).resolves.toBe(true);
    await shootBothSizes(page, 'meeting-letters-secretariat-form');
    await context.close();
  });

  it('lets a participant give their passport details and shows what is wrong in place', async () => {
    const { context, page } = await signedInPage(suite, participant.email);
    await page.goto(`${suite.base}/meetings/${meetingId}`);
    await page.locator('#my-passport').click();
    await page.locator('#passportNumber').fill('N'.repeat(21));
    await page.locator('#nameInPassport').fill('TEST PARTICIPANT');
    await page.locator('form button[type="submit"]').click();
    await page.waitForLoadState('load');
    await expect(page.locator('#passportNumber-error').isVisible()).resolves.toBe(true);
    await shootBothSizes(page, 'meeting-letters-passport-error');
    await page.locator('#passportNumber').fill('N1234567');
    await page.locator('form button[type="submit"]').click();
    await page.waitForLoadState('load');
    await expect(page.locator('.notice').isVisible()).resolves.toBe(true);
    await expect(page.locator('#passportNumber').inputValue()).resolves.toBe('N1234567');
    await context.close();
  });
});
