import { startTestApp, TestApp } from '../support/test-app';

/** 31 sign-in requests from one client, each with another address and another forged X-Forwarded-For. */
async function signInsWithForgedAddresses(t: TestApp): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) {
    const res = await t.anonymous
      .post('/sign-in')
      .set('X-Forwarded-For', `203.0.113.${i + 1}`)
      .type('form')
      .send({ email: `nobody-${i}@example.org` });
    statuses.push(res.status);
  }
  return statuses;
}

describe('the client address the per-address limits count', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("by default is the connection's: a forged X-Forwarded-For does not escape the sign-in limit", async () => {
    t = await startTestApp();
    const statuses = await signInsWithForgedAddresses(t);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(statuses[30]).toBe(429);
  });

  it('with TRUST_PROXY=loopback is the one a local proxy names in X-Forwarded-For', async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    const statuses = await signInsWithForgedAddresses(t);
    expect(statuses).toEqual(Array(31).fill(200));
    // One address behind the proxy still meets the limit.
    for (let i = 0; i < 30; i++)
      await t.anonymous
        .post('/sign-in')
        .set('X-Forwarded-For', '198.51.100.9')
        .type('form')
        .send({ email: `again-${i}@example.org` })
        .expect(200);
    await t.anonymous
      .post('/sign-in')
      .set('X-Forwarded-For', '198.51.100.9')
      .type('form')
      .send({ email: 'last@example.org' })
      .expect(429);
  });
});
