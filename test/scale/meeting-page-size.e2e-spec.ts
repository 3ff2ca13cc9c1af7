import { writeFileSync } from 'node:fs';
import { BIG_MEETING_TITLE, scaleSql } from '../../scripts/generate-scale';
import { hashToken, newToken } from '../../src/auth/token-hash';
import { SessionRepository } from '../../src/sessions/session.repository';
import { SESSION_COOKIE } from '../../src/sessions/sessions.service';
import { resetDatabase, startTestApp, TestApp } from '../support/test-app';

/**
 * The secretariat's page of a meeting with 500 invitees names each member a small, fixed number of times:
 * pickers list only members not yet invited and the participant choices are one shared list, so option
 * lists repeated per form cannot creep back.
 */
describe('the meeting page of 500 invitees', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('names every member at most a few times, whatever the directory size', async () => {
    t = await startTestApp({ ROLE: 'api' });
    await resetDatabase(t.config.databaseUrl);
    const shape = { members: 600, plans: 1, itemsPerPlan: 1, meetings: 1, notifications: 1, dueSoon: 0, stuck: 0 };
    for (const sql of scaleSql({ ...shape, invitees: 500, pollOptions: 6 }))
      if (!sql.startsWith('VACUUM')) await t.dataSource.query(sql);
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
    const members: { id: string; invited: boolean }[] = await t.dataSource.query(
      'SELECT m.id, EXISTS (SELECT 1 FROM invitation i WHERE i.member_id = m.id AND i.meeting_id = $1) AS invited FROM member m',
      [meeting],
    );

    const timings: number[] = [];
    const cpu: number[] = [];
    let html = '';
    for (let i = 0; i < Number(process.env.PAGE_SAMPLES ?? 3); i++) {
      const started = process.hrtime.bigint();
      const cpuBefore = process.cpuUsage();
      const page = await t.anonymous.get(`/meetings/${meeting}`).set('Cookie', `${SESSION_COOKIE}=${token}`);
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
      expect(page.status).toBe(200);
      html = page.text;
    }
    if (process.env.DUMP_HTML) writeFileSync(process.env.DUMP_HTML, html);
    if (process.env.SHOW_TIMINGS)
      console.log(
        `meeting page: ${html.length} bytes, ms: ${timings.map((ms) => ms.toFixed(0)).join(' ')}; cpu ms: ${cpu.map((ms) => ms.toFixed(0)).join(' ')}`,
      );

    const times = (id: string) => html.split(id).length - 1;
    const invited = members.filter((m) => m.invited);
    const notInvited = members.filter((m) => !m.invited);
    expect(invited).toHaveLength(500);
    // The matrix, the attendance (a hidden field and a box), the letters (three links) and the shared lists
    // (members; substitutes, when they serve as delegates).
    expect(Math.max(...invited.map((m) => times(m.id)))).toBeLessThanOrEqual(9);
    // Not yet invited: once per picker (poll, invite) and once in each shared list.
    expect(Math.max(...notInvited.map((m) => times(m.id)))).toBeLessThanOrEqual(4);
    expect(html.match(/<td class="a-/g)).toHaveLength(500 * 6);
    expect(html.match(/<datalist/g)?.length ?? 0).toBeLessThanOrEqual(3);
  }, 180_000);
});
