import { DateTime, Duration } from 'luxon';

/** Day-level reminders go out at this hour where the reader lives, never at night. */
export const DAY_REMINDER_HOUR = 9;

export const DEFAULT_MEETING_OFFSETS = ['P30D', 'P7D', 'P1D'];
export const DEFAULT_RSVP_CHASE_OFFSETS = ['P14D', 'P3D'];
export const DEFAULT_ITEM_OFFSETS = ['P14D', 'P3D', 'P0D'];
export const OVERDUE_EVERY_DAYS = 7;
export const OVERDUE_TIMES = 4;
/** After this many overdue reminders the body's chair and the secretariat hear of it. */
export const ESCALATE_AFTER = 2;

export function parseOffset(iso: string): Duration | null {
  if (typeof iso !== 'string' || !/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/.test(iso)) return null;
  const duration = Duration.fromISO(iso);
  if (!duration.isValid || duration.as('days') > 366) return null;
  return duration;
}

/** Whole days and nothing smaller: such an offset means "that day, at 09:00 where the reader is". */
export function isDayLevel(duration: Duration): boolean {
  const {
    hours = 0,
    minutes = 0,
    seconds = 0,
  } = duration.shiftTo('weeks', 'days', 'hours', 'minutes', 'seconds').toObject();
  return hours === 0 && minutes === 0 && seconds === 0;
}

export function reminderMoment(moment: Date, offset: string, zone: string): Date {
  const duration = parseOffset(offset);
  if (!duration) throw new RangeError(`not a reminder offset: ${offset}`);
  if (!isDayLevel(duration)) return DateTime.fromJSDate(moment).minus(duration).toJSDate();
  return DateTime.fromJSDate(moment, { zone })
    .startOf('day')
    .minus(duration)
    .set({ hour: DAY_REMINDER_HOUR })
    .toJSDate();
}

export function daysAfter(moment: Date, days: number, zone: string): Date {
  return DateTime.fromJSDate(moment, { zone })
    .startOf('day')
    .plus({ days })
    .set({ hour: DAY_REMINDER_HOUR })
    .toJSDate();
}

export function calendarDaysBetween(from: Date, to: Date, zone: string): number {
  const a = DateTime.fromJSDate(from, { zone }).startOf('day');
  const b = DateTime.fromJSDate(to, { zone }).startOf('day');
  return Math.round(b.diff(a, 'days').days);
}

export function nextDigestSlot(after: Date, period: 'daily' | 'weekly', zone: string): Date {
  let slot = DateTime.fromJSDate(after, { zone }).set({
    hour: DAY_REMINDER_HOUR,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
  if (slot.toJSDate() <= after) slot = slot.plus({ days: 1 });
  if (period === 'weekly') while (slot.weekday !== 1) slot = slot.plus({ days: 1 });
  return slot.toJSDate();
}

export function slotKey(slot: Date, zone: string): string {
  return DateTime.fromJSDate(slot, { zone }).toISODate()!;
}

/** Non-urgent reminders may wait for a digest; overdue, one-day and asked-for reminders never do. */
export function isDigestible(kind: string, payload: Record<string, unknown>): boolean {
  // A chase the secretariat asked for now goes now.
  if (payload.manual === true) return false;
  if (kind === 'meeting-rsvp-chase' || kind === 'poll-chase' || kind === 'item-due-soon') return true;
  if (kind === 'documents-available') return true;
  if (kind === 'meeting-reminder') return Number(payload.daysBefore ?? 0) > 1;
  return false;
}

export function digestSlotOn(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).set({ hour: DAY_REMINDER_HOUR }).toJSDate();
}

export function reminderMomentIn(
  kind: string,
  payload: Record<string, unknown>,
  meetingStartsAt: Date | null,
  zone: string,
): Date | null {
  const offset = typeof payload.offset === 'string' ? parseOffset(payload.offset) : null;
  const dueAt = typeof payload.dueAt === 'string' ? new Date(payload.dueAt) : null;
  switch (kind) {
    case 'meeting-reminder':
    case 'meeting-rsvp-chase':
      return meetingStartsAt && offset && isDayLevel(offset)
        ? reminderMoment(meetingStartsAt, payload.offset as string, zone)
        : null;
    case 'item-due-soon':
    case 'item-due-today':
      return dueAt && offset && isDayLevel(offset) ? reminderMoment(dueAt, payload.offset as string, zone) : null;
    case 'item-overdue':
    case 'item-escalation':
      return dueAt && Number(payload.weeksOverdue) > 0
        ? daysAfter(dueAt, Number(payload.weeksOverdue) * OVERDUE_EVERY_DAYS, zone)
        : null;
    default:
      return null;
  }
}
