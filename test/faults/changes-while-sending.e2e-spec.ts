import { FaultScenario } from '../support/fault-scenario';
import { waitFor } from '../support/smtp-sink';

/**
 * Meetings moved and items completed while their reminders are going out: once the change has
 * committed (its response received), no reminder for the old time or the done item may arrive.
 */
describe('faults: meetings moved and items done while their reminders are being sent', () => {
  const scenario = new FaultScenario('changes');
  afterAll(() => scenario.stop());

  it('sends no reminder made untrue by a change after the change commits', async () => {
    // A slow server keeps many reminders in flight at the moment of each change.
    scenario.smtp.acceptDelayMs = 40;
    const { bodyId, memberIds, meetings } = await scenario.startWithMeetings({
      workers: 2,
      members: 80,
      meetings: 6,
      offsets: ['PT150S', 'PT145S'],
      startsInMs: 165_000,
    });
    const items = await scenario.scheduleItems(bodyId, memberIds, 4, [25, 30, 35]);

    const reminderOf = async (subjectId: string) => {
      const rows = await scenario.query<{ id: string }>(
        `SELECT id FROM notification WHERE subject_id = $1 AND kind <> 'meeting-invitation' AND status = 'sent'`,
        [subjectId],
      );
      return rows.length > 0;
    };
    // Each change comes once that subject's reminders have started to go out, and before they all have.
    const changes: Promise<void>[] = [];
    for (const [i, id] of meetings.entries()) {
      changes.push(
        waitFor(() => reminderOf(id), {
          what: `reminders of meeting ${i + 1} going out`,
          timeout: 300_000,
          interval: 100,
        }).then(async () => {
          const meeting = await scenario.api<{ startsAt: string }>('GET', `/api/meetings/${id}`);
          await scenario.api('PATCH', `/api/meetings/${id}`, {
            startsAt: new Date(new Date(meeting.startsAt).getTime() + 20_000).toISOString(),
          });
          scenario.changedAt.set(id, Date.now());
        }),
      );
    }
    for (const [i, id] of items.entries()) {
      changes.push(
        waitFor(() => reminderOf(id), {
          what: `reminders of item ${i + 1} going out`,
          timeout: 300_000,
          interval: 100,
        }).then(async () => {
          await scenario.api('PATCH', `/api/work-plan-items/${id}`, { status: 'done' });
          scenario.changedAt.set(id, Date.now());
        }),
      );
    }
    await Promise.all(changes);
    await scenario.settle(180_000);

    const counted = await scenario.count();
    const obsoleteSent = await scenario.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification n LEFT JOIN meeting m ON m.id = n.subject_id LEFT JOIN work_plan_item i ON i.id = n.subject_id
       WHERE n.status = 'sent' AND n.kind IN ('meeting-reminder', 'item-due-soon') AND (n.subject_version IS DISTINCT FROM m.sequence AND m.id IS NOT NULL OR i.status = 'done')`,
    );
    const cancelled = await scenario.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE status IN ('cancelled', 'skipped') AND kind IN ('meeting-reminder', 'item-due-soon')`,
    );
    const itemsSentBeforeDone = await scenario.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE status = 'sent' AND kind = 'item-due-soon'`,
    );
    scenario.report({
      ...counted,
      changes: changes.length,
      sentBeforeTheirChange: obsoleteSent[0].n,
      itemRemindersSentBeforeDone: itemsSentBeforeDone[0].n,
      cancelledOrSkipped: cancelled[0].n,
      received: scenario.smtp.messages.length,
    });
    expect(counted.stale).toBe(0);
    expect(counted.lost).toBe(0);
    expect(counted.duplicates).toBe(0);
    // The changes did land mid-send: some reminders had gone before, and others were cancelled or skipped.
    expect(obsoleteSent[0].n).toBeGreaterThan(0);
    expect(itemsSentBeforeDone[0].n).toBeGreaterThan(0);
    expect(cancelled[0].n).toBeGreaterThan(0);
  });
});
