import { Client } from 'pg';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { deliverJobId } from '../../src/notifications/notification-queue';
import { QUEUES } from '../../src/queue/queue-names';
import { addMembership, createBody, createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

interface Row {
  id: string;
  kind: string;
  status: string;
  due_at: Date;
  version: number;
  offset: string | null;
  item_due: string | null;
}

/**
 * A body's reminder offsets and time zone are what its meetings' and items' reminders are planned
 * from: changing them re-plans those reminders (and the items' due moments) in the same transaction,
 * as moving a meeting does.
 */
describe('a body whose reminder offsets and time zone change', () => {
  let t: TestApp;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** The rows as PostgreSQL holds them, not as the API shows them. */
  const rowsAbout = async (subjectId: string): Promise<Row[]> =>
    t.dataSource.query(
      `SELECT id, kind, status, due_at, version, payload->>'offset' AS offset, payload->>'dueAt' AS item_due FROM notification WHERE subject_id = $1 ORDER BY kind, due_at`,
      [subjectId],
    );
  const scheduled = (rows: Row[], kind: string) => rows.filter((r) => r.kind === kind && r.status === 'scheduled');

  it('re-plans the future meetings’ reminders and the open items’ due moments and reminders, queued, and delivers at the new time', async () => {
    const body = await createBody(t, { timeZone: 'Asia/Almaty', reminderOffsets: { meetings: ['P1D'], items: null } });
    const member = await createMember(t, { email: 'member@example.org', timeZone: 'Asia/Almaty', language: 'en' });
    await addMembership(t, body.id, { memberId: member.id });
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          title: { en: 'Far meeting' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-06-20T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    const soon = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'technical',
          title: { en: 'Soon meeting' },
          timeZone: 'Asia/Almaty',
          startsAt: new Date(Date.now() + 180_000).toISOString(),
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    await t.admin
      .post(`/api/meetings/${soon.id}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Plan' }, period: '2031' })
        .expect(201)
    ).body;
    const item = (
      await t.admin
        .post(`/api/work-plans/${plan.id}/items`)
        .send({ activity: { en: 'Report' }, deadline: '2031-09-30', responsibleMemberIds: [member.id] })
        .expect(201)
    ).body;
    await waitFor(() => smtp.to(member.email).length === 2, { what: 'the two invitations' });

    const [{ due_at: dueBefore }] = await t.dataSource.query(`SELECT due_at FROM work_plan_item WHERE id = $1`, [
      item.id,
    ]);
    expect(dueBefore.toISOString()).toBe('2031-09-30T18:59:59.999Z'); // the end of 30 September in Almaty
    const meetingBefore = await rowsAbout(meeting.id);
    expect(scheduled(meetingBefore, 'meeting-reminder').map((r) => r.offset)).toEqual(['P1D']);
    expect(scheduled(await rowsAbout(soon.id), 'meeting-reminder')).toEqual([]); // a day before has passed
    const itemBefore = await rowsAbout(item.id);
    expect(
      scheduled(itemBefore, 'item-due-soon')
        .map((r) => r.offset)
        .sort(),
    ).toEqual(['P14D', 'P3D']);

    await t.admin
      .patch(`/api/bodies/${body.id}`)
      .send({ timeZone: 'Europe/Brussels', reminderOffsets: { meetings: ['P2D', 'PT170S'], items: ['P5D'] } })
      .expect(200);

    // The deadline's last day now ends in Brussels (CEST, UTC+2).
    const [{ due_at: dueAfter }] = await t.dataSource.query(`SELECT due_at FROM work_plan_item WHERE id = $1`, [
      item.id,
    ]);
    expect(dueAfter.toISOString()).toBe('2031-09-30T21:59:59.999Z');
    expect((await t.admin.get(`/api/work-plan-items/${item.id}`).expect(200)).body.deadline.dueAt).toBe(
      '2031-09-30T21:59:59.999Z',
    );

    const meetingAfter = await rowsAbout(meeting.id);
    expect(
      scheduled(meetingAfter, 'meeting-reminder')
        .map((r) => [r.offset, r.due_at.toISOString()])
        .sort(),
    ).toEqual([
      ['P2D', '2031-06-18T04:00:00.000Z'], // 09:00 in Almaty, the member's zone
      ['PT170S', '2031-06-20T04:57:10.000Z'],
    ]);
    const oldMeetingReminder = meetingAfter.find((r) => r.id === scheduled(meetingBefore, 'meeting-reminder')[0].id)!;
    expect(oldMeetingReminder.status).toBe('cancelled');

    const itemAfter = await rowsAbout(item.id);
    // Due at 23:59:59.999 in Brussels is already 1 October in Almaty, the member's zone: five days before is 26 September, 09:00 there.
    expect(scheduled(itemAfter, 'item-due-soon').map((r) => [r.offset, r.due_at.toISOString(), r.item_due])).toEqual([
      ['P5D', '2031-09-26T04:00:00.000Z', '2031-09-30T21:59:59.999Z'],
    ]);
    expect(scheduled(itemAfter, 'item-due-today')).toEqual([]);
    for (const old of itemBefore.filter((r) => r.status === 'scheduled'))
      expect(itemAfter.find((r) => r.id === old.id)!.status).toBe('cancelled');
    expect(scheduled(itemAfter, 'item-overdue').every((r) => r.item_due === '2031-09-30T21:59:59.999Z')).toBe(true);
    expect(scheduled(itemAfter, 'item-overdue').length).toBeGreaterThan(0);

    // Every new row is on the queue, due when the row says.
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.notifications));
    for (const row of [...scheduled(meetingAfter, 'meeting-reminder'), ...scheduled(itemAfter, 'item-due-soon')]) {
      const job = await queue.getJob(deliverJobId(row.id, row.version));
      expect(job).toBeDefined();
      expect(Math.abs(job!.timestamp + job!.delay - row.due_at.getTime())).toBeLessThan(5_000);
    }

    // The meeting starting in three minutes now has a reminder 170 s before it, and it goes out then.
    const [soonReminder] = scheduled(await rowsAbout(soon.id), 'meeting-reminder').filter((r) => r.offset === 'PT170S');
    expect(soonReminder).toBeDefined();
    const reminder = await waitFor(
      () =>
        smtp
          .to(member.email)
          .find(
            (m) =>
              m.subject.includes('Soon meeting') &&
              m.acceptedAt >= soonReminder.due_at.getTime() - 1000 &&
              !m.calendarMethod,
          ),
      { what: 'the reminder at its new time', timeout: 30_000 },
    );
    expect(reminder!.acceptedAt).toBeGreaterThanOrEqual(soonReminder.due_at.getTime() - 1000);
  });

  it('keeps the body as it was when re-planning fails: the zone, the offsets, the due moments and the reminders', async () => {
    const body = await createBody(t, { timeZone: 'Asia/Almaty' });
    const member = await createMember(t, { email: 'kept@example.org', timeZone: 'Asia/Almaty' });
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'working_group',
          title: { en: 'WG' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-06-20T10:00:00+05:00',
        })
        .expect(201)
    ).body;
    await t.admin
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ memberIds: [member.id] })
      .expect(200);
    const plan = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Plan' }, period: '2031' })
        .expect(201)
    ).body;
    const item = (
      await t.admin
        .post(`/api/work-plans/${plan.id}/items`)
        .send({ activity: { en: 'Report' }, deadline: '2031-09-30', responsibleMemberIds: [member.id] })
        .expect(201)
    ).body;
    const reminders = async () =>
      (await rowsAbout(meeting.id)).concat(await rowsAbout(item.id)).filter((r) => r.kind !== 'meeting-invitation');
    const before = await reminders();

    // Another transaction holds the item; the re-planning waits for it and is then cancelled by the server.
    const holder = new Client({ connectionString: t.config.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM work_plan_item WHERE id = $1 FOR UPDATE', [item.id]);
      const patch = t.admin
        .patch(`/api/bodies/${body.id}`)
        .send({ timeZone: 'Europe/Brussels', reminderOffsets: { meetings: ['P2D'], items: ['P5D'] } })
        .then((res) => res);
      const waiting = await waitFor(
        async () => {
          // Inside a transaction the activity view is a snapshot: take a fresh one at each look.
          await holder.query('SELECT pg_stat_clear_snapshot()');
          const rows: { pid: number }[] = (
            await holder.query(
              `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM work_plan_item i JOIN work_plan p%'`,
            )
          ).rows;
          return rows.length ? rows : null;
        },
        { what: 're-planning waiting for the item' },
      );
      await holder.query('SELECT pg_cancel_backend($1)', [waiting![0].pid]);
      expect((await patch).status).toBe(500);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }

    expect((await t.admin.get(`/api/bodies/${body.id}`).expect(200)).body).toMatchObject({
      timeZone: 'Asia/Almaty',
      reminderOffsets: null,
    });
    const [{ due_at: due }] = await t.dataSource.query(`SELECT due_at FROM work_plan_item WHERE id = $1`, [item.id]);
    expect(due.toISOString()).toBe('2031-09-30T18:59:59.999Z');
    expect(await reminders()).toEqual(before);
  });
});
