import { DateTime } from 'luxon';
import { ParsedDeadline } from './deadline.types';

/** The moment a deadline falls due, for reminders. */
export function deadlineDueAt(parsed: ParsedDeadline, timeZone: string): Date | null {
  if (parsed.kind === 'open' || parsed.windows.length === 0) return null;
  let latest = parsed.windows[0].end;
  for (const w of parsed.windows) if (w.end > latest) latest = w.end;

  const lastDay = DateTime.fromISO(latest, { zone: timeZone });
  if (!lastDay.isValid) {
    throw new RangeError(
      `Cannot compute the due moment of "${parsed.text}" in "${timeZone}": ${lastDay.invalidExplanation ?? lastDay.invalidReason}`,
    );
  }
  // One millisecond before the next day starts, rather than "23:59:59.999": when clocks go back
  // at midnight (Almaty, 1 March 2024) that wall time happens twice and only the later counts.
  return lastDay.plus({ days: 1 }).startOf('day').minus({ milliseconds: 1 }).toJSDate();
}
