import { Redis } from 'ioredis';
import { startTestApp, TestApp } from '../support/test-app';

describe('API requests per token and minute', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_REQUESTS_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After beyond the limit, counting in a window that expires in Redis', async () => {
    // Not across a minute's boundary, where the count would start again halfway.
    if (new Date().getSeconds() > 55)
      await new Promise((resolve) => setTimeout(resolve, (61 - new Date().getSeconds()) * 1000));
    for (let i = 0; i < 5; i++) await t.admin.get('/api/members?limit=1').expect(200);
    const refused = await t.admin.get('/api/members?limit=1').expect(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/^This token made more than 5 requests in a minute; try again in \d+ s$/),
    });
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);

    const redis = new Redis(t.config.redisUrl);
    try {
      const keys = await redis.keys(`${t.config.queuePrefix}:rate:api:admin:admin:*`);
      expect(keys).toHaveLength(1);
      expect(Number(await redis.get(keys[0]))).toBe(6);
      const ttl = await redis.ttl(keys[0]);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(61);
    } finally {
      redis.disconnect();
    }
  });
});
