import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { deliverJobId } from '../../src/notifications/notification-queue';
import { NotificationReconciler } from '../../src/notifications/notification-reconciler';
import { QUEUES } from '../../src/queue/queue-names';
import { createBody, createMember } from '../support/factories';
import { OwnRedis } from '../support/fault-processes';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_QUEUE_PREFIX } from '../support/test-env';

/** The queue only carries the timing: a change whose emails cannot be queued is still a change, and its emails still go. */
describe('a change while the queue (Redis) is down', () => {
  const redis = new OwnRedis();
  let t: TestApp;

  beforeAll(async () => {
    await redis.start();
    t = await startTestApp({ REDIS_URL: redis.url, ROLE: 'api', QUEUE_PREFIX: `${TEST_QUEUE_PREFIX}-queue-outage` });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('succeeds with its emails planned, and the reconciler queues them once Redis is back', async () => {
    const body = await createBody(t);
    const members = [
      await createMember(t, { email: 'outage1@example.org' }),
      await createMember(t, { email: 'outage2@example.org' }),
    ];
    const meeting = (
      await t.admin
        .post('/api/meetings')
        .send({
          bodyId: body.id,
          kind: 'technical',
          title: { en: 'Outage test' },
          timeZone: 'Asia/Almaty',
          startsAt: '2031-11-05T10:00:00+05:00',
        })
        .expect(201)
    ).body;

    // The outage is reported through the app's log, not printed raw to the console on every reconnection.
    const printed: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => printed.push(args.map(String).join(' '));
    try {
      await redis.stop();
      await t.admin
        .post(`/api/meetings/${meeting.id}/invitations`)
        .send({ memberIds: members.map((m) => m.id) })
        .expect(200);
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      console.error = consoleError;
    }
    expect(printed).toEqual([]);
    const rows: { id: string; version: number; status: string }[] = await t.dataSource.query(
      `SELECT id, version, status FROM notification WHERE subject_id = $1 AND kind = 'meeting-invitation'`,
      [meeting.id],
    );
    expect(rows.map((r) => r.status)).toEqual(['scheduled', 'scheduled']);

    await redis.start();
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.notifications));
    await queue.waitUntilReady();
    expect((await t.app.get(NotificationReconciler).reconcile()).enqueued).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(await queue.getJob(deliverJobId(row.id, row.version))).toBeDefined();
  }, 60_000);
});
