import type { DataSource } from 'typeorm';
import { countQueries } from '../../bench/query-counter';
import type { SentStatement } from '../../bench/query-counter';
import { NotificationReconciler } from '../../src/notifications/notification-reconciler';
import { createBody, createMember } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const NOTIFICATIONS = 60_000;
const ITEMS = 50_000;
/** Rows the reconciler must find: more than one page (1,000) of each kind. */
const DUE_SOON = 1_500;
const STUCK = 1_200;
const BIG_TABLES = ['notification', 'work_plan_item'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Parent Relationship'?: string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/**
 * The nodes of a plan without those that count a list's matches (the InitPlan of its page_total):
 * counting a tenth of a table, PostgreSQL rightly reads it whole and hashes the other side (3-5 times
 * faster than by index here), and that count is bounded where it could be millions (notifications).
 */
const pageNodes = (plan: PlanNode, counted: boolean): PlanNode[] =>
  counted && plan['Parent Relationship'] === 'InitPlan'
    ? []
    : [plan, ...(plan.Plans ?? []).flatMap((child) => pageNodes(child, counted))];

/** SELECTs are run (EXPLAIN ANALYZE: the rows read and thrown away are known); other statements only planned. */
async function explain(dataSource: DataSource, statement: SentStatement): Promise<PlanNode> {
  const analyze = /^\s*SELECT/i.test(statement.sql) ? 'ANALYZE, ' : '';
  const [row] = await dataSource.query(`EXPLAIN (${analyze}FORMAT JSON) ${statement.sql}`, statement.parameters);
  return (row['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
}

/**
 * Scans of the big tables that are sequential, or that read far more rows than they keep (an index
 * walked for its order while a filter throws most rows away), as "table: why in <sql>".
 */
async function wastefulScans(dataSource: DataSource, statements: SentStatement[]): Promise<string[]> {
  const found: string[] = [];
  for (const statement of statements.filter((s) => /^\s*(SELECT|UPDATE|WITH)/i.test(s.sql))) {
    for (const node of pageNodes(await explain(dataSource, statement), /page_total/.test(statement.sql))) {
      if (!BIG_TABLES.includes(node['Relation Name'] ?? '')) continue;
      const kept = (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1);
      const removed = node['Rows Removed by Filter'] ?? 0;
      const why =
        node['Node Type'] === 'Seq Scan'
          ? 'sequential scan'
          : removed > 1000 + 10 * kept
            ? `${removed} rows read and dropped for ${kept} kept`
            : null;
      if (why) found.push(`${node['Relation Name']}: ${why} in ${statement.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    }
  }
  return found;
}

/**
 * With tables big enough that PostgreSQL prefers an index where one fits, the main lists and the
 * reconciler's queries use indexes that fit their filters: never a sequential scan of notifications or
 * work-plan items, nor an index walked for its order while a filter drops nearly every row.
 */
describe('indexes on big tables (EXPLAIN)', () => {
  let t: TestApp;
  let planId: string;
  let memberId: string;
  let itemId: string;

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
    const body = await createBody(t);
    memberId = (await createMember(t, { email: 'scale@example.org' })).id;
    await t.dataSource.query(
      `INSERT INTO work_plan (body_id, title, period) SELECT $1, jsonb_build_object('en', 'Plan ' || p), '20' || (30 + p) FROM generate_series(1, 50) p`,
      [body.id],
    );
    // 1,000 items per plan, stored together as an import writes them; 2 % overdue, the rest due over the coming years; a tenth with the member responsible.
    await t.dataSource.query(
      `INSERT INTO work_plan_item (work_plan_id, position, activity, deadline_text, deadline_kind, due_at, countries, status)
       SELECT p.id, g, jsonb_build_object('en', 'Activity ' || g), 'Q3 2031', 'window',
              CASE WHEN g % 50 = 0 THEN now() - interval '10 days' ELSE now() + (g || ' hours')::interval END,
              ARRAY[(ARRAY['KZ','KG','TJ','TM','UZ'])[1 + g % 5]], CASE WHEN g % 7 = 0 THEN 'done' ELSE 'planned' END::work_plan_item_status
       FROM work_plan p, generate_series(1, $1 / 50) g ORDER BY p.period, g`,
      [ITEMS],
    );
    await t.dataSource.query(
      `INSERT INTO work_plan_item_responsible (item_id, member_id) SELECT id, $1 FROM work_plan_item WHERE position % 10 = 0`,
      [memberId],
    );
    planId = (await t.dataSource.query(`SELECT id FROM work_plan ORDER BY id LIMIT 1`))[0].id;
    itemId = (await t.dataSource.query(`SELECT id FROM work_plan_item WHERE work_plan_id = $1 LIMIT 1`, [planId]))[0]
      .id;
    // Mostly sent history; some scheduled far ahead, some due within the reconciler's horizon, some stuck in sending.
    await t.dataSource.query(
      `INSERT INTO notification (key, kind, subject_type, subject_id, recipient_id, recipient_email, due_at, status, claimed_at, sent_at)
       SELECT 'scale:' || g, 'item-due-soon', 'work_plan_item', CASE WHEN g % 100 = 0 THEN $2::uuid ELSE gen_random_uuid() END,
              CASE WHEN g % 20 = 0 THEN $1::uuid ELSE gen_random_uuid() END, 'reader' || g || '@example.org',
              CASE WHEN g <= $3 THEN now() + interval '30 seconds' WHEN g <= $3 + $4 THEN now() - interval '1 hour'
                   WHEN g % 10 = 0 THEN now() + (g || ' minutes')::interval ELSE now() - (g || ' minutes')::interval END,
              (CASE WHEN g <= $3 THEN 'scheduled' WHEN g <= $3 + $4 THEN 'sending' WHEN g % 10 = 0 THEN 'scheduled'
                    WHEN g % 97 = 0 THEN 'failed' ELSE 'sent' END)::notification_status,
              CASE WHEN g > $3 AND g <= $3 + $4 THEN now() - interval '1 hour' END,
              CASE WHEN g > $3 + $4 AND g % 10 <> 0 THEN now() - (g || ' minutes')::interval END
       FROM generate_series(1, $5) g`,
      [memberId, itemId, DUE_SOON, STUCK, NOTIFICATIONS],
    );
    await t.dataSource.query('ANALYZE');
    // As autovacuum leaves a table between bursts of writes: its visibility map lets a count read the index alone.
    await t.dataSource.query('VACUUM work_plan_item');
  }, 60_000);
  afterAll(() => t.close());

  it('the reconciler pages through due rows and rows stuck in sending by index', async () => {
    const counter = countQueries(t.dataSource);
    let result = { released: 0, enqueued: 0 };
    const statements = await counter.during(async () => (result = await t.app.get(NotificationReconciler).reconcile()));
    counter.stop();
    // Released rows are due an hour ago, so the due pages find them again: both kinds take more than one page.
    // Each kind shares one due_at to the microsecond, which once made a page repeat forever.
    expect(result).toEqual({ released: STUCK, recovered: 0, enqueued: DUE_SOON + STUCK });
    const touchingNotifications = statements.filter((s) => /notification/i.test(s.sql));
    expect(touchingNotifications.length).toBeGreaterThanOrEqual(4);
    expect(await wastefulScans(t.dataSource, touchingNotifications)).toEqual([]);
  }, 30_000);

  const lists: Record<string, () => string> = {
    'work-plan items of one plan': () => `/api/work-plan-items?workPlanId=${planId}&limit=50`,
    'overdue items in a country': () => '/api/work-plan-items?due=overdue&country=KZ&limit=50',
    'items due in the next 7 days': () => '/api/work-plan-items?due=next7d&limit=50',
    'items a member is responsible for': () => `/api/work-plan-items?responsibleMemberId=${memberId}&limit=50`,
    'notifications of one recipient': () => `/api/notifications?recipientId=${memberId}&limit=50`,
    'failed notifications': () => '/api/notifications?status=failed&limit=50',
    'notifications of one subject': () => `/api/notifications?subjectType=work_plan_item&subjectId=${itemId}&limit=50`,
  };

  it.each(Object.keys(lists))(
    '%s: no sequential scan or wasteful index walk on a big table',
    async (name) => {
      const counter = countQueries(t.dataSource);
      let body: { items: unknown[]; total: number } = { items: [], total: 0 };
      const statements = await counter.during(async () => (body = (await t.admin.get(lists[name]()).expect(200)).body));
      counter.stop();
      expect(body.items.length).toBeGreaterThan(0);
      expect(await wastefulScans(t.dataSource, statements)).toEqual([]);
    },
    30_000,
  );

  // Counted through the table, the total of a due filter read a heap page per matching item (1,800
  // pages for the overdue items of a country at the scale benchmark's size); the open items' index
  // holds their due moment, on_request and countries, so the count and the page both read it alone.
  it.each([
    ['overdue items in a country (860)', '/api/work-plan-items?due=overdue&country=KZ&limit=50', 800],
    ['items due in the next 7 days (7,000)', '/api/work-plan-items?due=next7d&limit=50', 6000],
  ])(
    '%s: page and total from the open items index, reading a tenth of a page per item at most',
    async (_name, path, atLeast) => {
      const counter = countQueries(t.dataSource);
      let body: { items: unknown[]; total: number } = { items: [], total: 0 };
      const statements = await counter.during(async () => (body = (await t.admin.get(path).expect(200)).body));
      counter.stop();
      expect(statements).toHaveLength(1);
      expect(body.total).toBeGreaterThan(atLeast);
      const [row] = await t.dataSource.query(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statements[0].sql}`,
        statements[0].parameters,
      );
      const plan = (row['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
      const all = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(all)];
      const total = all(plan).find(
        (node) => node['Parent Relationship'] === 'InitPlan' && node['Node Type'] === 'Aggregate',
      )!;
      const itemScans = (node: PlanNode) => all(node).filter((n) => n['Relation Name'] === 'work_plan_item');
      expect(itemScans(total).map((n) => [n['Node Type'], n['Index Name']])).toEqual([
        ['Index Only Scan', 'work_plan_item_open_due'],
      ]);
      expect((total['Shared Hit Blocks'] ?? 0) + (total['Shared Read Blocks'] ?? 0)).toBeLessThan(body.total / 10);
      const page = pageNodes(plan, true).filter((n) => n['Relation Name'] === 'work_plan_item');
      expect(page.map((n) => n['Index Name'])).toEqual(['work_plan_item_open_due']);
    },
    30_000,
  );

  // The total is counted up to a cap in the same statement; the page itself must come from the
  // (due_at, id) index, not from sorting a million rows.
  it('notifications, newest first: the page is read from the index', async () => {
    const counter = countQueries(t.dataSource);
    const statements = await counter.during(() => t.admin.get('/api/notifications?limit=50&offset=100').expect(200));
    counter.stop();
    const page = statements.filter((s) => /LIMIT/i.test(s.sql));
    expect(page).toHaveLength(1);
    expect(await wastefulScans(t.dataSource, page)).toEqual([]);
  }, 30_000);
});
