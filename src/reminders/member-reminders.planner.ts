import { Injectable } from '@nestjs/common';
import type { EmailKind } from '../mail/email-kinds';
import type { DigestPreference, Member } from '../members/member.entity';
import { NotificationRepository } from '../notifications/notification.repository';
import type {
  PlannedRow,
  RescheduledNotification,
  ScheduledForRecipient,
} from '../notifications/notification.repository';
import { NotificationsService } from '../notifications/notifications.service';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import { calendarDaysBetween, digestSlotOn, nextDigestSlot, reminderMomentIn } from './reminder-policy';

/** The kinds whose moment is 09:00 (or a digest slot) where the reader lives. */
const ZONED_KINDS: EmailKind[] = [
  'meeting-reminder',
  'meeting-rsvp-chase',
  'item-due-soon',
  'item-due-today',
  'item-overdue',
  'item-escalation',
  'digest',
];

/** Moves a member's planned reminders when their time zone or digest preference changes. */
@Injectable()
export class MemberRemindersPlanner {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly repository: NotificationRepository,
  ) {}

  async replan(
    unit: UnitOfWorkContext,
    member: Member,
    before: { timeZone: string; digest: DigestPreference },
    now = new Date(),
  ): Promise<PlannedRow[]> {
    if (before.timeZone === member.timeZone && before.digest === member.digest) return [];
    // Locking the rows keeps a worker from claiming one between reading it and moving it.
    const rows = await this.repository.lockScheduledForRecipient(unit.manager, member.id, ZONED_KINDS);
    const moved: RescheduledNotification[] = [];
    for (const row of rows) {
      const dueAt =
        row.kind === 'digest'
          ? this.digestMoment(row, member, now)
          : reminderMomentIn(row.kind, row.payload, row.meeting_starts_at, member.timeZone);
      if (!dueAt || dueAt.getTime() === row.due_at.getTime()) continue;
      const passed = dueAt <= now;
      const payload = row.meeting_starts_at
        ? { ...row.payload, daysBefore: calendarDaysBetween(dueAt, row.meeting_starts_at, member.timeZone) }
        : row.payload;
      moved.push({
        id: row.id,
        dueAt,
        status: passed ? 'skipped' : 'scheduled',
        lastError: passed ? `its moment had passed when the member changed time zone to ${member.timeZone}` : null,
        payload,
      });
    }
    return this.notifications.reschedule(unit, moved);
  }

  /** A digest carries reminders already gathered, so it is never skipped. */
  private digestMoment(row: ScheduledForRecipient, member: Member, now: Date): Date | null {
    const period = row.payload.period === 'weekly' ? 'weekly' : 'daily';
    if (typeof row.payload.slot !== 'string') return null;
    let slot = digestSlotOn(row.payload.slot, member.timeZone);
    if (slot <= now) slot = nextDigestSlot(now, period, member.timeZone);
    const soonest = nextDigestSlot(now, 'daily', member.timeZone);
    return member.digest !== 'weekly' && soonest < slot ? soonest : slot;
  }
}
