import { DateTime, IANAZone } from 'luxon';
import { formatUtc, isKnownTimeZone, vtimezoneLines } from './vtimezone';

export interface CalendarOrganizer {
  name: string;
  email: string;
}

export type PartStat = 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE' | 'DELEGATED';

export interface CalendarAttendee {
  name: string;
  email: string;
  partstat: PartStat;
  /** Defaults to true while the member has not answered, and is always false in a CANCEL. */
  rsvp?: boolean;
  delegatedTo?: string;
}

export interface CalendarMeeting {
  uid: string;
  /** Raised by the caller on every change of time or place, and for a cancellation. */
  sequence: number;
  title: string;
  description?: string | null;
  startsAt: Date;
  endsAt: Date;
  /** IANA name; DTSTART/DTEND are written as wall time in this zone. */
  timeZone: string;
  location?: string | null;
  url?: string | null;
  conferenceUrl?: string | null;
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  organizer: CalendarOrganizer;
  /** Defaults to 60; null for no reminder. */
  alarmMinutesBefore?: number | null;
  lastModified?: Date;
}

export interface CalendarDeadline {
  uid: string;
  title: string;
  description?: string | null;
  /** YYYY-MM-DD */
  start: string;
  /** YYYY-MM-DD, inclusive */
  end: string;
  url?: string | null;
}

const DAY_MS = 86_400_000;

type Method = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export function buildMeetingCalendar(
  method: Method,
  meeting: CalendarMeeting,
  attendees: CalendarAttendee[],
  now: Date = new Date(),
): string {
  checkMeeting(meeting);
  const dtstamp = utcDateTime(now, 'now');
  return serialize([
    ...calendarHeader(method),
    ...timezoneComponents([meeting]),
    ...meetingEvent(meeting, attendees, method, dtstamp),
    'END:VCALENDAR',
  ]);
}

export function buildCalendarFeed(
  name: string,
  meetings: CalendarMeeting[],
  deadlines: CalendarDeadline[],
  now: Date = new Date(),
): string {
  meetings.forEach(checkMeeting);
  const dtstamp = utcDateTime(now, 'now');
  return serialize([
    ...calendarHeader('PUBLISH'),
    contentLine('NAME', text(name)),
    contentLine('X-WR-CALNAME', text(name)),
    // RFC 7986 and its older Microsoft/Apple spelling: how often subscribers should poll.
    contentLine('REFRESH-INTERVAL', 'PT1H', [['VALUE', 'DURATION']]),
    'X-PUBLISHED-TTL:PT1H',
    ...timezoneComponents(meetings),
    ...meetings.flatMap((meeting) => meetingEvent(meeting, [], 'PUBLISH', dtstamp)),
    ...deadlines.flatMap((deadline) => deadlineEvent(deadline, dtstamp)),
    'END:VCALENDAR',
  ]);
}

function calendarHeader(method: Method): string[] {
  return [
    'BEGIN:VCALENDAR',
    'PRODID:-//WECOOP//wg-secretariat//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
  ];
}

/** One VTIMEZONE per TZID, before the events: some older clients resolve a TZID only once defined. */
function timezoneComponents(meetings: CalendarMeeting[]): string[] {
  const spans = new Map<string, { earliest: Date; latest: Date }>();
  for (const meeting of meetings) {
    const span = spans.get(meeting.timeZone);
    if (!span) spans.set(meeting.timeZone, { earliest: meeting.startsAt, latest: meeting.endsAt });
    else {
      if (meeting.startsAt < span.earliest) span.earliest = meeting.startsAt;
      if (meeting.endsAt > span.latest) span.latest = meeting.endsAt;
    }
  }
  return [...spans.keys()].sort().flatMap((zone) => {
    const { earliest, latest } = spans.get(zone)!;
    return vtimezoneLines(zone, earliest, latest);
  });
}

