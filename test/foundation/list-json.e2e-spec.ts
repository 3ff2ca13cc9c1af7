import { Meeting } from '../../src/meetings/meeting.entity';
import { toMeetingView } from '../../src/meetings/meeting.view';
import { MeetingsService } from '../../src/meetings/meetings.service';
import { Member } from '../../src/members/member.entity';
import { MembersService } from '../../src/members/members.service';
import { Notification } from '../../src/notifications/notification.entity';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { startTestApp, TestApp } from '../support/test-app';
import { createBody, createMember, createOrganization } from '../support/factories';

/** Text no JSON writer can take a short cut on: quotes, escapes, control characters, scripts, an emoji. */
const AWKWARD = 'O\'Brien "the \\ quoted"\ttab\nline\u0001\u001f Ержан Төлегенов 😀 </script>';

/**
 * The member and notification lists answer JSON written by PostgreSQL; it must be what JSON.stringify
 * of the services' entity pages writes (the pages and other callers use those), key for key and value for value.
 */
describe('lists answered as JSON written by PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.dataSource.query('TRUNCATE member, organization, notification CASCADE');
  });
  afterAll(() => t.close());

  /** JSON.parse then stringify: the same keys in the same order and the same values give the same text. */
  const canonical = (text: string) => JSON.stringify(JSON.parse(text));

  async function expectSameAsEntities(path: string, entities: unknown) {
    const res = await t.admin.get(path).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(canonical(res.text)).toBe(JSON.stringify(entities));
    return JSON.parse(res.text);
  }

  it('members: with and without an organisation, awkward text, microsecond timestamps, filters and pages', async () => {
    const ministry = await createOrganization(t, {
      name: { en: 'Ministry "of" Ecology', kk: 'Экология министрлігі', ru: AWKWARD },
    });
    const withOrganization = await createMember(t, {
      fullName: 'Aigerim',
      organization: ministry.id,
      position: 'Chief expert',
    });
    const without = await createMember(t, {
      fullName: 'Bakyt',
      countryCode: 'KG',
      timeZone: 'Asia/Bishkek',
      active: false,
    });
    await createMember(t, { fullName: 'Dana', countryCode: 'UZ', digest: 'weekly', language: 'en' });
    await t.dataSource.query(
      `UPDATE member SET full_name = $1, created_at = '2019-12-03 10:00:00.123999+00', updated_at = '1999-12-31 23:59:59.999999+05' WHERE id = $2`,
      [AWKWARD, withOrganization.id],
    );
    await t.dataSource.query(`UPDATE organization SET updated_at = '2030-06-01 00:00:00+00' WHERE id = $1`, [
      ministry.id,
    ]);
    const members = t.app.get(MembersService);

    const all = await expectSameAsEntities('/api/members', await members.list({ limit: 50, offset: 0 }));
    expect(all.total).toBe(3);
    expect(all.items.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining([withOrganization.id, without.id]),
    );
    const first = all.items.find((m: { id: string }) => m.id === withOrganization.id);
    expect(first).toMatchObject({
      fullName: AWKWARD,
      createdAt: '2019-12-03T10:00:00.123Z',
      updatedAt: '1999-12-31T18:59:59.999Z',
      organization: { id: ministry.id, updatedAt: '2030-06-01T00:00:00.000Z', name: { ru: AWKWARD } },
    });
    expect(all.items.find((m: { id: string }) => m.id === without.id).organization).toBeNull();

    await expectSameAsEntities(
      '/api/members?country=kg&active=false',
      await members.list({ country: 'KG', active: false, limit: 50, offset: 0 }),
    );
    await expectSameAsEntities('/api/members?limit=1&offset=1', await members.list({ limit: 1, offset: 1 }));
    const past = await expectSameAsEntities(
      '/api/members?limit=2&offset=10',
      await members.list({ limit: 2, offset: 10 }),
    );
    expect(past).toEqual({ items: [], total: 3, limit: 2, offset: 10 });
    await expectSameAsEntities('/api/members?country=AD', await members.list({ country: 'AD', limit: 50, offset: 0 }));
  });

  it('notifications: every column, nulls, payloads with numbers and nested values, filters and pages', async () => {
    const member = await createMember(t, { fullName: 'Reader' });
    const insert = `INSERT INTO notification (key, kind, subject_type, subject_id, subject_version, recipient_id, recipient_email, due_at, status, attempts, last_error, message_id, smtp_response, claimed_at, first_attempt_at, sent_at, payload)
      VALUES ($1, 'meeting_invitation', 'meeting', gen_random_uuid(), 3, $2, 'reader@example.org', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;
    await t.dataSource.query(insert, [
      'json-1',
      member.id,
      '2031-01-02 03:04:05.678901+00',
      'sent',
      1,
      null,
      '<a@b>',
      '250 OK "queued"',
      '2031-01-02 03:04:05+00',
      '2031-01-02 03:04:05.5+00',
      '2031-01-02 03:04:06+00',
      { lang: 'ru', offsets: ['P14D', 'PT2H'], count: 2, ratio: 0.5, nested: { text: AWKWARD, none: null, yes: true } },
    ]);
    await t.dataSource.query(insert, [
      'json-2',
      null,
      '2031-01-01 00:00:00+00',
      'failed',
      7,
      AWKWARD,
      null,
      null,
      null,
      null,
      null,
      {},
    ]);
    const notifications = t.app.get(NotificationsService);

    const all = await expectSameAsEntities('/api/notifications', await notifications.list({ limit: 50, offset: 0 }));
    expect(all.total).toBe(2);
    expect(all.items[0]).toMatchObject({
      key: 'json-1',
      subjectVersion: 3,
      dueAt: '2031-01-02T03:04:05.678Z',
      firstAttemptAt: '2031-01-02T03:04:05.500Z',
      payload: { ratio: 0.5, nested: { text: AWKWARD } },
    });
    expect(all.items[1]).toMatchObject({ key: 'json-2', recipientId: null, lastError: AWKWARD, payload: {} });
    await expectSameAsEntities(
      '/api/notifications?status=failed',
      await notifications.list({ status: 'failed', limit: 50, offset: 0 }),
    );
    await expectSameAsEntities(
      `/api/notifications?recipientId=${member.id}&limit=1`,
      await notifications.list({ recipientId: member.id, limit: 1, offset: 0 }),
    );
    await expectSameAsEntities(
      '/api/notifications?limit=1&offset=5',
      await notifications.list({ limit: 1, offset: 5 }),
    );
  });

  it('answers each request with its own filters and values, the statement of a set of filters being built once and prepared', async () => {
    await t.dataSource.query('TRUNCATE member, organization CASCADE');
    const kz = [
      await createMember(t, { fullName: 'A KZ', countryCode: 'KZ' }),
      await createMember(t, { fullName: 'B KZ', countryCode: 'KZ', active: false }),
    ];
    const kg = await createMember(t, { fullName: 'C KG', countryCode: 'KG' });
    const ids = async (path: string) =>
      ((await t.admin.get(path).expect(200)).body as { items: { id: string }[] }).items.map((m) => m.id);
    // Seven rounds: past the five executions after which PostgreSQL may switch a prepared statement to its generic plan.
    for (let round = 0; round < 7; round++) {
      expect(await ids('/api/members?country=KZ')).toEqual(kz.map((m) => m.id));
      expect(await ids('/api/members?country=KG')).toEqual([kg.id]);
      expect(await ids('/api/members?country=KZ&active=true')).toEqual([kz[0].id]);
      expect(await ids('/api/members?country=KZ&active=false')).toEqual([kz[1].id]);
      expect(await ids('/api/members?active=true&limit=1&offset=1')).toEqual([kg.id]);
      expect(await ids('/api/members?q=KG')).toEqual([kg.id]);
      expect(await ids('/api/members?q=kz&limit=1')).toEqual([kz[0].id]);
    }
    const page = (await t.admin.get('/api/members?country=KZ&limit=1&offset=1').expect(200)).body;
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: kz[1].id }] });
  });

  it('keeps answering when the schema changes under its prepared statements, as a migration run by another process does', async () => {
    await t.dataSource.query('TRUNCATE member, organization CASCADE');
    const member = await createMember(t, { fullName: 'Aigerim', countryCode: 'KZ' });
    const list = async () =>
      (await t.admin.get('/api/members?country=KZ').expect(200)).body as {
        items: { id: string; fullName: string }[];
        total: number;
      };
    for (let i = 0; i < 6; i++) await list();
    await t.dataSource.query('ALTER TABLE member ADD COLUMN probe integer');
    expect(await list()).toMatchObject({ total: 1, items: [{ id: member.id, fullName: 'Aigerim' }] });
    await t.dataSource.query('ALTER TABLE member DROP COLUMN probe');
    await t.dataSource.query(`CREATE INDEX member_probe ON member (lower(full_name))`);
    expect(await list()).toMatchObject({ total: 1, items: [{ id: member.id }] });
    await t.dataSource.query('DROP INDEX member_probe');
    expect(await list()).toMatchObject({ total: 1, items: [{ id: member.id }] });
  });

  it('hydrates the rows of the entity lists as TypeORM does', async () => {
    const ministry = await createOrganization(t, { name: { en: 'Ministry', ru: AWKWARD } });
    await createMember(t, { fullName: 'Ержан "Quoted" 😀', organization: ministry.id, position: 'Expert' });
    const body = await createBody(t);
    await t.admin
      .post('/api/meetings')
      .send({
        bodyId: body.id,
        kind: 'technical',
        title: { en: 'Placed' },
        timeZone: 'Europe/Brussels',
        startsAt: '2031-03-30T00:30:00Z',
        endsAt: '2031-03-30T09:00:00Z',
        location: { city: 'Almaty' },
      })
      .expect(201);
    await t.admin
      .post('/api/meetings')
      .send({
        bodyId: body.id,
        kind: 'steering_committee',
        title: { en: 'Tentative', kk: AWKWARD },
        timeZone: 'Asia/Almaty',
      })
      .expect(201);
    await t.dataSource.query(
      `UPDATE meeting SET status_reason = $1, poll_opened_at = '2031-01-01 00:00:00.123456+00', number = 7`,
      [AWKWARD],
    );
    const byId = <T extends { id: string }>(items: T[]) =>
      Object.fromEntries(items.map((item) => [item.id, JSON.stringify(item)]));

    const members = await t.app.get(MembersService).list({ limit: 200, offset: 0 });
    expect(members.items.every((member) => member instanceof Member)).toBe(true);
    expect(byId(members.items)).toEqual(
      byId(await t.dataSource.getRepository(Member).find({ relations: { organization: true } })),
    );
    const notifications = await t.app.get(NotificationsService).list({ limit: 200, offset: 0 });
    expect(notifications.items.length).toBeGreaterThan(0);
    expect(byId(notifications.items)).toEqual(byId(await t.dataSource.getRepository(Notification).find()));
    const meetings = await t.app.get(MeetingsService).list({ limit: 200, offset: 0 });
    expect(meetings.items).toHaveLength(2);
    expect(byId(meetings.items)).toEqual(byId((await t.dataSource.getRepository(Meeting).find()).map(toMeetingView)));
  });
});
