import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { createMember } from '../support/factories';
import { SmtpSink, waitFor } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

const TRIES = 60;
const KNOWN = 'known-timing@example.org';
const UNKNOWN = 'unknown-timing@example.org';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.ceil((sorted.length - 1) / 2)]) / 2;
}

/** Sign-in must not tell, by its answer or its timing, whether an address belongs to a member. */
describe('sign-in answers alike for known and unknown addresses', () => {
  let t: TestApp;
  let base: string;
  let redis: Redis;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ SMTP_URL: smtp.url }, new JsonLogger('error'));
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    redis = new Redis(t.config.redisUrl);
    await createMember(t, { email: KNOWN, language: 'en' });
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
    await smtp.stop();
  });

  /** Each try starts below the sign-in limits, as a prober spreading tries over time would. */
  const forgetSignInCounts = async () => {
    const keys = await redis.keys(`${t.config.queuePrefix}:rate:sign-in:*`);
    if (keys.length) await redis.del(...keys);
  };
  const signIn = async (email: string): Promise<{ ms: number; status: number; text: string }> => {
    const started = process.hrtime.bigint();
    const res = await fetch(`${base}/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email }),
    });
    const text = await res.text();
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.status, text };
  };

  it('takes as long for a known address as for an unknown one (medians of 60 interleaved tries), and still sends the link', async () => {
    const times: Record<string, number[]> = { [KNOWN]: [], [UNKNOWN]: [] };
    // Warm-up: the first requests compile code paths and open connections.
    for (let i = 0; i < 5; i++)
      for (const email of [KNOWN, UNKNOWN]) await forgetSignInCounts().then(() => signIn(email));
    for (let i = 0; i < TRIES; i++) {
      for (const email of i % 2 ? [KNOWN, UNKNOWN] : [UNKNOWN, KNOWN]) {
        await forgetSignInCounts();
        // A pause, so that no try is slowed by work left from the one before.
        await new Promise((resolve) => setTimeout(resolve, 25));
        const answer = await signIn(email);
        expect(answer.status).toBe(200);
        times[email].push(answer.ms);
      }
    }
    const known = median(times[KNOWN]);
    const unknown = median(times[UNKNOWN]);
    const difference = Math.abs(known - unknown);
    expect({ known, unknown, difference: difference < Math.max(1.5, 0.2 * unknown) }).toEqual({
      known,
      unknown,
      difference: true,
    });

    await waitFor(() => smtp.to(KNOWN).length >= TRIES + 5, {
      what: 'a sign-in email for each try of the known address',
    });
    expect(smtp.to(KNOWN)[0].parsed.text).toMatch(/\/sign-in\/[A-Za-z0-9_.-]+/);
    expect(smtp.to(UNKNOWN)).toEqual([]);
  }, 60_000);

  it('logs a failure of the work done after the answer, and answers the same', async () => {
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (write as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
    };
    // A real fault: the table the link is written to is gone for a moment.
    await t.dataSource.query('ALTER TABLE sign_in_link RENAME TO sign_in_link_away');
    try {
      await forgetSignInCounts();
      const answer = await signIn(KNOWN);
      expect(answer.status).toBe(200);
      expect(answer.text.replace(/\s+/g, ' ')).toBe(
        (await forgetSignInCounts().then(() => signIn(UNKNOWN))).text.replace(/\s+/g, ' '),
      );
      const logged = await waitFor(
        () =>
          written
            .map((line) => line.trim())
            .filter((line) => line.startsWith('{'))
            .map((line) => JSON.parse(line) as Record<string, unknown>)
            .find((entry) => entry.msg === 'a sign-in link could not be planned'),
        { what: 'the logged failure' },
      );
      expect(logged).toMatchObject({
        level: 'error',
        context: 'SignIn',
        error: expect.stringContaining('sign_in_link'),
      });
      expect(JSON.stringify(logged)).not.toContain(KNOWN);
    } finally {
      await t.dataSource.query('ALTER TABLE sign_in_link_away RENAME TO sign_in_link');
      process.stdout.write = write;
    }
  });
});
