import { Redis } from 'ioredis';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addMembership, createBody, createMember } from '../support/factories';
import { pageSession } from '../support/page-app';
import { SmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const FIXTURE = 'activity,deadline,executor\nTraining,Март 2019,WECOOP 2\n';

describe('the import page and what it keeps of uploads', () => {
  let t: TestApp;
  let redis: Redis;
  let port: number;
  let planId: string;
  let secretariat: { cookie: string; csrf: string };
  let member: { cookie: string; csrf: string };
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url, APP_URL: 'http://wg.test' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    redis = new Redis(t.config.redisUrl);
    const body = await createBody(t);
    planId = (
      await t.admin
        .post('/api/work-plans')
        .send({ bodyId: body.id, title: { en: 'Plan' }, period: '2019' })
        .expect(201)
    ).body.id;
    const clerk = await createMember(t, { email: 'clerk@example.org', language: 'en' });
    await addMembership(t, body.id, { memberId: clerk.id, role: 'secretariat' });
    await createMember(t, { email: 'member@example.org', language: 'en' });
    secretariat = await pageSession(t, smtp, 'clerk@example.org');
    member = await pageSession(t, smtp, 'member@example.org');
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
    await smtp.stop();
  });

  /**
   * Starts a multipart upload announcing 8 MB, sends its first 64 KB and no more: the answer, if the
   * server gives one within two seconds without waiting for the rest of the body.
   */
  async function answerToUnfinishedUpload(
    headers: Record<string, string>,
    path = `/work-plan/${planId}/import`,
  ): Promise<IncomingMessage | null> {
    const boundary = 'x-boundary-x';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path,
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(8 * 1024 * 1024),
        ...headers,
      },
    });
    req.on('error', () => undefined);
    req.write(head + 'a,'.repeat(32 * 1024));
    try {
      return await new Promise<IncomingMessage | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 2000);
        req.on('response', (res) => {
          clearTimeout(timer);
          res.resume();
          resolve(res);
        });
      });
    } finally {
      req.destroy();
    }
  }

  it('sends an upload without a session to sign in, and refuses a member, before reading the body', async () => {
    const anonymous = await answerToUnfinishedUpload({});
    expect(anonymous?.statusCode).toBe(303);
    expect(anonymous?.headers.location).toBe('/sign-in');
    const notSecretariat = await answerToUnfinishedUpload({ Cookie: member.cookie });
    expect(notSecretariat?.statusCode).toBe(403);
    // The service still answers the secretariat's own upload afterwards.
    await t.anonymous
      .post(`/work-plan/${planId}/import`)
      .set('Cookie', secretariat.cookie)
      .field('csrf', secretariat.csrf)
      .attach('file', Buffer.from(FIXTURE), 'plan.csv')
      .expect(200);
  });

  it('refuses an API upload without a valid token before reading the body', async () => {
    const answer = await answerToUnfinishedUpload(
      { Authorization: 'Bearer not-a-token' },
      `/api/work-plans/${planId}/import?dryRun=true`,
    );
    expect(answer?.statusCode).toBe(401);
  });

  it('keeps the 10 MB limit of the page upload, saying so beside the field', async () => {
    const tooLarge = await t.anonymous
      .post(`/work-plan/${planId}/import`)
      .set('Cookie', secretariat.cookie)
      .field('csrf', secretariat.csrf)
      .attach('file', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), 'plan.csv')
      .expect(303);
    expect(tooLarge.headers.location).toBe(`/work-plan/${planId}/import?problem=too_large`);
    const page = await t.anonymous.get(tooLarge.headers.location).set('Cookie', secretariat.cookie).expect(413);
    expect(page.text).toContain('The file is larger than 10 MB.');
  });

  const keysLike = async (pattern: string) => {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${t.config.queuePrefix}:${pattern}`, 'COUNT', 1000);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  };
  const keptKeys = () => keysLike('page-upload:*');

  it('keeps at most three previews per session, dropping the oldest, each for 30 minutes', async () => {
    // Earlier test files' sessions keep their previews for 30 minutes: start from none.
    for (const key of [...(await keptKeys()), ...(await keysLike('page-uploads-of:*'))]) await redis.del(key);
    const uploadIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const preview = await t.anonymous
        .post(`/work-plan/${planId}/import`)
        .set('Cookie', secretariat.cookie)
        .field('csrf', secretariat.csrf)
        .attach('file', Buffer.from(FIXTURE), `plan-${i}.csv`)
        .expect(200);
      uploadIds.push(/name="upload" value="([^"]+)"/.exec(preview.text)![1]);
    }
    const files = (await keptKeys()).filter((key) => uploadIds.some((id) => key.endsWith(`:${id}`)));
    expect(files.map((key) => key.slice(key.lastIndexOf(':') + 1)).sort()).toEqual(uploadIds.slice(1).sort());
    const lists = await keysLike('page-uploads-of:*');
    expect(lists).toHaveLength(1);
    for (const key of [...(await keptKeys()), ...lists]) {
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(30 * 60);
    }

    const confirm = (uploadId: string) =>
      t.anonymous
        .post(`/work-plan/${planId}/import/confirm`)
        .set('Cookie', secretariat.cookie)
        .type('form')
        .send({ csrf: secretariat.csrf, upload: uploadId });
    const dropped = await confirm(uploadIds[0]).expect(410);
    expect(dropped.text).toContain('Please choose it again');
    const newest = await confirm(uploadIds[3]).expect(303);
    expect(newest.headers.location).toBe(`/work-plan/${planId}?imported=1`);
    // The imported file is not kept any longer than it is needed.
    expect((await keptKeys()).filter((key) => key.endsWith(`:${uploadIds[3]}`))).toEqual([]);
  });
});
