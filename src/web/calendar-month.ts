import { DateTime } from 'luxon';
import type { Language } from '../common/i18n/languages';
import { formatTime } from '../common/time/format';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface CalendarEntry {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  tentative: boolean;
  /** One of a tentative meeting's proposed dates, not its date. */
  option?: boolean;
}

export interface CalendarDay {
  date: string;
  day: number;
  inMonth: boolean;
  today: boolean;
  entries: { id: string; title: string; time: string; tentative: boolean; option: boolean }[];
}

export interface CalendarMonth {
  month: string;
  label: string;
  previous: string;
  next: string;
  weekdays: { short: string; long: string }[];
  weeks: CalendarDay[][];
  from: string;
  to: string;
}

export function readMonth(text: unknown): string | null {
  return typeof text === 'string' && MONTH.test(text) ? text : null;
}

export function monthOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM');
}

export function calendarMonth(month: string, zone: string, language: Language, today: string): CalendarMonth {
  const first = DateTime.fromISO(`${month}-01`, { zone });
  const start = first.minus({ days: first.weekday - 1 });
  const last = first.endOf('month');
  const end = last.plus({ days: 7 - last.weekday }).endOf('day');
  const weeks: CalendarDay[][] = [];
  for (let day = start; day <= end; day = day.plus({ days: 1 })) {
    if (day.weekday === 1) weeks.push([]);
    weeks.at(-1)!.push({
      date: day.toISODate()!,
      day: day.day,
      inMonth: day.month === first.month,
      today: day.toISODate() === today,
      entries: [],
    });
  }
  const weekday = (style: 'short' | 'long') => new Intl.DateTimeFormat(language, { weekday: style, timeZone: 'UTC' });
  return {
    month,
    label: new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${month}-15T12:00:00Z`),
    ),
    previous: first.minus({ months: 1 }).toFormat('yyyy-MM'),
    next: first.plus({ months: 1 }).toFormat('yyyy-MM'),
    // 2024-01-01 was a Monday.
    weekdays: [0, 1, 2, 3, 4, 5, 6].map((i) => {
      const date = new Date(Date.UTC(2024, 0, 1 + i));
      return { short: weekday('short').format(date), long: weekday('long').format(date) };
    }),
    weeks,
    from: start.toUTC().toISO()!,
    to: end.toUTC().toISO()!,
  };
}

/** Puts each meeting on every day it spans in the reader's zone, with its start time on the first. */
export function placeEntries(
  calendar: CalendarMonth,
  entries: CalendarEntry[],
  zone: string,
  language: Language,
): CalendarMonth {
  const days = new Map(calendar.weeks.flat().map((d) => [d.date, d]));
  for (const entry of [...entries].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const first = DateTime.fromISO(entry.startsAt, { zone }).startOf('day');
    // A meeting ending at midnight does not occupy the next day.
    const last = entry.endsAt
      ? DateTime.fromISO(entry.endsAt, { zone }).minus({ milliseconds: 1 }).startOf('day')
      : first;
    for (let day = first; day <= last && day <= first.plus({ days: 31 }); day = day.plus({ days: 1 })) {
      days.get(day.toISODate()!)?.entries.push({
        id: entry.id,
        title: entry.title,
        time: day.equals(first) ? formatTime(entry.startsAt, zone, language) : '',
        tentative: entry.tentative,
        option: entry.option === true,
      });
    }
  }
  return calendar;
}
