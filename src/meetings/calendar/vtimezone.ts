import { DateTime, IANAZone } from 'luxon';

const SECOND_MS = 1_000;
const DAY_MS = 86_400_000;
const YEAR_MS = 366 * DAY_MS;
/** Far enough back to find the onset in force at the start of the window in any zone with DST. */
const LOOKBACK_MS = 400 * DAY_MS;
/** Far enough ahead to classify the last onsets and to see whether a yearly rule goes on. */
const LOOKAHEAD_MS = 2 * YEAR_MS;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

type ObservanceKind = 'STANDARD' | 'DAYLIGHT';

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

interface Onset {
  at: number;
  /** Offsets east of UTC, in minutes (fractional for the few zones whose history has seconds). */
  from: number;
  to: number;
  kind: ObservanceKind;
  wall: WallTime;
}

interface Run {
  first: Onset;
  last: Onset;
  count: number;
  /** Yearly rules (BYDAY=… or BYMONTHDAY=…) that every onset of the run satisfies, best first. */
  rules: string[];
}

export function isKnownTimeZone(timeZone: string): boolean {
  return IANAZone.isValidZone(timeZone);
}

export function vtimezoneLines(timeZone: string, earliest: Date, latest: Date): string[] {
  if (!isKnownTimeZone(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}"`);
  const zone = IANAZone.create(timeZone);
  const firstYear = DateTime.fromJSDate(earliest, { zone }).year - 1;
  const lastYear = DateTime.fromJSDate(latest, { zone }).year + 1;
  // Scanning costs some 20 ms a zone, and one meeting's emails or feeds all ask for the same.
  const key = `${timeZone}|${firstYear}|${lastYear}`;
  let lines = cache.get(key);
  if (!lines) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    lines = generate(zone, timeZone, firstYear, lastYear);
    cache.set(key, lines);
  }
  return [...lines];
}

const CACHE_LIMIT = 500;
const cache = new Map<string, readonly string[]>();

function generate(zone: IANAZone, timeZone: string, firstYear: number, lastYear: number): string[] {
  const windowStart = DateTime.fromObject({ year: firstYear }, { zone }).toMillis();
  const windowEnd = DateTime.fromObject({ year: lastYear + 1 }, { zone }).toMillis();

  const onsets = findOnsets(zone, windowStart - LOOKBACK_MS, windowEnd + LOOKAHEAD_MS);
  // The onset in force at the window's start is needed, or its first months would have no offset.
  const firstNeeded = onsets.findLastIndex((o) => o.at <= windowStart);
  const needed = onsets.slice(Math.max(firstNeeded, 0));
  const runs = groupIntoYearlyRuns(needed).filter((run) => run.first.at < windowEnd);

  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  if (firstNeeded < 0) {
    // No change in the lookback: the zone has no DST.
    const offset = zone.offset(windowStart);
    lines.push(...observanceLines('STANDARD', wallTime(windowStart, offset), offset, offset));
  }
  for (const run of runs) {
    const { first } = run;
    const rrule = run.count > 1 ? yearlyRule(run, windowEnd) : undefined;
    lines.push(...observanceLines(first.kind, first.wall, first.from, first.to, rrule));
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

function findOnsets(zone: IANAZone, fromMs: number, toMs: number): Onset[] {
  const changes: { at: number; from: number; to: number }[] = [];
  let at = fromMs;
  let offset = zone.offset(at);
  while (at < toMs) {
    const probe = Math.min(at + DAY_MS, toMs);
    if (zone.offset(probe) === offset) {
      at = probe;
      continue;
    }
    // Invariant: the offset at lo is the old one, at hi it is not.
    let lo = Math.floor(at / SECOND_MS);
    let hi = Math.ceil(probe / SECOND_MS);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (zone.offset(mid * SECOND_MS) === offset) lo = mid;
      else hi = mid;
    }
    at = hi * SECOND_MS;
    const to = zone.offset(at);
    changes.push({ at, from: offset, to });
    offset = to;
  }

  return changes.map((change, i) => {
    const next = changes[i + 1];
    // isdst is not exposed: daylight time is a raise of the offset undone within the year.
    const undoneWithinYear = next !== undefined && next.at - change.at <= YEAR_MS && next.to < change.to;
    const kind: ObservanceKind = change.to > change.from && undoneWithinYear ? 'DAYLIGHT' : 'STANDARD';
    return { ...change, kind, wall: wallTime(change.at, change.from) };
  });
}

function groupIntoYearlyRuns(onsets: Onset[]): Run[] {
  const runs: Run[] = [];
  for (const onset of onsets) {
    const rules = yearlyRuleCandidates(onset.wall);
    const run = runs.find(
      (r) =>
        r.last.wall.year === onset.wall.year - 1 &&
        sameShape(r.last, onset) &&
        r.rules.some((rule) => rules.includes(rule)),
    );
    if (run) {
      run.rules = run.rules.filter((rule) => rules.includes(rule));
      run.last = onset;
      run.count += 1;
    } else {
      runs.push({ first: onset, last: onset, count: 1, rules });
    }
  }
  return runs;
}

function sameShape(a: Onset, b: Onset): boolean {
  return (
    a.kind === b.kind &&
    a.from === b.from &&
    a.to === b.to &&
    a.wall.month === b.wall.month &&
    a.wall.hour === b.wall.hour &&
    a.wall.minute === b.wall.minute &&
    a.wall.second === b.wall.second
  );
}

/** Outlook accepts only a single BYDAY occurrence or a BYMONTHDAY; "last Sunday" is tried first. */
function yearlyRuleCandidates(wall: WallTime): string[] {
  const weekday = WEEKDAYS[wall.weekday];
  const daysInMonth = new Date(Date.UTC(wall.year, wall.month, 0)).getUTCDate();
  const nth = Math.ceil(wall.day / 7);
  const rules: string[] = [];
  if (wall.day + 7 > daysInMonth) rules.push(`BYDAY=-1${weekday}`);
  if (nth <= 4) rules.push(`BYDAY=${nth}${weekday}`);
  rules.push(`BYMONTHDAY=${wall.day}`);
  return rules;
}

function yearlyRule(run: Run, windowEnd: number): string {
  const rule = `FREQ=YEARLY;BYMONTH=${run.first.wall.month};${run.rules[0]}`;
  // A rule still in force is left open (Outlook then applies it to every year); one that stopped needs UNTIL in UTC.
  if (run.last.at >= windowEnd) return rule;
  return `${rule};UNTIL=${formatUtc(run.last.at)}`;
}

function observanceLines(kind: ObservanceKind, start: WallTime, from: number, to: number, rrule?: string): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${formatWallTime(start)}`,
    ...(rrule ? [`RRULE:${rrule}`] : []),
    `TZOFFSETFROM:${formatOffset(from)}`,
    `TZOFFSETTO:${formatOffset(to)}`,
    `END:${kind}`,
  ];
}

function wallTime(at: number, offsetMinutes: number): WallTime {
  const local = new Date(at + Math.round(offsetMinutes * 60) * SECOND_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

function formatWallTime(w: WallTime): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

function formatOffset(minutes: number): string {
  const totalSeconds = Math.round(Math.abs(minutes) * 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hhmm = `${pad(Math.floor(totalSeconds / 3600))}${pad(Math.floor(totalSeconds / 60) % 60)}`;
  const ss = totalSeconds % 60 === 0 ? '' : pad(totalSeconds % 60);
  return `${minutes < 0 ? '-' : '+'}${hhmm}${ss}`;
}

export function formatUtc(ms: number): string {
  return new Date(Math.floor(ms / SECOND_MS) * SECOND_MS)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}
