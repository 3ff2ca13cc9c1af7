import { FaultScenario } from '../support/fault-scenario';
import { waitFor } from '../support/smtp-sink';

/**
 * PostgreSQL restarted mid-run (fast shutdown: every connection is cut, as in a failover). Claims,
 * records of `sent` and retries that fail meanwhile are repaired by the reconciler; an email whose
 * `sent` could not be recorded is the only kind that may go twice, and only if it was in flight.
 */
describe('faults: PostgreSQL restarted mid-run', () => {
  const scenario = new FaultScenario('postgres');
  afterAll(() => scenario.stop());

  it('loses nothing, and sends again only what was in flight at the restart', async () => {
    scenario.smtp.acceptDelayMs = 10;
    const { planned } = await scenario.startWithMeetings({
      workers: 2,
      members: 100,
      meetings: 10,
      offsets: ['PT70S'],
      startsInMs: 80_000,
    });

    await waitFor(() => scenario.smtp.messages.length >= 500, { what: 'the first emails', timeout: 60_000 });
    const atRestart = scenario.smtp.messages.length;
    await scenario.postgres.restart();
    await scenario.settle(180_000);

    const counted = await scenario.count();
    const alive = scenario.processes.filter((p) => p.child.exitCode === null).length;
    scenario.report({ ...counted, planned, receivedAtRestart: atRestart, processesAlive: alive });
    expect(counted.expected).toBe(planned);
    expect(counted.lost).toBe(0);
    expect(counted.stale).toBe(0);
    expect(counted.copiesBeyondAttempts).toBe(0);
    // At most the emails two workers had in hand when their connections were cut.
    expect(counted.duplicates).toBeLessThanOrEqual(2 * Number(scenario.env.WORKER_CONCURRENCY));
    expect(alive).toBe(3);
  });
});
