import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '../../src/queue/queue-names';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

const ADD_JOB = `/admin/queues/api/queues/${QUEUES.notifications}/add`;
const JOB_NAME = 'dashboard-origin-test';

/** The queue dashboard answers a browser that still holds the secretariat's Basic credentials: only this site may change anything with them. */
describe('queue dashboard: cross-site writes', () => {
  let t: TestApp;
  let queue: Queue;

  beforeAll(async () => {
    // No worker: a job added here stays waiting, where the test can find it and remove it.
    t = await startTestApp({ ROLE: 'api', APP_URL: 'https://wg.example.org/' });
    queue = t.app.get<Queue>(getQueueToken(QUEUES.notifications));
  });
  afterAll(async () => {
    for (const job of await queue.getJobs(['waiting', 'delayed'])) if (job?.name === JOB_NAME) await job.remove();
    await t.close();
  });

  const addedJobs = async () =>
    (await queue.getJobs(['waiting', 'delayed'])).filter((job) => job?.name === JOB_NAME).length;
  const post = () => t.anonymous.post(ADD_JOB).auth('secretariat', TEST_ADMIN_TOKEN);

  it('refuses a form or text/plain POST from a foreign Origin with 403, and changes nothing', async () => {
    const form = await post()
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ name: JOB_NAME, data: '{}' })
      .expect(403);
    expect(form.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'The queue dashboard accepts changes only from https://wg.example.org',
    });
    await post()
      .set('Origin', 'https://evil.example')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ name: JOB_NAME, data: {} }))
      .expect(403);
    await post().set('Origin', 'null').type('form').send({ name: JOB_NAME }).expect(403);
    // The same host on another scheme or port is another origin.
    await post().set('Origin', 'http://wg.example.org').send({ name: JOB_NAME, data: {} }).expect(403);
    await t.anonymous
      .put(`/admin/queues/api/queues/${QUEUES.notifications}/pause`)
      .auth('secretariat', TEST_ADMIN_TOKEN)
      .set('Origin', 'https://evil.example')
      .expect(403);
    expect(await addedJobs()).toBe(0);
    expect(await queue.isPaused()).toBe(false);
  });

  it('refuses a POST without Origin whose Sec-Fetch-Site is not same-origin', async () => {
    for (const site of ['cross-site', 'same-site']) {
      await post().set('Sec-Fetch-Site', site).type('form').send({ name: JOB_NAME, data: '{}' }).expect(403);
    }
    expect(await addedJobs()).toBe(0);
  });

  it('still accepts changes from its own pages, and from clients that are not browsers', async () => {
    await post().set('Origin', 'https://wg.example.org').send({ name: JOB_NAME, data: {} }).expect(200);
    await post().set('Sec-Fetch-Site', 'same-origin').send({ name: JOB_NAME, data: {} }).expect(200);
    await post().send({ name: JOB_NAME, data: {} }).expect(200);
    expect(await addedJobs()).toBe(3);
  });

  it('lets anyone holding the credentials read, whatever the Origin', async () => {
    const api = await t.anonymous
      .get('/admin/queues/api/queues')
      .auth('secretariat', TEST_ADMIN_TOKEN)
      .set('Origin', 'https://evil.example')
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(200);
    expect(JSON.stringify(api.body)).toContain(QUEUES.notifications);
  });
});
