import { DateTime } from 'luxon';

export function todayIn(timeZone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}

/** Whole years between two calendar dates, as a decimal (for "served under two years"). */
export function yearsBetween(from: string, to: string): number {
  return DateTime.fromISO(to).diff(DateTime.fromISO(from), 'years').years;
}

const wallClockCache = new Map<string, string>();
const WALL_CLOCK_CACHE_SIZE = 10_000;

export function wallClockIso(date: Date, zone: string): string | null {
  const key = `${zone} ${date.getTime()}`;
  const cached = wallClockCache.get(key);
  if (cached !== undefined) return cached;
  const iso = DateTime.fromJSDate(date, { zone }).toISO({ suppressMilliseconds: true });
  if (iso === null) return null;
  if (wallClockCache.size >= WALL_CLOCK_CACHE_SIZE) wallClockCache.clear();
  wallClockCache.set(key, iso);
  return iso;
}
