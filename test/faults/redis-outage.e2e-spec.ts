import { FaultScenario } from '../support/fault-scenario';
import { waitFor } from '../support/smtp-sink';

/**
 * Redis stopped for 30 s mid-run and started again empty (no persistence, as after a crash), then
 * wiped with FLUSHALL mid-run: the jobs and the reconciler's schedule are gone each time, and the
 * reconciler rebuilds them from PostgreSQL.
 */
describe('faults: Redis stopped for 30 s, and wiped mid-run', () => {
  const scenario = new FaultScenario('redis');
  afterAll(() => scenario.stop());

  it('loses nothing and sends nothing twice', async () => {
    scenario.smtp.acceptDelayMs = 10;
    const { planned } = await scenario.startWithMeetings({
      workers: 2,
      members: 100,
      meetings: 10,
      offsets: ['PT70S'],
      startsInMs: 80_000,
    });

    await waitFor(() => scenario.smtp.messages.length >= 300, { what: 'the first emails', timeout: 60_000 });
    await scenario.redis.stop();
    const atStop = scenario.smtp.messages.length;
    await new Promise((r) => setTimeout(r, 30_000));
    await scenario.redis.start();
    const restartedAt = scenario.smtp.messages.length;

    await waitFor(() => scenario.smtp.messages.length >= restartedAt + 200, {
      what: 'emails after the restart',
      timeout: 90_000,
    });
    await scenario.redis.flushAll();
    const atFlush = scenario.smtp.messages.length;
    await scenario.settle(180_000);

    const counted = await scenario.count();
    scenario.report({
      ...counted,
      planned,
      receivedAtStop: atStop,
      receivedAtRestart: restartedAt,
      receivedAtFlush: atFlush,
    });
    expect(counted.expected).toBe(planned);
    expect(counted.lost).toBe(0);
    expect(counted.stale).toBe(0);
    expect(counted.duplicates).toBe(0);
    expect(atFlush).toBeLessThan(planned);
  });
});
