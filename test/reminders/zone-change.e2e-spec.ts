import { DateTime } from 'luxon';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { deliverJobId } from '../../src/notifications/notification-queue';
import { QUEUES } from '../../src/queue/queue-names';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { UnitOfWork } from '../../src/notifications/unit-of-work';
import { Member } from '../../src/members/member.entity';
import { MemberRemindersPlanner } from '../../src/reminders/member-reminders.planner';
import { nextDigestSlot } from '../../src/reminders/reminder-policy';
import { createBody, createMember } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

interface Row {
  id: string;
  kind: string;
  status: string;
  dueAt: string;
  version: number;
  lastError: string | null;
  payload: Record<string, unknown>;
  recipientId: string;
}

/** A meeting in Brussels on 20 June 2031, 10:00 CEST (08:00 UTC). */
const MEETING_START = '2031-06-20T10:00:00+02:00';

describe('a member who changes time zone', () => {
  let t: TestApp;
  let body: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    body = await createBody(t, { timeZone: 'Europe/Brussels' });
  });
  afterAll(() => t.close());

  const rowsOf = async (recipientId: string): Promise<Row[]> =>
    (await t.admin.get(`/api/notifications?limit=200&recipientId=${recipientId}`).expect(200)).body.items;
  const one = (rows: Row[], kind: string, offset: string) =>
    rows.find((r) => r.kind === kind && r.payload.offset === offset)!;

  async function invitedTo(member: { id: string }, reminderOffsets: string[]) {
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          title: { en: 'WG' },
          timeZone: 'Europe/Brussels',
          startsAt: MEETING_START,
          reminderOffsets,
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    return meeting;
  }

  it('gets the 7-day reminder at 09:00 Brussels time, not Almaty’s, re-queued under a new version; a reminder two hours before does not move', async () => {
    const member = await createMember(t, { email: 'moving@example.org', timeZone: 'Asia/Almaty' });
    await invitedTo(member, ['P7D', 'PT2H']);
    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Plan' }, period: '2031' })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/work-plans/${plan.id}/items`)
      .send({ activity: { en: 'Report' }, deadline: '2031-09-30', responsibleMemberIds: [member.id] })
      .expect(201);

    const before = await rowsOf(member.id);
    const sevenDays = one(before, 'meeting-reminder', 'P7D');
    const twoHours = one(before, 'meeting-reminder', 'PT2H');
    expect(sevenDays).toMatchObject({ status: 'scheduled', dueAt: '2031-06-13T04:00:00.000Z' }); // 09:00 in Almaty
    expect(twoHours).toMatchObject({ status: 'scheduled', dueAt: '2031-06-20T06:00:00.000Z' });
    expect(one(before, 'meeting-rsvp-chase', 'P3D').dueAt).toBe('2031-06-17T04:00:00.000Z');
    const itemRows = before.filter((r) => r.kind.startsWith('item-'));
    expect(itemRows.length).toBeGreaterThan(0);

    await t.admin.patch(`/api/members/${member.id}`).send({ timeZone: 'Europe/Brussels' }).expect(200);

    const after = await rowsOf(member.id);
    const moved = after.find((r) => r.id === sevenDays.id)!;
    expect(moved).toMatchObject({
      status: 'scheduled',
      dueAt: '2031-06-13T07:00:00.000Z',
      version: sevenDays.version + 1,
    }); // 09:00 CEST
    expect(one(after, 'meeting-rsvp-chase', 'P3D').dueAt).toBe('2031-06-17T07:00:00.000Z');
    expect(after.find((r) => r.id === twoHours.id)).toMatchObject({
      status: 'scheduled',
      dueAt: twoHours.dueAt,
      version: twoHours.version,
    });
    // The deadline's day is read in the plan's zone: its reminders now come at 09:00 Brussels time too.
    for (const row of after.filter((r) => r.kind.startsWith('item-'))) {
      expect(DateTime.fromISO(row.dueAt, { zone: 'Europe/Brussels' }).toFormat('HH:mm')).toBe('09:00');
      expect(row.version).toBe(itemRows.find((r) => r.id === row.id)!.version + 1);
    }
    expect(after.filter((r) => r.kind === 'item-due-soon' && r.payload.offset === 'P14D').map((r) => r.dueAt)).toEqual([
      '2031-09-16T07:00:00.000Z',
    ]);

    const queue = t.app.get<Queue>(getQueueToken(QUEUES.notifications));
    const job = await queue.getJob(deliverJobId(moved.id, moved.version));
    expect(job).toBeDefined();
    // Run once and removed at once: a failed email comes back as a new version of its row, with a new job id.
    expect(job!.opts).toMatchObject({ attempts: 1, removeOnComplete: true, removeOnFail: true });
    expect(job!.timestamp + job!.delay).toBeGreaterThanOrEqual(Date.parse(moved.dueAt) - 5_000);
    expect(job!.timestamp + job!.delay).toBeLessThanOrEqual(Date.parse(moved.dueAt) + 5_000);
  });

  it('re-plans nothing when the zone given is the one the member has', async () => {
    const member = await createMember(t, { email: 'staying@example.org', timeZone: 'Asia/Almaty' });
    await invitedTo(member, ['P7D', 'P1D']);
    const before = await rowsOf(member.id);
    await t.admin.patch(`/api/members/${member.id}`).send({ timeZone: 'asia/almaty', language: 'en' }).expect(200);
    // Tashkent keeps the same clock as Almaty: the moments stay, and so do the rows.
    await t.admin.patch(`/api/members/${member.id}`).send({ timeZone: 'Asia/Tashkent' }).expect(200);
    const reminders = (rows: Row[]) =>
      rows
        .filter((r) => r.kind !== 'meeting-invitation')
        .map((r) => [r.id, r.status, r.dueAt, r.version])
        .sort();
    expect(reminders(await rowsOf(member.id))).toEqual(reminders(before));
    expect(reminders(before)).toHaveLength(4);
  });

  it('skips a reminder whose moment in the new zone has already passed, and keeps the later ones', async () => {
    const member = await createMember(t, { email: 'eastward@example.org', timeZone: 'Europe/Brussels' });
    await invitedTo(member, ['P7D', 'P1D']);
    const before = await rowsOf(member.id);
    expect(one(before, 'meeting-reminder', 'P7D').dueAt).toBe('2031-06-13T07:00:00.000Z');
    // At 05:00 UTC on the 13th, 09:00 in Brussels is still to come, 09:00 in Almaty is past.
    const now = new Date('2031-06-13T05:00:00Z');
    await t.app.get(UnitOfWork).run(async (unit) => {
      const row = await unit.manager.findOneByOrFail(Member, { id: member.id });
      row.timeZone = 'Asia/Almaty';
      await unit.manager.save(row);
      await t.app
        .get(MemberRemindersPlanner)
        .replan(unit, row, { timeZone: 'Europe/Brussels', digest: row.digest }, now);
    });
    const after = await rowsOf(member.id);
    expect(one(after, 'meeting-reminder', 'P7D')).toMatchObject({
      status: 'skipped',
      dueAt: '2031-06-13T04:00:00.000Z',
      lastError: expect.stringContaining('changed time zone'),
    });
    expect(one(after, 'meeting-reminder', 'P1D')).toMatchObject({
      status: 'scheduled',
      dueAt: '2031-06-19T04:00:00.000Z',
    });
  });

  it('moves a planned digest to its slot in the new zone, and a weekly one to the next daily slot when the member asks for daily', async () => {
    const member = await createMember(t, {
      email: 'digest-mover@example.org',
      timeZone: 'Asia/Tashkent',
      digest: 'weekly',
    });
    const digest = (slot: string, period: string, dueAt: string) => ({
      key: `digest:${member.id}:${period}:${slot}`,
      kind: 'digest' as const,
      subjectType: 'member_digest' as const,
      subjectId: member.id,
      recipientId: member.id,
      recipientEmail: member.email,
      dueAt: new Date(dueAt),
      payload: { period, slot },
    });
    const notifications = t.app.get(NotificationsService);
    await t.app
      .get(UnitOfWork)
      .run((unit) => notifications.plan(unit, [digest('2031-01-20', 'weekly', '2031-01-20T04:00:00Z')]));

    await t.admin.patch(`/api/members/${member.id}`).send({ timeZone: 'Europe/Brussels' }).expect(200);
    expect((await rowsOf(member.id)).find((r) => r.kind === 'digest')).toMatchObject({
      status: 'scheduled',
      dueAt: '2031-01-20T08:00:00.000Z',
    }); // Monday 09:00 CET

    const asked = new Date();
    await t.admin.patch(`/api/members/${member.id}`).send({ digest: 'daily' }).expect(200);
    const sooner = (await rowsOf(member.id)).find((r) => r.kind === 'digest')!;
    expect(sooner.status).toBe('scheduled');
    expect(sooner.dueAt).toBe(nextDigestSlot(asked, 'daily', 'Europe/Brussels').toISOString());
  });

  it('refuses an unknown zone naming the field, and changes nothing', async () => {
    const member = await createMember(t, { email: 'nowhere@example.org', timeZone: 'Asia/Almaty' });
    const res = await t.admin.patch(`/api/members/${member.id}`).send({ timeZone: 'Asia/Atlantis' }).expect(400);
    expect(res.body.message).toEqual([{ field: 'timeZone', message: expect.stringContaining('IANA time zone') }]);
    expect((await t.admin.get(`/api/members/${member.id}`).expect(200)).body.timeZone).toBe('Asia/Almaty');
  });
});
