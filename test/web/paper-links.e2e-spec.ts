import { join } from 'node:path';
import { SCREENSHOTS } from '../support/browser';
import { createMeeting, meetingHasBegun } from '../support/factories';
import { pageSuite, shootBothSizes, signedInPage } from '../support/page-suite';

/** The papers of a meeting with its attendance and minutes, as the secretariat and an attendee find them on its page. */
describe('papers on the meeting page', () => {
  const suite = pageSuite(39860);
  let meetingId: string;
  let attendee: { id: string; email: string };

  beforeAll(async () => {
    const { t } = suite;
    const people: { id: string; email: string }[] = await t.dataSource.query(
      `SELECT id, email FROM member WHERE email LIKE '%@demo.wgecc.example' AND email <> 'l.bianchi@demo.wgecc.example'
        ORDER BY email <> 'a.sadykova@demo.wgecc.example', email LIMIT 4`,
    );
    attendee = people[0];
    meetingId = await createMeeting(t, {
      bodyId: suite.wgId,
      kind: 'working_group',
      number: 12,
      title: { en: 'Twelfth meeting of the WGECC', ru: 'Двенадцатое заседание РГОСИК' },
      timeZone: 'Asia/Almaty',
      startsAt: '2031-11-20T10:00:00+05:00',
      endsAt: '2031-11-20T17:00:00+05:00',
      location: { venue: 'CAREC', city: 'Almaty', countryCode: 'KZ' },
    });
    await t.admin
      .post(`/api/meetings/${meetingId}/invitations`)
      .send({ memberIds: people.map((p) => p.id) })
      .expect(200);
    const restore = await meetingHasBegun(t, meetingId);
    await t.admin
      .put(`/api/meetings/${meetingId}/attendance`)
      .send({ records: people.map((p, i) => ({ memberId: p.id, attended: i < 3 })) })
      .expect(200);
    await restore();
    await t.admin
      .put(`/api/meetings/${meetingId}/minutes`)
      .send({
        text: 'The meeting opened at 10:00.',
        originalLanguage: 'en',
        decisions: [{ text: 'Adopt the agenda.' }],
      })
      .expect(200);
  }, 60_000);

  it('lists each paper in each language for the secretariat, and downloads them', async () => {
    const { context, page } = await signedInPage(suite, 'l.bianchi@demo.wgecc.example');
    await page.goto(`${suite.base}/meetings/${meetingId}#papers`);
    const section = page.locator('#papers');
    await expect(section.getByRole('heading', { name: 'Papers (PDF)' }).isVisible()).resolves.toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: 'Kazakh' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('attendance-sheet-kk.pdf');
    await expect(section.getByRole('link', { name: 'Russian' }).count()).resolves.toBeGreaterThanOrEqual(2);
    await section.screenshot({ path: join(SCREENSHOTS, 'meeting-papers-section.png') });
    await shootBothSizes(page, 'meeting-papers');
    await context.close();
  });

  it('offers an attendee their own certificate from their meeting page', async () => {
    const { context, page } = await signedInPage(suite, attendee.email);
    await page.goto(`${suite.base}/meetings/${meetingId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#my-certificate').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^certificate-${attendee.id}-(en|ru|kk)\\.pdf$`));
    await shootBothSizes(page, 'member-meeting-certificate');
    await context.close();
  });
});
