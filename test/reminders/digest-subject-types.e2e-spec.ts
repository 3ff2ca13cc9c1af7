import { randomUUID } from 'node:crypto';
import { DigestSubjectTypes1796578025058 } from '../../migrations/1796578025058-DigestSubjectTypes';
import { ComposerRegistry } from '../../src/notifications/notification-composer';
import { createMember } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Digests planned before their subject types were renamed must still be composed and sent. */
describe('the digest subject types migration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ROLE: 'api' });
  }, 60_000);
  afterAll(() => t.close());

  const insert = async (subjectType: string, kind: string, subjectId: string | null): Promise<string> => {
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO notification (key, kind, subject_type, subject_id, recipient_email, due_at) VALUES ($1, $2, $3, $4, 'old@example.org', now() + interval '1 day') RETURNING id`,
      [`old-${randomUUID()}`, kind, subjectType, subjectId],
    );
    return row.id;
  };
  const subjectTypeOf = async (id: string): Promise<string> =>
    (
      await t.dataSource.query<{ subject_type: string }[]>(`SELECT subject_type FROM notification WHERE id = $1`, [id])
    )[0].subject_type;

  it('renames the rows planned under the old names, and the app has a composer for each', async () => {
    const member = (await createMember(t, { email: `old-digest-${randomUUID()}@example.org` })) as { id: string };
    const memberDigest = await insert('member', 'digest', member.id);
    const secretariatDigest = await insert('digest', 'secretariat-digest', null);
    const meeting = await insert('meeting', 'meeting-reminder', randomUUID());
    const migration = new DigestSubjectTypes1796578025058();
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.up(runner);
      expect([
        await subjectTypeOf(memberDigest),
        await subjectTypeOf(secretariatDigest),
        await subjectTypeOf(meeting),
      ]).toEqual(['member_digest', 'secretariat_digest', 'meeting']);
      const registry = t.app.get(ComposerRegistry);
      expect(() => registry.get('member_digest')).not.toThrow();
      expect(() => registry.get('secretariat_digest')).not.toThrow();

      await migration.down(runner);
      expect([
        await subjectTypeOf(memberDigest),
        await subjectTypeOf(secretariatDigest),
        await subjectTypeOf(meeting),
      ]).toEqual(['member', 'digest', 'meeting']);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
  });
});
