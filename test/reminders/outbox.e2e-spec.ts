import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PlannedNotification } from '../../src/notifications/notification.repository';
import { deliverJobId } from '../../src/notifications/notification-queue';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { Outbox, UnitOfWork } from '../../src/notifications/unit-of-work';
import { QUEUES } from '../../src/queue/queue-names';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_QUEUE_PREFIX } from '../support/test-env';

/** Planned emails reach the queue one way: through the outbox of a unit of work, after its commit. */
describe('the outbox of a unit of work', () => {
  let t: TestApp;
  let queue: Queue;
  let unitOfWork: UnitOfWork;
  let notifications: NotificationsService;

  beforeAll(async () => {
    // No worker: the jobs stay on the queue to be looked at.
    t = await startTestApp({ ROLE: 'api', QUEUE_PREFIX: `${TEST_QUEUE_PREFIX}-outbox` });
    queue = t.app.get<Queue>(getQueueToken(QUEUES.notifications));
    await queue.waitUntilReady();
    unitOfWork = t.app.get(UnitOfWork);
    notifications = t.app.get(NotificationsService);
  }, 60_000);
  afterAll(() => t.close());

  const email = (): PlannedNotification => {
    const key = `outbox-test:${randomUUID()}`;
    return {
      key,
      kind: 'secretariat-digest',
      subjectType: 'secretariat_digest',
      subjectId: null,
      recipientId: null,
      recipientEmail: 'outbox@example.org',
      dueAt: new Date(Date.now() + 3600_000),
      payload: { week: key },
    };
  };
  const rowByKey = async (key: string): Promise<{ id: string; version: number; status: string } | undefined> =>
    (await t.dataSource.query(`SELECT id, version, status FROM notification WHERE key = $1`, [key]))[0];

  it('queues a planned email only after its transaction commits', async () => {
    const planned = email();
    let jobBeforeCommit: unknown = 'not looked at';
    const [row] = await unitOfWork.run(async (unit) => {
      const rows = await notifications.plan(unit, [planned]);
      jobBeforeCommit = await queue.getJob(deliverJobId(rows[0].id, rows[0].version));
      // Another connection does not see the row yet: the transaction is still open.
      expect(await rowByKey(planned.key)).toBeUndefined();
      return rows;
    });
    expect(jobBeforeCommit).toBeUndefined();
    expect(await rowByKey(planned.key)).toMatchObject({ id: row.id, version: row.version, status: 'scheduled' });
    const job = await queue.getJob(deliverJobId(row.id, row.version));
    expect(job?.data).toMatchObject({ notificationId: row.id, version: row.version, kind: 'secretariat-digest' });
    expect(job?.opts.delay).toBeGreaterThan(3500_000);
  });

  it('queues nothing, and leaves no row, when the transaction rolls back', async () => {
    const planned = email();
    let plannedId = '';
    let plannedVersion = 0;
    await expect(
      unitOfWork.run(async (unit) => {
        const [row] = await notifications.plan(unit, [planned]);
        [plannedId, plannedVersion] = [row.id, row.version];
        throw new Error('the change fails after planning its email');
      }),
    ).rejects.toThrow('the change fails after planning its email');
    expect(plannedId).not.toBe('');
    expect(await rowByKey(planned.key)).toBeUndefined();
    expect(await queue.getJob(deliverJobId(plannedId, plannedVersion))).toBeUndefined();
  });

  it('without a transaction, queues what its statements committed even when the work fails afterwards', async () => {
    const planned = email();
    let plannedId = '';
    let plannedVersion = 0;
    await expect(
      unitOfWork.runStatements(async (unit) => {
        const [row] = await notifications.plan(unit, [planned]);
        [plannedId, plannedVersion] = [row.id, row.version];
        throw new Error('fails after its statement committed');
      }),
    ).rejects.toThrow('fails after its statement committed');
    expect(await rowByKey(planned.key)).toMatchObject({ id: plannedId, status: 'scheduled' });
    expect(await queue.getJob(deliverJobId(plannedId, plannedVersion))).toBeDefined();
  });

  it('cannot be planned into outside a unit of work (checked by the type-checker)', async () => {
    const planOutside = (manager: EntityManager) =>
      // @ts-expect-error an EntityManager alone is not a unit of work: planning needs the outbox
      notifications.plan(manager, [email()]);
    // @ts-expect-error only a unit of work opens an outbox
    const openOutside = () => new Outbox();
    expect(() => openOutside()).toThrow('an Outbox is opened by UnitOfWork only');
    await expect(t.dataSource.transaction((manager) => planOutside(manager))).rejects.toThrow();
  });
});
