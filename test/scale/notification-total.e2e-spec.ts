import { NOTIFICATIONS_COUNTED_UP_TO } from '../../src/notifications/notification.repository';
import { pageSession, startDemoPageApp } from '../support/page-app';
import { SmtpSink } from '../support/smtp-sink';
import type { TestApp } from '../support/test-app';

const PORT = 39641;
const SECRETARIAT = 'l.bianchi@demo.wgecc.example';
const CAP = NOTIFICATIONS_COUNTED_UP_TO;

/**
 * Years of email are millions of notification rows: the list counts them exactly up to a cap, and
 * beyond it says that its total is a lower bound, in the API and on the outbox page.
 */
describe('the notification list beyond its counting cap', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  let recipientId: string;
  let all: number;

  beforeAll(async () => {
    ({ t } = await startDemoPageApp(smtp, PORT));
    recipientId = (await t.admin.get('/api/members?limit=1').expect(200)).body.items[0].id;
    await t.dataSource.query(
      `INSERT INTO notification (key, kind, subject_type, subject_id, recipient_id, recipient_email, due_at, status, sent_at)
       SELECT 'history:' || g, 'item-due-soon', 'work_plan_item', gen_random_uuid(), CASE WHEN g <= 3 THEN $1::uuid END,
              'reader' || g || '@example.org', now() - (g || ' minutes')::interval, 'sent', now() - (g || ' minutes')::interval
       FROM generate_series(1, $2) g`,
      [recipientId, CAP + 50],
    );
    all = Number((await t.dataSource.query('SELECT count(*) AS n FROM notification'))[0].n);
  }, 120_000);

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('stops counting at the cap and says the total is a lower bound', async () => {
    const first = (await t.admin.get('/api/notifications?limit=50').expect(200)).body;
    expect({ rows: first.items.length, total: first.total, totalIsLowerBound: first.totalIsLowerBound }).toEqual({
      rows: 50,
      total: CAP,
      totalIsLowerBound: true,
    });
  });

  it('deep pages: the total is at least the rows up to the page, and a page past the end still says the bound', async () => {
    const last = (await t.admin.get(`/api/notifications?limit=100&offset=${CAP}`).expect(200)).body;
    expect({ rows: last.items.length, total: last.total, totalIsLowerBound: last.totalIsLowerBound }).toEqual({
      rows: all - CAP,
      total: all,
      totalIsLowerBound: true,
    });
    const past = (await t.admin.get('/api/notifications?limit=50&offset=100000').expect(200)).body;
    expect({ rows: past.items.length, total: past.total, totalIsLowerBound: past.totalIsLowerBound }).toEqual({
      rows: 0,
      total: CAP,
      totalIsLowerBound: true,
    });
  });

  it('below the cap the total is exact and the page has its usual shape', async () => {
    const mine = (await t.admin.get(`/api/notifications?recipientId=${recipientId}&limit=2`).expect(200)).body;
    const exact = Number(
      (await t.dataSource.query('SELECT count(*) AS n FROM notification WHERE recipient_id = $1', [recipientId]))[0].n,
    );
    expect(exact).toBeGreaterThanOrEqual(3);
    expect(Object.keys(mine).sort()).toEqual(['items', 'limit', 'offset', 'total']);
    expect({ rows: mine.items.length, total: mine.total }).toEqual({ rows: 2, total: exact });
  });

  it('documents the bound in the OpenAPI schema of the page', async () => {
    const document = (await t.anonymous.get('/api/docs-json').expect(200)).body;
    const page = document.components.schemas.NotificationPage;
    expect(page.required).toEqual(expect.arrayContaining(['items', 'total', 'limit', 'offset']));
    expect(page.required).not.toContain('totalIsLowerBound');
    expect(page.properties.totalIsLowerBound.description).toContain('lower bound');
  });

  it('the outbox page shows "10,000+" and still offers the next page', async () => {
    const { cookie } = await pageSession(t, smtp, SECRETARIAT);
    const first = await t.anonymous.get('/outbox?lang=en').set('Cookie', cookie).expect(200);
    expect(first.text).toContain(`Emails 1–50 of ${CAP.toLocaleString('en')}+.`);
    expect(first.text).toContain('href="/outbox?page&#x3D;2" rel="next"');
    const deep = await t.anonymous
      .get(`/outbox?lang=en&page=${CAP / 50}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(deep.text).toContain(
      `Emails ${(CAP - 49).toLocaleString('en')}–${CAP.toLocaleString('en')} of ${CAP.toLocaleString('en')}+.`,
    );
    expect(deep.text).toContain(`page&#x3D;${CAP / 50 + 1}" rel="next"`);
  });
});