function meetingEvent(
  meeting: CalendarMeeting,
  attendees: CalendarAttendee[],
  method: Method,
  dtstamp: string,
): string[] {
  // RFC 5546 §3.2.5: the event in a CANCEL must say CANCELLED, whatever the stored meeting says.
  const status = method === 'CANCEL' ? 'CANCELLED' : meeting.status;
  const alarmMinutes = meeting.alarmMinutesBefore === undefined ? 60 : meeting.alarmMinutesBefore;

  const lines = [
    'BEGIN:VEVENT',
    contentLine('UID', text(meeting.uid)),
    `SEQUENCE:${meeting.sequence}`,
    `DTSTAMP:${dtstamp}`,
    zonedDateTime('DTSTART', meeting.startsAt, meeting.timeZone),
    zonedDateTime('DTEND', meeting.endsAt, meeting.timeZone),
    contentLine('SUMMARY', text(meeting.title)),
    ...optional('DESCRIPTION', meeting.description, text),
    ...optional('LOCATION', meeting.location, text),
    ...optional('URL', meeting.url, uri),
    ...(meeting.conferenceUrl
      ? [
          contentLine('CONFERENCE', uri(meeting.conferenceUrl), [
            ['VALUE', 'URI'],
            ['FEATURE', 'VIDEO'],
          ]),
        ]
      : []),
    `STATUS:${status}`,
    contentLine('ORGANIZER', mailto(meeting.organizer.email), commonName(meeting.organizer.name)),
    ...attendees.map((attendee) => attendeeLine(attendee, method)),
    ...(meeting.lastModified ? [`LAST-MODIFIED:${utcDateTime(meeting.lastModified, 'lastModified')}`] : []),
    'TRANSP:OPAQUE',
  ];
  if (alarmMinutes !== null && status !== 'CANCELLED') {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `TRIGGER:${alarmMinutes === 0 ? 'PT0M' : `-PT${alarmMinutes}M`}`,
      contentLine('DESCRIPTION', text(meeting.title)),
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

function attendeeLine(attendee: CalendarAttendee, method: Method): string {
  const rsvp = method === 'CANCEL' ? false : (attendee.rsvp ?? attendee.partstat === 'NEEDS-ACTION');
  const params: Param[] = [
    ['ROLE', 'REQ-PARTICIPANT'],
    ['PARTSTAT', attendee.partstat],
    ['RSVP', rsvp ? 'TRUE' : 'FALSE'],
  ];
  if (attendee.delegatedTo) params.push(['DELEGATED-TO', mailto(attendee.delegatedTo), 'quote']);
  params.push(...commonName(attendee.name));
  return contentLine('ATTENDEE', mailto(attendee.email), params);
}

function deadlineEvent(deadline: CalendarDeadline, dtstamp: string): string[] {
  const start = calendarDate(deadline.start, 'start');
  const lastDay = calendarDate(deadline.end, 'end');
  if (lastDay < start)
    throw new RangeError(`Deadline "${deadline.uid}" ends (${deadline.end}) before it starts (${deadline.start})`);
  // DTEND of an all-day event is exclusive (RFC 5545 §3.6.1): the day after the last day.
  const end = new Date(lastDay.getTime() + DAY_MS);
  return [
    'BEGIN:VEVENT',
    contentLine('UID', text(deadline.uid)),
    `DTSTAMP:${dtstamp}`,
    contentLine('DTSTART', formatDate(start), [['VALUE', 'DATE']]),
    contentLine('DTEND', formatDate(end), [['VALUE', 'DATE']]),
    contentLine('SUMMARY', text(deadline.title)),
    ...optional('DESCRIPTION', deadline.description, text),
    ...optional('URL', deadline.url, uri),
    // A deadline marks a day; it must not show the member as busy all day.
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

function checkMeeting(meeting: CalendarMeeting): void {
  if (!meeting.uid) throw new RangeError('A meeting needs a UID');
  if (!(Number.isInteger(meeting.sequence) && meeting.sequence >= 0)) {
    throw new RangeError(`SEQUENCE must be a non-negative whole number, got ${meeting.sequence}`);
  }
  if (!isKnownTimeZone(meeting.timeZone)) throw new RangeError(`Unknown time zone "${meeting.timeZone}"`);
  const alarm = meeting.alarmMinutesBefore;
  if (alarm !== undefined && alarm !== null && !(Number.isInteger(alarm) && alarm >= 0)) {
    throw new RangeError(`alarmMinutesBefore must be a non-negative whole number, got ${alarm}`);
  }
  utcDateTime(meeting.startsAt, 'startsAt');
  utcDateTime(meeting.endsAt, 'endsAt');
  // RFC 5545 §3.8.2.2: DTEND must be later than DTSTART.
  if (meeting.endsAt.getTime() <= meeting.startsAt.getTime()) {
    throw new RangeError(`Meeting "${meeting.uid}" must end after it starts`);
  }
}

/** DTSTART/DTEND as wall time with TZID, which keeps the meeting on its local hour in every client. */
function zonedDateTime(name: string, instant: Date, timeZone: string): string {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  const zone = IANAZone.create(timeZone);
  if (isInRepeatedHour(zone, ms)) return `${name}:${formatUtc(ms)}`;
  const wall = DateTime.fromMillis(ms, { zone }).toFormat("yyyyLLdd'T'HHmmss");
  return contentLine(name, wall, [['TZID', timeZone]]);
}

function isInRepeatedHour(zone: IANAZone, ms: number): boolean {
  const offset = zone.offset(ms);
  const before = zone.offset(ms - DAY_MS);
  const after = zone.offset(ms + DAY_MS);
  const twins: [instant: number, offset: number][] = [];
  if (before > offset) twins.push([ms - (before - offset) * 60_000, before]);
  if (after < offset) twins.push([ms + (offset - after) * 60_000, after]);
  return twins.some(([twin, twinOffset]) => zone.offset(twin) === twinOffset);
}

function utcDateTime(date: Date, field: string): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError(`${field} is not a valid date`);
  return formatUtc(date.getTime());
}

function calendarDate(value: string, field: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  // Date.UTC rolls 2025-02-30 over into March; a round trip catches it.
  if (!date || date.toISOString().slice(0, 10) !== value)
    throw new RangeError(`Deadline ${field} "${value}" is not a YYYY-MM-DD date`);
  return date;
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

type Param = [name: string, value: string, quoting?: 'quote'];

function commonName(name: string): Param[] {
  const value = paramValueText(name);
  return value ? [['CN', value]] : [];
}

function optional(name: string, value: string | null | undefined, encode: (value: string) => string): string[] {
  return value ? [contentLine(name, encode(value))] : [];
}

function contentLine(name: string, value: string, params: Param[] = []): string {
  const paramText = params.map(
    ([key, paramValue, quoting]) => `;${key}=${encodeParamValue(paramValue, quoting === 'quote')}`,
  );
  return `${name}${paramText.join('')}:${value}`;
}

/** Parameter values have no escapes (RFC 5545 §3.2). */
function paramValueText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- RFC 5545 text may carry no control characters: they are what is removed here
      .replace(/\s*[\u0000-\u001f\u007f]+\s*/g, ' ')
      .replace(/"/g, "'")
      .replace(/\\/g, '/')
      .trim()
  );
}

function encodeParamValue(value: string, alwaysQuote: boolean): string {
  const clean = paramValueText(value);
  return alwaysQuote || /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** TEXT value (RFC 5545 §3.3.11). Other control characters than tab are not allowed at all. */
function text(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- RFC 5545 text may carry no control characters: they are what is removed here
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
  );
}

/** URI values are not escaped, so anything that could break the line is removed instead. */
function uri(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- RFC 5545 text may carry no control characters: they are what is removed here
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .replace(/ /g, '%20')
  );
}

function mailto(email: string): string {
  // eslint-disable-next-line no-control-regex -- RFC 5545 text may carry no control characters: they are what is removed here
  return `mailto:${email.replace(/[\s\u0000-\u001f\u007f"]/g, '')}`;
}

function serialize(lines: string[]): string {
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** Folds at 75 octets (RFC 5545 §3.1), counting the leading space of continuation lines. */
function fold(line: string): string {
  const maxOctets = 75;
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const token of line.match(/\\.|[\s\S]/gu) ?? []) {
    const size = utf8Length(token);
    if (octets + size > maxOctets) {
      pieces.push(piece);
      piece = ' ';
      octets = 1;
    }
    piece += token;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join('\r\n');
}

function utf8Length(token: string): number {
  let octets = 0;
  for (const char of token) {
    const codePoint = char.codePointAt(0)!;
    octets += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
  return octets;
}
