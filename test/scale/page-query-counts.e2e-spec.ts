import { countQueries } from '../../bench/query-counter';
import { BIG_MEETING_TITLE, scaleSql } from '../../scripts/generate-scale';
import type { ScaleShape } from '../../scripts/generate-scale';
import { hashToken, newToken } from '../../src/auth/token-hash';
import { SessionRepository } from '../../src/sessions/session.repository';
import { SESSION_COOKIE } from '../../src/sessions/sessions.service';
import { resetDatabase, startTestApp, TestApp } from '../support/test-app';

/**
 * The five pages the secretariat waits for send as many SQL statements on a group five times the size:
 * no invitee, activity, member or email costs a query of its own (the pages benchmark prints the same
 * counts at a million notifications).
 */
describe('SQL statements per page, small and five times larger', () => {
  let t: TestApp;

  // The small group fits on one page of every list (25 members, 50 emails, 8 meetings on the dashboard) and
  // the larger one fills them: a statement per row shows as a difference.
  const shape = (times: number): ScaleShape => ({
    members: 12 * times,
    plans: times,
    itemsPerPlan: 40 * times,
    meetings: 6 * times,
    notifications: 8 * times,
    dueSoon: times,
    stuck: times,
    invitees: 10 * times,
    pollOptions: 3,
  });

  /** A group of `shape`, the first member signed in as its secretariat: each page's statements and size. */
  async function measurePages(groupShape: ScaleShape) {
    await resetDatabase(t.config.databaseUrl);
    for (const sql of scaleSql(groupShape)) if (!sql.startsWith('VACUUM')) await t.dataSource.query(sql);
    await t.dataSource.query('ANALYZE');
    const [{ id: secretariat }] = await t.dataSource.query('SELECT id FROM member ORDER BY id LIMIT 1');
    await t.dataSource.query(
      `INSERT INTO membership (body_id, member_id, role, seat, start_date) SELECT id, $1, 'secretariat', 'Secretariat', '2020-01-01' FROM body`,
      [secretariat],
    );
    const token = newToken('wss_');
    await t.app.get(SessionRepository).createSession(hashToken(token), secretariat, new Date(Date.now() + 86_400_000));
    const [{ id: meeting }] = await t.dataSource.query('SELECT id FROM meeting WHERE title @> $1', [
      JSON.stringify({ en: BIG_MEETING_TITLE }),
    ]);
    const [{ id: plan }] = await t.dataSource.query('SELECT id FROM work_plan ORDER BY period DESC LIMIT 1');
    const pages: Record<string, string> = {
      dashboard: '/',
      meeting: `/meetings/${meeting}`,
      'work plan': `/work-plan/${plan}`,
      members: '/members',
      outbox: '/outbox',
    };
    const counter = countQueries(t.dataSource);
    const measured: Record<string, { statements: number; matrixCells: number; itemLinks: number }> = {};
    try {
      for (const [name, path] of Object.entries(pages)) {
        let html = '';
        const statements = await counter.during(async () => {
          const page = await t.anonymous.get(path).set('Cookie', `${SESSION_COOKIE}=${token}`);
          expect({ name, status: page.status }).toEqual({ name, status: 200 });
          html = page.text;
        });
        measured[name] = {
          // The menu's inbox count is counted again only after a commit anywhere in the cluster (another
          // test file's included), so whether a page sends it says nothing about the page: left out.
          statements: statements.filter((s) => !/FROM "inbound_message"/.test(s.sql)).length,
          matrixCells: html.match(/<td class="a-/g)?.length ?? 0,
          itemLinks: new Set(html.match(/\/work-plan\/items\/[0-9a-f-]{36}/g)).size,
        };
      }
    } finally {
      counter.stop();
    }
    return measured;
  }

  beforeAll(async () => {
    // No worker in this process: its statements would be counted with the page's.
    t = await startTestApp({ ROLE: 'api' });
  });
  afterAll(() => t.close());

  it('the dashboard, a meeting, the work plan, the member list and the outbox', async () => {
    const small = await measurePages(shape(1));
    const large = await measurePages(shape(5));
    for (const name of Object.keys(small)) {
      expect({ name, statements: large[name].statements }).toEqual({ name, statements: small[name].statements });
      // At least the session and the page's own reads; a few more than today is fine (the meeting page reads
      // 26 with its documents, letters and papers), one per row is not.
      expect(small[name].statements).toBeGreaterThanOrEqual(2);
      expect(small[name].statements).toBeLessThanOrEqual(32);
    }
    // Every invitee's answers and every activity are on their pages: the pages did grow with the group.
    expect([small.meeting.matrixCells, large.meeting.matrixCells]).toEqual([10 * 3, 50 * 3]);
    expect(small['work plan'].itemLinks).toBeGreaterThanOrEqual(40);
    expect(large['work plan'].itemLinks).toBeGreaterThanOrEqual(200);
  }, 120_000);
});
