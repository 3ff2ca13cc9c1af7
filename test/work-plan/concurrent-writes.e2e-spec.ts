import { randomUUID } from 'node:crypto';
import { countQueries } from '../../bench/query-counter';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { deliverJobId } from '../../src/notifications/notification-queue';
import { QUEUES } from '../../src/queue/queue-names';
import { addMembership, createBody, createMember, createOrganization } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// 3 default offsets + 4 weekly overdue reminders for the responsible member, 1 escalation to the chair.
const ROWS_PER_ITEM = 8;

describe('writing items of one plan concurrently', () => {
  let t: TestApp;
  let body: { id: string };
  let chair: { id: string };
  let members: { id: string }[];

  beforeAll(async () => {
    // No worker in this process: its claims of jobs left due by earlier suites would be counted with the write's statements.
    t = await startTestApp({ ROLE: 'api' });
    body = await createBody(t, { timeZone: 'Asia/Almaty' });
    chair = await createMember(t, { fullName: 'Chair' });
    await addMembership(t, body.id, { memberId: chair.id, role: 'chair' });
    members = await Promise.all([0, 1, 2, 3].map((i) => createMember(t, { fullName: `Responsible ${i}` })));
  });
  afterAll(() => t.close());

  const newPlan = async () =>
    (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Plan' }, period: '2030' })
        .expect(201)
    ).body as { id: string };
  const addItem = (planId: string, n: number) =>
    t.admin.post(`/api/work-plans/${planId}/items`).send({
      activity: { en: `Activity ${n}` },
      deadline: 'Q4 2030',
      responsibleMemberIds: [members[n % members.length].id],
    });
  const positions = async (planId: string): Promise<number[]> =>
    (
      await t.dataSource.query('SELECT position FROM work_plan_item WHERE work_plan_id = $1 ORDER BY position', [
        planId,
      ])
    ).map((r: { position: number }) => r.position);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('gives 20 concurrent creates on one plan the positions 1..20, each with its reminders and audit entry', async () => {
    const plan = await newPlan();
    const responses = await Promise.all(range(20).map((n) => addItem(plan.id, n)));
    expect(responses.map((r) => r.status)).toEqual(range(20).map(() => 201));
    expect(responses.map((r) => r.body.position).sort((a, b) => a - b)).toEqual(range(20));
    expect(await positions(plan.id)).toEqual(range(20));

    const rows: { subject_id: string; n: number; escalations: number; scheduled: number }[] = await t.dataSource.query(
      `SELECT i.id AS subject_id, count(n.id)::int AS n, count(*) FILTER (WHERE n.kind = 'item-escalation' AND n.recipient_id = $2)::int AS escalations,
              count(*) FILTER (WHERE n.status = 'scheduled')::int AS scheduled
       FROM work_plan_item i LEFT JOIN notification n ON n.subject_type = 'work_plan_item' AND n.subject_id = i.id
       WHERE i.work_plan_id = $1 GROUP BY i.id`,
      [plan.id, chair.id],
    );
    expect(rows).toHaveLength(20);
    for (const row of rows) expect(row).toMatchObject({ n: ROWS_PER_ITEM, escalations: 1, scheduled: ROWS_PER_ITEM });

    for (const response of responses.slice(0, 3)) {
      const audit = await t.admin.get(`/api/audit?entity=work_plan_item&id=${response.body.id}`).expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'create',
          after: expect.objectContaining({
            position: response.body.position,
            responsibleMemberIds: response.body.responsibleMemberIds,
          }),
        }),
      ]);
    }
  });

  it('answers as the item is stored: what POST returns is what GET reads', async () => {
    const plan = await newPlan();
    const created = (await addItem(plan.id, 1).expect(201)).body;
    const read = (await t.admin.get(`/api/work-plan-items/${created.id}`).expect(200)).body;
    expect(created).toEqual(read);
  });

  it('answers an update as the item is stored, its responsible members replaced and its executor resolved', async () => {
    const plan = await newPlan();
    const organization = await createOrganization(t, { name: { en: 'CAREC' }, kind: 'international' });
    const created = (await addItem(plan.id, 1).expect(201)).body;
    const patched = (
      await t.admin
        .patch(`/api/work-plan-items/${created.id}`)
        .send({
          deadline: 'Q3 2030',
          status: 'in_progress',
          executor: organization.id,
          responsibleMemberIds: [members[2].id, members[3].id],
          notes: 'Moved',
        })
        .expect(200)
    ).body;
    const read = (await t.admin.get(`/api/work-plan-items/${created.id}`).expect(200)).body;
    expect(patched).toEqual(read);
    expect(read).toMatchObject({
      status: 'in_progress',
      notes: 'Moved',
      executor: { type: 'organization', id: organization.id },
      deadline: { text: 'Q3 2030' },
    });
    expect([...read.responsibleMemberIds].sort()).toEqual([members[2].id, members[3].id].sort());
    const history = (await t.admin.get(`/api/work-plan-items/${created.id}/history`).expect(200)).body as {
      field: string;
      newValue: string;
    }[];
    expect(history.map((change) => [change.field, change.newValue]).sort()).toEqual([
      ['deadline', 'Q3 2030'],
      ['status', 'in_progress'],
    ]);
    const kept = (await t.admin.patch(`/api/work-plan-items/${created.id}`).send({ notes: 'Only notes' }).expect(200))
      .body;
    expect([...kept.responsibleMemberIds].sort()).toEqual([members[2].id, members[3].id].sort());
  });

  it('creates an item in one statement (position, item, links, reminders, audit entry), without cancelling or waiting for anything, and queues its reminders', async () => {
    const plan = await newPlan();
    const counter = countQueries(t.dataSource);
    let created: { id: string; position: number; createdAt: string } = { id: '', position: 0, createdAt: '' };
    let statements: { sql: string }[];
    try {
      statements = await counter.during(async () => (created = (await addItem(plan.id, 2).expect(201)).body));
    } finally {
      counter.stop();
    }
    const sql = statements.map((statement) => statement.sql.replace(/\s+/g, ' '));
    const locking = sql.findIndex((statement) =>
      /UPDATE "?work_plan"? SET|FROM "?work_plan"? .*FOR (NO KEY )?UPDATE/i.test(statement),
    );
    // The plan's row stays locked only while PostgreSQL runs that statement: no BEGIN, no COMMIT.
    expect(sql.slice(locking)).toEqual([
      expect.stringMatching(
        /INSERT INTO "work_plan_item"[\s\S]*INSERT INTO audit_entry[\s\S]*INSERT INTO notification/,
      ),
    ]);
    expect(
      sql.filter((statement) =>
        /START TRANSACTION|BEGIN|COMMIT|UPDATE notification|status = 'sending'/.test(statement),
      ),
    ).toEqual([]);
    const reminders: { id: string; version: number }[] = await t.dataSource.query(
      `SELECT id, version FROM notification WHERE subject_id = $1 AND status = 'scheduled'`,
      [created.id],
    );
    expect(reminders).toHaveLength(ROWS_PER_ITEM);
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.notifications));
    const jobs = await Promise.all(reminders.map((row) => queue.getJob(deliverJobId(row.id, row.version))));
    expect(jobs.map((job) => job?.data.notificationId)).toEqual(reminders.map((row) => row.id));
    const audit = await t.admin.get(`/api/audit?entity=work_plan_item&id=${created.id}`).expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'create',
        before: null,
        after: expect.objectContaining({ position: created.position, createdAt: created.createdAt }),
      }),
    ]);
  });

  it('places an item after items written around the plan’s counter (by SQL)', async () => {
    const plan = await newPlan();
    await addItem(plan.id, 0).expect(201);
    await t.dataSource.query(
      `INSERT INTO work_plan_item (work_plan_id, position, activity, deadline_text, deadline_kind) VALUES ($1, 2, '{"en": "By SQL"}', 'Q4 2030', 'window'), ($1, 3, '{"en": "By SQL"}', 'Q4 2030', 'window')`,
      [plan.id],
    );
    expect((await addItem(plan.id, 1).expect(201)).body.position).toBe(4);
    expect(await positions(plan.id)).toEqual(range(4));
  });

  it('keeps positions unique and gap-free when an import and single creates write one plan at once', async () => {
    const plan = await newPlan();
    const csv = [
      'activity,deadline,executor,countries,responsible',
      ...range(30).map((n) => `Imported ${n},Q4 2030,,KZ,`),
    ].join('\n');
    const imported = t.admin.post(`/api/work-plans/${plan.id}/import`).attach('file', Buffer.from(csv), 'plan.csv');
    const [importResponse, ...creates] = await Promise.all([imported, ...range(10).map((n) => addItem(plan.id, n))]);
    expect(importResponse.status).toBeLessThan(300);
    expect(creates.map((r) => r.status)).toEqual(range(10).map(() => 201));
    expect(await positions(plan.id)).toEqual(range(40));
  });

  it('writes nothing, not even reminders, when an item is refused', async () => {
    const plan = await newPlan();
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM notification'))[0].n;
    const missing = randomUUID();
    const badMember = await t.admin
      .post(`/api/work-plans/${plan.id}/items`)
      .send({ activity: { en: 'X' }, deadline: 'Q4 2030', responsibleMemberIds: [members[0].id, missing] })
      .expect(400);
    expect(badMember.body.message).toEqual([
      { field: 'responsibleMemberIds', message: `no member has the id ${missing}` },
    ]);
    const noPlan = await t.admin
      .post(`/api/work-plans/${missing}/items`)
      .send({ activity: { en: 'X' }, deadline: 'Q4 2030', responsibleMemberIds: [members[0].id] })
      .expect(404);
    expect(JSON.stringify(noPlan.body.message)).toContain(missing);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM notification'))[0].n).toBe(before);
    expect(await positions(plan.id)).toEqual([]);
    // The refused writes left no gap: the next item is the plan's first.
    expect((await addItem(plan.id, 0).expect(201)).body.position).toBe(1);
  });

  it('re-plans concurrent updates of one plan’s items from the people loaded with the item', async () => {
    const plan = await newPlan();
    const items = (await Promise.all(range(6).map((n) => addItem(plan.id, n)))).map((r) => r.body as { id: string });
    await Promise.all(
      items.map((item) => t.admin.patch(`/api/work-plan-items/${item.id}`).send({ deadline: 'Q3 2030' }).expect(200)),
    );
    await Promise.all(
      items
        .slice(0, 3)
        .map((item) => t.admin.patch(`/api/work-plan-items/${item.id}`).send({ status: 'done' }).expect(200)),
    );
    const rows: { id: string; scheduled: number; q3: number }[] = await t.dataSource.query(
      `SELECT i.id, count(*) FILTER (WHERE n.status = 'scheduled')::int AS scheduled,
              count(*) FILTER (WHERE n.status = 'scheduled' AND n.due_at < '2030-10-01')::int AS q3
       FROM work_plan_item i LEFT JOIN notification n ON n.subject_type = 'work_plan_item' AND n.subject_id = i.id
       WHERE i.work_plan_id = $1 GROUP BY i.id`,
      [plan.id],
    );
    for (const row of rows) {
      const done = items.slice(0, 3).some((item) => item.id === row.id);
      // Done: nothing left to send. Moved to Q3 (due 30 September): its 3 reminders before the deadline fall in Q3.
      expect(row).toEqual({ id: row.id, scheduled: done ? 0 : ROWS_PER_ITEM, q3: done ? 0 : 3 });
    }
    expect(await positions(plan.id)).toEqual(range(6));
  });
});
