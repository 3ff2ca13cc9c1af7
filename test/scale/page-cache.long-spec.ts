import { countQueries } from '../../bench/query-counter';
import { BIG_MEETING_TITLE, scaleSql } from '../../scripts/generate-scale';
import { hashToken, newToken } from '../../src/auth/token-hash';
import { SessionRepository } from '../../src/sessions/session.repository';
import { SESSION_COOKIE } from '../../src/sessions/sessions.service';
import { resetDatabase, startTestApp, TestApp } from '../support/test-app';

/**
 * The heaviest pages are rendered once and sent again while nothing is committed: a second request
 * costs one statement (the session, read with the database's snapshot), a change shows at once, and nobody sees a page
 * rendered for someone else. A long spec, run alone: a commit anywhere in the cluster (another test file's)
 * rightly makes a page render afresh, and these tests need stretches with none.
 */
describe('rendered pages kept while nothing changes', () => {
  let t: TestApp;
  let officer: string;
  let member: string;
  let meeting: string;
  let pages: Record<string, string>;

  async function session(memberId: string): Promise<string> {
    const token = newToken('wss_');
    await t.app.get(SessionRepository).createSession(hashToken(token), memberId, new Date(Date.now() + 86_400_000));
    return `${SESSION_COOKIE}=${token}`;
  }
  const get = (path: string, cookie: string) => t.anonymous.get(path).set('Cookie', cookie);
  const snapshot = async () => {
    const rows: { s: string }[] = await t.dataSource.query('SELECT pg_current_snapshot()::text AS s');
    return rows[0].s;
  };
  const csrfIn = (html: string) => html.match(/name="csrf" value="([^"]+)"/)?.[1];

  /**
   * Runs `work` until one run saw no commit anywhere in the cluster and stayed within one minute:
   * another process's commit (or a minute turning) rightly makes a page render afresh.
   */
  async function whileNothingCommits<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await snapshot();
      const minute = Math.floor(Date.now() / 60_000);
      const result = await work();
      if ((await snapshot()) === before && Math.floor(Date.now() / 60_000) === minute) return result;
    }
    throw new Error('the database never stayed still for one run');
  }

  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
    await resetDatabase(t.config.databaseUrl);
    const shape = { members: 40, plans: 1, itemsPerPlan: 30, meetings: 4, notifications: 20, dueSoon: 2, stuck: 1 };
    for (const sql of scaleSql({ ...shape, invitees: 30, pollOptions: 3 }))
      if (!sql.startsWith('VACUUM')) await t.dataSource.query(sql);
    [{ id: officer }] = await t.dataSource.query('SELECT id FROM member ORDER BY id LIMIT 1');
    await t.dataSource.query(
      `INSERT INTO membership (body_id, member_id, role, seat, start_date) SELECT id, $1, 'secretariat', 'Secretariat', '2020-01-01' FROM body`,
      [officer],
    );
    [{ id: meeting }] = await t.dataSource.query('SELECT id FROM meeting WHERE title @> $1', [
      JSON.stringify({ en: BIG_MEETING_TITLE }),
    ]);
    [{ member_id: member }] = await t.dataSource.query(
      'SELECT member_id FROM invitation WHERE meeting_id = $1 AND member_id <> $2 ORDER BY member_id LIMIT 1',
      [meeting, officer],
    );
    const [{ id: plan }] = await t.dataSource.query('SELECT id FROM work_plan ORDER BY period DESC LIMIT 1');
    pages = {
      dashboard: '/',
      meeting: `/meetings/${meeting}`,
      'work plan': `/work-plan/${plan}`,
      members: '/members',
      outbox: '/outbox',
    };
  });
  afterAll(() => t?.close());

  it('sends each of the five pages again for one statement: the session, read with the snapshot', async () => {
    const cookie = await session(officer);
    const counter = countQueries(t.dataSource);
    try {
      for (const [name, path] of Object.entries(pages)) {
        const { first, again, statements } = await whileNothingCommits(async () => {
          const first = await get(path, cookie);
          let again = first;
          const statements = await counter.during(async () => {
            again = await get(path, cookie);
          });
          return { first, again, statements };
        });
        expect({ name, status: first.status }).toEqual({ name, status: 200 });
        expect({ name, same: again.text === first.text, type: again.type }).toEqual({
          name,
          same: true,
          type: 'text/html',
        });
        expect(again.headers['cache-control']).toBe('no-store');
        // One statement: the session, read with the snapshot (the menu's inbox count is reused too).
        expect({
          name,
          statements: statements.length,
          snapshot: statements[0]?.sql.includes('pg_current_snapshot'),
        }).toEqual({
          name,
          statements: 1,
          snapshot: true,
        });
      }
    } finally {
      counter.stop();
    }
  });

  it('shows a committed change on the very next request', async () => {
    const cookie = await session(officer);
    const before = await get(pages.meeting, cookie);
    expect(before.text).not.toContain('Aaron Renamed');
    await t.dataSource.query(`UPDATE member SET full_name = 'Aaron Renamed' WHERE id = $1`, [member]);
    const after = await get(pages.meeting, cookie);
    expect(after.text).toContain('Aaron Renamed');
    const members = await get(pages.members, cookie);
    expect(members.text).toContain('Aaron Renamed');
  });

  it('never sends one person the page rendered for another', async () => {
    const officerCookie = await session(officer);
    const memberCookie = await session(member);
    const asOfficer = await get(pages.meeting, officerCookie);
    const asMember = await get(pages.meeting, memberCookie);
    const secondOfficer = await get(pages.meeting, await session(officer));
    expect([asOfficer.status, asMember.status, secondOfficer.status]).toEqual([200, 200, 200]);
    const tokens = [asOfficer.text, asMember.text, secondOfficer.text].map(csrfIn);
    expect(tokens.every(Boolean)).toBe(true);
    expect(new Set(tokens).size).toBe(3);
    // The member sees their own answer form, not the secretariat's invite and poll forms.
    expect(asOfficer.text).toContain(`action="/meetings/${meeting}/invite"`);
    expect(asMember.text).not.toContain(`action="/meetings/${meeting}/invite"`);
    // A member asking for a secretariat page is refused however often the secretariat opened it.
    expect((await get('/members', memberCookie)).status).toBe(403);
  });

  it('sends pages compressed to browsers that accept it, fresh or kept, and the API as it is', async () => {
    const cookie = await session(officer);
    const zipped = (path: string) => get(path, cookie).set('Accept-Encoding', 'gzip, deflate, br');
    const { fresh, kept } = await whileNothingCommits(async () => ({
      fresh: await zipped(pages.meeting),
      kept: await zipped(pages.meeting),
    }));
    expect([fresh.headers['content-encoding'], kept.headers['content-encoding']]).toEqual(['br', 'br']);
    expect(kept.headers.vary).toMatch(/Accept-Encoding/);
    expect(kept.text).toBe(fresh.text);
    expect(Number(kept.headers['content-length'])).toBeLessThan(Buffer.byteLength(kept.text) / 4);
    const gzipped = await get(pages.meeting, cookie).set('Accept-Encoding', 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.text).toBe(fresh.text);
    const plain = await get(pages.meeting, cookie).set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(fresh.text);
    const api = await t.admin.get(`/api/meetings/${meeting}`).set('Accept-Encoding', 'gzip');
    expect(api.status).toBe(200);
    expect(api.headers['content-encoding']).toBeUndefined();
  });

  it('renders a page once for requests that arrive together', async () => {
    const cookie = await session(officer);
    const counter = countQueries(t.dataSource);
    try {
      const rendering = await whileNothingCommits(() =>
        counter.during(() => get(pages.meeting, cookie).then((r) => expect(r.status).toBe(200))),
      );
      await t.dataSource.query(`UPDATE member SET full_name = full_name || '.' WHERE id = $1`, [member]);
      const together = await whileNothingCommits(() =>
        counter.during(async () => {
          const answers = await Promise.all(Array.from({ length: 8 }, () => get(pages.meeting, cookie)));
          expect(new Set(answers.map((a) => a.text)).size).toBe(1);
        }),
      );
      // One render, then eight session checks; eight renders would be ~8× the first.
      expect(together.length).toBeLessThan(rendering.length + 8 * 2);
    } finally {
      counter.stop();
    }
  });
});
