import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

/** Creates records through the API, as a user would, and returns the response bodies. */
export async function createOrganization(t: TestApp, overrides: Record<string, unknown> = {}) {
  const res = await t.admin
    .post('/api/organizations')
    .send({ name: { en: 'Ministry of Ecology' }, kind: 'ministry', countryCode: 'KZ', ...overrides });
  if (res.status !== 201) throw new Error(`createOrganization: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createMember(t: TestApp, overrides: Record<string, unknown> = {}) {
  const res = await t.admin.post('/api/members').send({
    fullName: 'Test Member',
    email: `member-${randomUUID().slice(0, 8)}@example.org`,
    countryCode: 'KZ',
    language: 'ru',
    timeZone: 'Asia/Almaty',
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`createMember: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createBody(t: TestApp, overrides: Record<string, unknown> = {}) {
  const res = await t.admin
    .post('/api/bodies')
    .send({ name: { en: 'Working Group', ru: 'Рабочая группа' }, kind: 'working_group', ...overrides });
  if (res.status !== 201) throw new Error(`createBody: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function addMembership(t: TestApp, bodyId: string, overrides: Record<string, unknown>) {
  const res = await t.admin
    .post(`/api/bodies/${bodyId}/memberships`)
    .send({ role: 'member', startDate: '2019-01-01', ...overrides });
  if (res.status !== 201) throw new Error(`addMembership: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A new meeting with these fields; its id. */
export async function createMeeting(t: TestApp, fields: Record<string, unknown>): Promise<string> {
  const res = await t.admin.post('/api/meetings').send(fields);
  if (res.status !== 201) throw new Error(`createMeeting: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** A new work plan of the body, named after its period; its id. */
export async function createWorkPlan(t: TestApp, bodyId: string, period = '2019'): Promise<string> {
  const res = await t.admin.post('/api/work-plans').send({ bodyId, title: { en: `Plan ${period}` }, period });
  if (res.status !== 201) throw new Error(`createWorkPlan: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Sends a table to the plan's import (a dry run when asked); the request, to assert on. */
export function uploadTable(
  t: TestApp,
  planId: string,
  content: Buffer | string,
  filename = 'plan.csv',
  dryRun = false,
) {
  return t.admin
    .post(`/api/work-plans/${planId}/import${dryRun ? '?dryRun=true' : ''}`)
    .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), filename);
}

/**
 * Time passing for a meeting dated in the future: it now began yesterday, keeping its length, so it
 * can be marked held and its attendance recorded (refused before its first day). Returns how to put
 * its dates back, for tests that go on with the meeting in the future.
 */
export async function meetingHasBegun(t: TestApp, meetingId: string): Promise<() => Promise<void>> {
  const [before] = await t.dataSource.query<{ starts_at: Date; ends_at: Date | null }[]>(
    'SELECT starts_at, ends_at FROM meeting WHERE id = $1',
    [meetingId],
  );
  await t.dataSource.query(
    `UPDATE meeting SET starts_at = now() - interval '1 day', ends_at = now() - interval '1 day' + (ends_at - starts_at) WHERE id = $1`,
    [meetingId],
  );
  return async () => {
    await t.dataSource.query('UPDATE meeting SET starts_at = $2, ends_at = $3 WHERE id = $1', [
      meetingId,
      before.starts_at,
      before.ends_at,
    ]);
  };
}
