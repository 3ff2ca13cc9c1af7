import { FaultScenario } from './fault-scenario';
import { waitFor } from './smtp-sink';

/**
 * kill -9 of the worker in the middle of a batch, 20 times in a row, each time started again. The
 * worker keeps its default five SMTP connections, and lets `maxUnconfirmed` emails at once
 * (SMTP_MAX_UNCONFIRMED, default 1) end their data before their acceptance is recorded.
 * The delivery journal records each acceptance the moment the worker reads it, so an email can go
 * twice only if the server accepted it in the instant the worker died: its "250" on the way, or
 * (as here, where the server takes 25 ms to accept) its data received but not yet answered.
 * That is at most `maxUnconfirmed` emails per kill.
 */
export function describeWorkerKills(name: string, maxUnconfirmed = 1): void {
  describe(`faults: a worker with SMTP_MAX_UNCONFIRMED=${maxUnconfirmed} killed with SIGKILL mid-batch, 20 times`, () => {
    const scenario = new FaultScenario(name);
    afterAll(() => scenario.stop());

    it(`loses nothing; sends twice only what the server accepted at the instant of a kill, at most ${maxUnconfirmed} per kill`, async () => {
      // The server takes a moment per message, as real ones do, so that every kill finds emails in flight.
      scenario.smtp.acceptDelayMs = 25;
      const { bodyId, memberIds } = await scenario.startWithMeetings({
        workers: 0,
        members: 50,
        meetings: 0,
        offsets: [],
        startsInMs: 0,
      });
      const workerEnv: Record<string, string> =
        maxUnconfirmed === 1 ? {} : { SMTP_MAX_UNCONFIRMED: String(maxUnconfirmed) };

      let kills = 0;
      const cycles: number[] = [];
      const killedAt: number[] = [];
      let victim = await scenario.startProcess('worker', workerEnv);
      for (; kills < 20; kills++) {
        const began = Date.now();
        // The replacement starts while the victim delivers, as an orchestrator restarting it would.
        const replacement = scenario.startProcess('worker', workerEnv);
        // Each kill has its own batch: a meeting's invitations now (and its reminders 30 s later, into a later batch).
        const before = scenario.smtp.messages.length;
        await scenario.scheduleMeetings(bodyId, memberIds, 1, ['PT60S'], 90_000);
        await waitFor(() => scenario.smtp.messages.length >= before + 15, {
          what: `emails before kill ${kills + 1}`,
          timeout: 120_000,
          interval: 10,
        });
        killedAt.push(Date.now());
        await victim.stop('SIGKILL');
        victim = await replacement;
        cycles.push(Date.now() - began);
      }
      const planned = await scenario.planned();
      expect(planned).toBe(memberIds.length * kills * 2);
      await scenario.settle(240_000);

      const counted = await scenario.count(kills, killedAt);
      scenario.report({
        ...counted,
        planned,
        maxUnconfirmed,
        mostAwaitingAnswer: scenario.smtp.mostAwaitingAnswer,
        received: scenario.smtp.messages.length,
        killCycleMs: cycles,
      });
      expect(counted.expected).toBe(planned);
      expect(counted.lost).toBe(0);
      expect(counted.stale).toBe(0);
      // Each extra copy needs a kill: the row was released from its dead worker and tried again.
      expect(counted.copiesBeyondAttempts).toBe(0);
      // ...and was first accepted around that kill: the server took its data before the kill and answered
      // as the worker died (its 25 ms, stretched by a loaded machine's timers: several hundred ms were
      // seen with six scenarios side by side), not long before it, which would mean an acceptance the
      // worker had read and noted was forgotten. Kills are seconds apart.
      for (const offset of counted.firstAcceptedFromKillMs!) expect(Math.abs(offset)).toBeLessThanOrEqual(1000);
      for (const copies of counted.duplicatesPerKill!) expect(copies).toBeLessThanOrEqual(maxUnconfirmed);
      // The bound held at the server too, not only in what the kills happened to catch.
      expect(scenario.smtp.mostAwaitingAnswer).toBeLessThanOrEqual(maxUnconfirmed);
    });
  });
}
