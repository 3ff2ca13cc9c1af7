import { FaultScenario } from '../support/fault-scenario';
import { waitFor } from '../support/smtp-sink';

const REFUSED_MS = 120_000;
const TEMPORARY_FAILURE_MS = 20_000;

/**
 * The mail server refuses connections for two minutes, then answers 451 for a while, then accepts;
 * one recipient is answered 550 throughout. Temporary failures are retried (with backoff, here
 * capped at a few seconds so that the scenario ends soon after the server recovers) and then
 * delivered once; the permanent one fails after one try and is shown with its error.
 */
describe('faults: the SMTP server down, then answering 451, and a recipient answered 550', () => {
  const scenario = new FaultScenario('smtp');
  afterAll(() => scenario.stop());

  it('delivers every email once after the outage and shows the refused recipient as failed', async () => {
    await scenario.start();
    const workerEnv = { RETRY_BASE_MS: '500', RETRY_MAX_MS: '15000' };
    await scenario.startProcess('api');
    await Promise.all([scenario.startProcess('worker', workerEnv), scenario.startProcess('worker', workerEnv)]);
    const { bodyId, memberIds } = await scenario.createMembers(40);
    const refused = 'p7@smtp.example.org';
    scenario.smtp.respondWith(({ to }) =>
      to.includes(refused) ? { code: 550, message: '5.1.1 mailbox unavailable' } : undefined,
    );

    await scenario.smtp.refuseConnections();
    const downAt = Date.now();
    const meetings = await scenario.scheduleMeetings(bodyId, memberIds, 10, ['PT100S', 'PT80S'], 110_000);
    const planned = await scenario.planned();

    await new Promise((r) => setTimeout(r, REFUSED_MS - (Date.now() - downAt)));
    const retriedWhileDown = await scenario.query<{ n: number; attempts: number }>(
      `SELECT count(*)::int AS n, max(attempts)::int AS attempts FROM notification WHERE status = 'scheduled' AND attempts > 0 AND last_error LIKE '%ECONNREFUSED%'`,
    );
    expect(scenario.smtp.messages).toHaveLength(0);

    const everyoneDeferred = ({ to }: { to: string[] }) =>
      to.includes(refused)
        ? { code: 550, message: '5.1.1 mailbox unavailable' }
        : { code: 451, message: '4.3.0 try again later' };
    scenario.smtp.respondWith(everyoneDeferred);
    await scenario.smtp.acceptConnections();
    await waitFor(
      async () =>
        (await scenario.query(`SELECT 1 FROM notification WHERE last_error LIKE '%451 4.3.0%' LIMIT 1`)).length > 0,
      { what: '451 answers recorded', timeout: 30_000 },
    );
    await new Promise((r) => setTimeout(r, TEMPORARY_FAILURE_MS));
    const deferred = await scenario.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE status = 'scheduled' AND last_error LIKE '%451 4.3.0%'`,
    );
    expect(scenario.smtp.messages).toHaveLength(0);

    scenario.smtp.respondWith(({ to }) =>
      to.includes(refused) ? { code: 550, message: '5.1.1 mailbox unavailable' } : undefined,
    );
    await scenario.settle(120_000);

    const counted = await scenario.count();
    const refusedRows = await scenario.query<{ status: string; attempts: number; last_error: string }>(
      `SELECT status, attempts, last_error FROM notification WHERE recipient_email = $1 AND status NOT IN ('skipped', 'cancelled')`,
      [refused],
    );
    scenario.report({
      ...counted,
      planned,
      retriedWhileDown: retriedWhileDown[0].n,
      maxAttemptsWhileDown: retriedWhileDown[0].attempts,
      deferredBy451: deferred[0].n,
      meetings: meetings.length,
    });
    expect(retriedWhileDown[0].n).toBeGreaterThan(0);
    expect(deferred[0].n).toBeGreaterThan(0);
    expect(counted.lost).toBe(0);
    expect(counted.stale).toBe(0);
    expect(counted.duplicates).toBe(0);
    expect(counted.expected + counted.failed).toBe(planned);
    // The 550: failed at its first try after the outage (connection refusals before it were retried), each shown with the server's answer.
    expect(refusedRows.length).toBe(counted.failed);
    expect(refusedRows.every((r) => r.status === 'failed' && /550/.test(r.last_error))).toBe(true);
    expect(counted.failedShown).toBe(counted.failed);
  });
});
