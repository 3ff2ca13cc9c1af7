import { DateTime } from 'luxon';

/** Today's calendar date (YYYY-MM-DD) where the reader is. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}

/** Whole years between two calendar dates, as a decimal (for "served under two years"). */
export function yearsBetween(from: string, to: string): number {
  return DateTime.fromISO(to).diff(DateTime.fromISO(from), 'years').years;
}
