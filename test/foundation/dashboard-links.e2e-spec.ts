import { randomUUID } from 'node:crypto';
import { addMembership, createBody, createMember, createWorkPlan } from '../support/factories';
import { pageSession } from '../support/page-app';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

/** Every entry of the dashboard leads to its page, and the page offers the next step. */
describe('the dashboard', () => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let cookie: string;
  let bodyId: string;
  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    bodyId = ((await createBody(t)) as { id: string }).id;
    const officer = (await createMember(t, { email: `officer-${randomUUID()}@example.org`, language: 'en' })) as {
      id: string;
      email: string;
    };
    await addMembership(t, bodyId, { memberId: officer.id, role: 'secretariat', startDate: '2020-01-01' });
    cookie = (await pageSession(t, smtp, officer.email)).cookie;
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('offers to plan a meeting and open the work plan, and links late activities and failed emails to their pages', async () => {
    const planId = await createWorkPlan(t, bodyId, '2026');
    const item = (
      await t.admin
        .post(`/api/work-plans/${planId}/items`)
        .send({ activity: { en: 'Send the national report' }, deadline: '2026-01-15' })
        .expect(201)
    ).body as { id: string };
    const [failed] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO notification (key, kind, subject_type, subject_id, recipient_email, due_at, status, last_error)
       VALUES ($1, 'item-overdue', 'work_plan_item', $2, 'gone@example.org', now(), 'failed', '550 no such mailbox') RETURNING id`,
      [`failed-${randomUUID()}`, item.id],
    );

    const page = await t.anonymous.get('/').set('Cookie', cookie).expect(200);
    const links = [...page.text.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([^<]+)</g)].map(([, href, text]) => ({
      href: href.replaceAll('&#x3D;', '='),
      text,
    }));
    expect(links).toEqual(
      expect.arrayContaining([
        { href: '/meetings/new', text: 'Plan a meeting' },
        { href: '/work-plan', text: 'Open the work plan' },
        { href: '/outbox?status=failed', text: 'Look at the failed deliveries' },
        { href: `/work-plan/items/${item.id}`, text: 'Send the national report' },
        { href: `/outbox/${failed.id}`, text: 'gone@example.org' },
      ]),
    );
    for (const href of [
      '/meetings/new',
      '/work-plan',
      '/outbox?status=failed',
      `/outbox/${failed.id}`,
      `/work-plan/items/${item.id}`,
    ])
      await t.anonymous.get(href).set('Cookie', cookie).expect(200);
  });
});
