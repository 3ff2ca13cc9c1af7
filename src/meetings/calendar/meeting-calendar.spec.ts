import fc from 'fast-check';
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { buildCalendarFeed, buildMeetingCalendar } from './meeting-calendar';
import type { CalendarAttendee, CalendarDeadline, CalendarMeeting } from './meeting-calendar';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

const NOW = new Date('2025-01-10T12:34:56Z');
const KAZAKH_TITLE = '9-я встреча РГОСИК — Жұмыс тобының отырысы';

function meeting(overrides: Partial<CalendarMeeting> = {}): CalendarMeeting {
  return {
    uid: '5f0c1e2a-7d7b-4c53-9b1e-1f7f0d2b9a10@wgecc.example',
    sequence: 0,
    title: KAZAKH_TITLE,
    description: 'Agenda: adoption of the work plan',
    startsAt: new Date('2025-03-05T05:00:00Z'),
    endsAt: new Date('2025-03-05T08:00:00Z'),
    timeZone: 'Asia/Almaty',
    location: 'Astana, Ministry of Ecology',
    url: 'https://wgecc.example/meetings/9',
    status: 'CONFIRMED',
    organizer: { name: 'WGECC Secretariat', email: 'secretariat@wgecc.example' },
    ...overrides,
  };
}

const ATTENDEES: CalendarAttendee[] = [
  { name: 'Doe, John', email: 'john.doe@example.eu', partstat: 'NEEDS-ACTION' },
  { name: 'Айгерим Нурланова', email: 'aigerim@example.kz', partstat: 'ACCEPTED' },
  { name: 'Bakyt Asanov', email: 'bakyt@example.kg', partstat: 'TENTATIVE', rsvp: true },
  { name: 'Jana Novak', email: 'jana@example.eu', partstat: 'DECLINED' },
  { name: 'Timur Karimov', email: 'timur@example.uz', partstat: 'DELEGATED', delegatedTo: 'deputy@example.uz' },
];

function parse(ics: string): Component {
  return new ICAL.Component(ICAL.parse(ics));
}

function onlyEvent(ics: string): Component {
  const events = parse(ics).getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  return events[0];
}

function timeOf(component: Component, name: string): Time {
  return component.getFirstPropertyValue(name) as Time;
}

function physicalLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  return ics.slice(0, -2).split('\r\n');
}

function unfoldedLines(ics: string): string[] {
  return ics.replace(/\r\n /g, '').slice(0, -2).split('\r\n');
}

function withoutTimezones(ics: string): string {
  return ics.replace(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/g, '');
}

/** Every VTIMEZONE sub-component as its unfolded property lines. */
function observances(ics: string, tzid: string): { kind: string; props: Record<string, string> }[] {
  const block = new RegExp(`BEGIN:VTIMEZONE\\r\\nTZID:${tzid}\\r\\n([\\s\\S]*?)END:VTIMEZONE`).exec(ics);
  expect(block).not.toBeNull();
  return [...block![1].matchAll(/BEGIN:(STANDARD|DAYLIGHT)\r\n([\s\S]*?)END:\1/g)].map(([, kind, body]) => ({
    kind,
    props: Object.fromEntries(
      body
        .trim()
        .split('\r\n')
        .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]),
    ),
  }));
}

describe('buildMeetingCalendar', () => {
  describe('DTSTART/DTEND resolve through the embedded VTIMEZONE to the given instants', () => {
    it.each([
      // Almaty kept UTC+6 until 1 March 2024, UTC+5 since.
      [
        'Asia/Almaty 2019 (UTC+6)',
        'Asia/Almaty',
        '2019-11-12T04:00:00Z',
        '2019-11-12T11:30:00Z',
        '20191112T100000',
        '20191112T173000',
      ],
      [
        'Asia/Almaty 2025 (UTC+5)',
        'Asia/Almaty',
        '2025-03-05T05:00:00Z',
        '2025-03-05T08:00:00Z',
        '20250305T100000',
        '20250305T130000',
      ],
      [
        'Asia/Bishkek (UTC+6)',
        'Asia/Bishkek',
        '2025-06-17T03:00:00Z',
        '2025-06-17T09:00:00Z',
        '20250617T090000',
        '20250617T150000',
      ],
      [
        'Asia/Tashkent (UTC+5)',
        'Asia/Tashkent',
        '2025-06-17T04:00:00Z',
        '2025-06-17T06:00:00Z',
        '20250617T090000',
        '20250617T110000',
      ],
      [
        'Europe/Brussels in summer (CEST)',
        'Europe/Brussels',
        '2025-07-01T07:30:00Z',
        '2025-07-01T15:00:00Z',
        '20250701T093000',
        '20250701T170000',
      ],
      [
        'Europe/Brussels in winter (CET)',
        'Europe/Brussels',
        '2025-01-21T08:30:00Z',
        '2025-01-21T16:00:00Z',
        '20250121T093000',
        '20250121T170000',
      ],
      // Starts in winter time, ends in summer time: each end is resolved on its own.
      [
        'Europe/Brussels across the spring change',
        'Europe/Brussels',
        '2025-03-29T23:00:00Z',
        '2025-03-30T06:00:00Z',
        '20250330T000000',
        '20250330T080000',
      ],
    ])('%s', (_label, timeZone, startsAt, endsAt, wallStart, wallEnd) => {
      const ics = buildMeetingCalendar(
        'REQUEST',
        meeting({ timeZone, startsAt: new Date(startsAt), endsAt: new Date(endsAt) }),
        ATTENDEES,
        NOW,
      );

      const lines = unfoldedLines(ics);
      expect(lines).toContain(`DTSTART;TZID=${timeZone}:${wallStart}`);
      expect(lines).toContain(`DTEND;TZID=${timeZone}:${wallEnd}`);

      // The parser knows no zone of its own, so the TZID can only be resolved from the file.
      expect(ICAL.TimezoneService.has(timeZone)).toBe(false);
      const event = onlyEvent(ics);
      for (const [name, expected] of [
        ['dtstart', startsAt],
        ['dtend', endsAt],
      ]) {
        const time = timeOf(event, name);
        expect(time.zone?.tzid).toBe(timeZone);
        expect(time.toJSDate().toISOString()).toBe(new Date(expected).toISOString());
      }

      // Guard against a vacuous pass: without the VTIMEZONE the same value is floating time.
      const stripped = timeOf(onlyEvent(withoutTimezones(ics)), 'dtstart');
      expect(stripped.zone).not.toBe(timeOf(event, 'dtstart').zone);
      expect(stripped.zone?.tzid).not.toBe(timeZone);
    });
  });

  describe('VTIMEZONE', () => {
    it('has a single STANDARD with equal offsets for a zone without DST (Bishkek)', () => {
      const ics = buildMeetingCalendar('REQUEST', meeting({ timeZone: 'Asia/Bishkek' }), ATTENDEES, NOW);
      expect(observances(ics, 'Asia/Bishkek')).toEqual([
        { kind: 'STANDARD', props: { DTSTART: '20240101T000000', TZOFFSETFROM: '+0600', TZOFFSETTO: '+0600' } },
      ]);
    });

    it('gives Almaty +06 for a 2019 meeting', () => {
      const ics = buildMeetingCalendar(
        'REQUEST',
        meeting({ startsAt: new Date('2019-05-01T04:00:00Z'), endsAt: new Date('2019-05-01T06:00:00Z') }),
        [],
        NOW,
      );
      expect(observances(ics, 'Asia/Almaty')).toEqual([
        { kind: 'STANDARD', props: { DTSTART: '20180101T000000', TZOFFSETFROM: '+0600', TZOFFSETTO: '+0600' } },
      ]);
    });

    it("records Almaty's move from +06 to +05 at midnight on 1 March 2024 as a change of standard time", () => {
      const ics = buildMeetingCalendar('REQUEST', meeting(), ATTENDEES, NOW);
      expect(observances(ics, 'Asia/Almaty')).toEqual([
        { kind: 'STANDARD', props: { DTSTART: '20240101T000000', TZOFFSETFROM: '+0600', TZOFFSETTO: '+0600' } },
        { kind: 'STANDARD', props: { DTSTART: '20240301T000000', TZOFFSETFROM: '+0600', TZOFFSETTO: '+0500' } },
      ]);
    });

    it('describes the EU rule for Brussels as yearly STANDARD and DAYLIGHT rules in force before the window', () => {
      const ics = buildMeetingCalendar('REQUEST', meeting({ timeZone: 'Europe/Brussels' }), ATTENDEES, NOW);
      expect(observances(ics, 'Europe/Brussels')).toEqual([
        {
          kind: 'STANDARD',
          props: {
            DTSTART: '20231029T030000',
            RRULE: 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
            TZOFFSETFROM: '+0200',
            TZOFFSETTO: '+0100',
          },
        },
        {
          kind: 'DAYLIGHT',
          props: {
            DTSTART: '20240331T020000',
            RRULE: 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
            TZOFFSETFROM: '+0100',
            TZOFFSETTO: '+0200',
          },
        },
      ]);
    });

    it('closes a yearly rule with UNTIL when DST is abolished (São Paulo, 2019)', () => {
      const ics = buildMeetingCalendar(
        'REQUEST',
        meeting({
          timeZone: 'America/Sao_Paulo',
          startsAt: new Date('2019-06-01T12:00:00Z'),
          endsAt: new Date('2019-06-01T14:00:00Z'),
        }),
        [],
        NOW,
      );
      const rules = observances(ics, 'America/Sao_Paulo').map((o) => o.props.RRULE ?? '');
      expect(rules.filter((rule) => rule.includes('UNTIL=')).length).toBeGreaterThan(0);
      expect(rules.every((rule) => rule === '' || rule.includes('UNTIL='))).toBe(true);
    });

    // Each zone over the whole window its VTIMEZONE must cover (the year before the meeting's to
    // the year after): the parser's offset from the embedded VTIMEZONE must equal the tz
    // database's every 3 hours, and every 15 minutes around each change. Includes nth-weekday
    // rules, southern-hemisphere DST, abolished DST and Morocco's Ramadan changes.
    it.each([
      ['Asia/Almaty', '2019-06-01T00:00:00Z'],
      ['Asia/Almaty', '2024-02-29T12:00:00Z'],
      ['Asia/Almaty', '2025-06-01T00:00:00Z'],
      ['Asia/Bishkek', '2025-06-01T00:00:00Z'],
      ['Asia/Tashkent', '2025-06-01T00:00:00Z'],
      ['Europe/Brussels', '2025-06-01T00:00:00Z'],
      ['America/New_York', '2025-06-01T00:00:00Z'],
      ['Australia/Sydney', '2025-06-01T00:00:00Z'],
      ['America/Sao_Paulo', '2019-06-01T00:00:00Z'],
      ['Asia/Tehran', '2022-06-01T00:00:00Z'],
      ['Europe/Moscow', '2011-06-01T00:00:00Z'],
      ['Africa/Casablanca', '2025-06-01T00:00:00Z'],
    ])('%s around %s agrees with the tz database', (timeZone, at) => {
      const startsAt = new Date(at);
      const ics = buildMeetingCalendar(
        'PUBLISH',
        meeting({ timeZone, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) }),
        [],
        NOW,
      );
      const zone = timeOf(onlyEvent(ics), 'dtstart').zone;
      expect(zone.tzid).toBe(timeZone);

      const tz = IANAZone.create(timeZone);
      const mismatches: string[] = [];
      const check = (t: number) => {
        const offset = tz.offset(t);
        const after = tz.offset(t + 86_400_000);
        // ical.js reads a repeated wall time as its second pass, so the first pass is not testable.
        if (after < offset && tz.offset(t + (offset - after) * 60_000) === after) return;
        const wall = new Date(t + offset * 60_000);
        const time = ICAL.Time.fromData(
          {
            year: wall.getUTCFullYear(),
            month: wall.getUTCMonth() + 1,
            day: wall.getUTCDate(),
            hour: wall.getUTCHours(),
            minute: wall.getUTCMinutes(),
            second: wall.getUTCSeconds(),
          },
          zone,
        );
        if (time.toUnixTime() * 1000 !== t)
          mismatches.push(`${new Date(t).toISOString()} read as ${new Date(time.toUnixTime() * 1000).toISOString()}`);
      };

      const local = DateTime.fromJSDate(startsAt, { zone: timeZone });
      const from = local.startOf('year').minus({ years: 1 }).toMillis();
      const to = local.startOf('year').plus({ years: 2 }).toMillis();
      const step = 3 * 3_600_000;
      let changes = 0;
      for (let t = from; t < to; t += step) {
        check(t);
        if (tz.offset(t) !== tz.offset(t + step)) {
          changes += 1;
          for (let u = t - 86_400_000; u < t + step + 86_400_000; u += 900_000) check(u);
        }
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
      if (timeZone === 'Europe/Brussels') expect(changes).toBe(6); // the dense checks did run
    });

    it('generates one VTIMEZONE per TZID that the events use', () => {
      const ics = buildMeetingCalendar('REQUEST', meeting({ timeZone: 'Europe/Brussels' }), ATTENDEES, NOW);
      const tzids = [
        ...unfoldedLines(ics)
          .join('\n')
          .matchAll(/^TZID:(.*)$/gm),
      ].map((m) => m[1]);
      expect(tzids).toEqual(['Europe/Brussels']);
    });
  });

  describe('an hour repeated when clocks go back', () => {
    it.each([
      // 02:30 in Brussels on 26 October 2025 happened at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
      ['Europe/Brussels', '2025-10-26T00:30:00Z'],
      ['Europe/Brussels', '2025-10-26T01:30:00Z'],
      // 23:30 in Almaty on 29 February 2024 happened at +06 and again at +05.
      ['Asia/Almaty', '2024-02-29T17:30:00Z'],
      ['Asia/Almaty', '2024-02-29T18:30:00Z'],
    ])('is written unambiguously in UTC (%s, %s)', (timeZone, startsAt) => {
      const start = new Date(startsAt);
      const ics = buildMeetingCalendar(
        'REQUEST',
        meeting({ timeZone, startsAt: start, endsAt: new Date(start.getTime() + 7_200_000) }),
        [],
        NOW,
      );
      expect(unfoldedLines(ics)).toContain(`DTSTART:${startsAt.replace(/[-:]/g, '')}`);
      expect(timeOf(onlyEvent(ics), 'dtstart').toJSDate().toISOString()).toBe(start.toISOString());
      expect(timeOf(onlyEvent(ics), 'dtend').toJSDate().toISOString()).toBe(
        new Date(start.getTime() + 7_200_000).toISOString(),
      );
    });

    it('does not affect the hour after the spring change', () => {
      const start = new Date('2025-03-30T01:30:00Z'); // 03:30 CEST, just after 02:00 became 03:00
      const ics = buildMeetingCalendar(
        'REQUEST',
        meeting({ timeZone: 'Europe/Brussels', startsAt: start, endsAt: new Date('2025-03-30T02:00:00Z') }),
        [],
        NOW,
      );
      expect(unfoldedLines(ics)).toContain('DTSTART;TZID=Europe/Brussels:20250330T033000');
      expect(timeOf(onlyEvent(ics), 'dtstart').toJSDate().toISOString()).toBe(start.toISOString());
    });
  });

  it('writes the iTIP REQUEST header and the event properties', () => {
    const ics = buildMeetingCalendar(
      'REQUEST',
      meeting({ sequence: 3, lastModified: new Date('2025-01-09T08:00:00.750Z'), status: 'TENTATIVE' }),
      ATTENDEES,
      NOW,
    );
    expect(physicalLines(ics).slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'PRODID:-//WECOOP//wg-secretariat//EN',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:REQUEST',
    ]);

    const calendar = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = onlyEvent(ics);
    expect(event.getFirstPropertyValue('uid')).toBe('5f0c1e2a-7d7b-4c53-9b1e-1f7f0d2b9a10@wgecc.example');
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect(event.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(event.getFirstPropertyValue('summary')).toBe(KAZAKH_TITLE);
    expect(event.getFirstPropertyValue('description')).toBe('Agenda: adoption of the work plan');
    expect(event.getFirstPropertyValue('location')).toBe('Astana, Ministry of Ecology');
    expect(event.getFirstPropertyValue('url')).toBe('https://wgecc.example/meetings/9');
    expect(event.getFirstPropertyValue('transp')).toBe('OPAQUE');
    expect(timeOf(event, 'dtstamp').toJSDate().toISOString()).toBe('2025-01-10T12:34:56.000Z');
    expect(timeOf(event, 'dtstamp').zone?.tzid).toBe('UTC');
    expect(timeOf(event, 'last-modified').toJSDate().toISOString()).toBe('2025-01-09T08:00:00.000Z');

    const organizer = event.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:secretariat@wgecc.example');
    expect(organizer.getParameter('cn')).toBe('WGECC Secretariat');
  });

  it('leaves out DESCRIPTION, LOCATION, URL and LAST-MODIFIED when there are none', () => {
    const ics = buildMeetingCalendar(
      'REQUEST',
      meeting({ description: null, location: null, url: undefined }),
      [],
      NOW,
    );
    const names = unfoldedLines(ics).map((line) => line.split(/[;:]/, 1)[0]);
    expect(names).not.toContain('LOCATION');
    expect(names).not.toContain('URL');
    expect(names).not.toContain('LAST-MODIFIED');
    expect(names.filter((name) => name === 'DESCRIPTION')).toHaveLength(1); // the alarm's
  });

  it('writes one ATTENDEE per attendee with role, PARTSTAT, RSVP, CN and DELEGATED-TO', () => {
    const ics = buildMeetingCalendar('REQUEST', meeting(), ATTENDEES, NOW);
    const attendees = onlyEvent(ics)
      .getAllProperties('attendee')
      .map((p) => ({
        value: p.getFirstValue(),
        role: p.getParameter('role'),
        partstat: p.getParameter('partstat'),
        rsvp: p.getParameter('rsvp'),
        cn: p.getParameter('cn'),
        delegatedTo: p.getParameter('delegated-to'),
      }));
    expect(attendees).toEqual([
      {
        value: 'mailto:john.doe@example.eu',
        role: 'REQ-PARTICIPANT',
        partstat: 'NEEDS-ACTION',
        rsvp: 'TRUE',
        cn: 'Doe, John',
        delegatedTo: undefined,
      },
      {
        value: 'mailto:aigerim@example.kz',
        role: 'REQ-PARTICIPANT',
        partstat: 'ACCEPTED',
        rsvp: 'FALSE',
        cn: 'Айгерим Нурланова',
        delegatedTo: undefined,
      },
      {
        value: 'mailto:bakyt@example.kg',
        role: 'REQ-PARTICIPANT',
        partstat: 'TENTATIVE',
        rsvp: 'TRUE',
        cn: 'Bakyt Asanov',
        delegatedTo: undefined,
      },
      {
        value: 'mailto:jana@example.eu',
        role: 'REQ-PARTICIPANT',
        partstat: 'DECLINED',
        rsvp: 'FALSE',
        cn: 'Jana Novak',
        delegatedTo: undefined,
      },
      {
        value: 'mailto:timur@example.uz',
        role: 'REQ-PARTICIPANT',
        partstat: 'DELEGATED',
        rsvp: 'FALSE',
        cn: 'Timur Karimov',
        delegatedTo: 'mailto:deputy@example.uz',
      },
    ]);
    expect(unfoldedLines(ics)).toContain(
      'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Doe, John":mailto:john.doe@example.eu',
    );
  });

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED, the same UID and the given SEQUENCE', () => {
    const invitation = onlyEvent(buildMeetingCalendar('REQUEST', meeting({ sequence: 1 }), ATTENDEES, NOW));
    const ics = buildMeetingCalendar('CANCEL', meeting({ sequence: 2, status: 'CONFIRMED' }), ATTENDEES, NOW);

    expect(parse(ics).getFirstPropertyValue('method')).toBe('CANCEL');
    const event = onlyEvent(ics);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('uid')).toBe(invitation.getFirstPropertyValue('uid'));
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(event.getAllProperties('attendee').map((p) => p.getParameter('rsvp'))).toEqual(ATTENDEES.map(() => 'FALSE'));
    expect(event.getAllSubcomponents('valarm')).toHaveLength(0);
  });

  it('names the online meeting in CONFERENCE (RFC 7986) when there is one, and only then', () => {
    const online = 'https://meet.example.org/wgecc-9?pwd=a;b,c';
    const event = onlyEvent(buildMeetingCalendar('REQUEST', meeting({ conferenceUrl: online }), ATTENDEES, NOW));
    const conference = event.getFirstProperty('conference')!;
    expect(conference.getFirstValue()).toBe(online);
    expect(conference.getParameter('feature')).toBe('VIDEO');
    expect(
      onlyEvent(buildMeetingCalendar('REQUEST', meeting(), ATTENDEES, NOW)).getFirstProperty('conference'),
    ).toBeNull();
  });

  describe('VALARM', () => {
    it.each([
      [undefined, -3600],
      [15, -900],
      [0, 0],
    ])('with alarmMinutesBefore=%s triggers %i seconds before the start', (alarmMinutesBefore, seconds) => {
      const ics = buildMeetingCalendar('REQUEST', meeting({ alarmMinutesBefore }), [], NOW);
      const alarms = onlyEvent(ics).getAllSubcomponents('valarm');
      expect(alarms).toHaveLength(1);
      expect(alarms[0].getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(alarms[0].getFirstPropertyValue('description')).toBe(KAZAKH_TITLE);
      const trigger = alarms[0].getFirstPropertyValue('trigger') as InstanceType<typeof ICAL.Duration>;
      expect(trigger.toSeconds()).toBe(seconds);
    });

    it('is left out when alarmMinutesBefore is null', () => {
      const ics = buildMeetingCalendar('REQUEST', meeting({ alarmMinutesBefore: null }), [], NOW);
      expect(onlyEvent(ics).getAllSubcomponents('valarm')).toHaveLength(0);
      expect(ics).not.toContain('VALARM');
    });
  });

  describe('text', () => {
    const longDescription = [
      'Повестка дня: 1. Утверждение плана работы РГОСИК на 2025–2026 годы; 2. Доклады стран, ',
      'Күн тәртібі: Қазақстан, Қырғызстан, Тәжікстан, Түрікменстан және Өзбекстан өкілдерінің баяндамалары 🌍🌱',
      'C:\\shared\\wgecc; see folder, then reply',
    ].join('\n');

    it('folds at 75 octets without splitting a character and round-trips Cyrillic and Kazakh exactly', () => {
      const ics = buildMeetingCalendar(
        'REQUEST',
        meeting({ description: longDescription, location: 'Бишкек, Кыргызстан — Ала-Тоо' }),
        ATTENDEES,
        NOW,
      );
      const lines = physicalLines(ics);
      expect(lines.some((line) => line.startsWith(' '))).toBe(true);
      for (const line of lines) {
        expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no surrogate pair cut in two
      }
      const event = onlyEvent(ics);
      expect(event.getFirstPropertyValue('summary')).toBe(KAZAKH_TITLE);
      expect(event.getFirstPropertyValue('description')).toBe(longDescription);
      expect(event.getFirstPropertyValue('location')).toBe('Бишкек, Кыргызстан — Ала-Тоо');
    });

    it('escapes backslashes, semicolons, commas and newlines', () => {
      const description = 'a;b,c\\d\ne\r\nf\rg';
      const ics = buildMeetingCalendar('REQUEST', meeting({ title: 'Plan; budget, \\ draft', description }), [], NOW);
      expect(unfoldedLines(ics)).toContain('DESCRIPTION:a\\;b\\,c\\\\d\\ne\\nf\\ng');
      const event = onlyEvent(ics);
      expect(event.getFirstPropertyValue('summary')).toBe('Plan; budget, \\ draft');
      expect(event.getFirstPropertyValue('description')).toBe('a;b,c\\d\ne\nf\ng');
    });

    it("keeps the attendee's address when their name holds a backslash before a colon (found by the property below)", () => {
      const attendee: CalendarAttendee = { name: 'Ali \\: Vali\\', email: 'member@example.kz', partstat: 'ACCEPTED' };
      const ics = buildMeetingCalendar('REQUEST', meeting(), [attendee], NOW);
      const [property] = onlyEvent(ics).getAllProperties('attendee');
      expect(property.getFirstValue()).toBe('mailto:member@example.kz');
      expect(property.getParameter('cn')).toBe('Ali /: Vali/');
    });

    it('round-trips any text up to line-break normalisation, keeps lines within 75 octets and names on one property', () => {
      // eslint-disable-next-line no-control-regex -- what the calendar removes, removed here too
      const normalise = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
      // Mostly the characters that need care (escapes, line breaks, multi-byte), then anything.
      const unit = fc.oneof(
        fc.constantFrom('\\', ';', ',', ':', '"', '\n', '\r\n', '\r', '\t', ' ', 'я', 'Ұ', '—', '🌍'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      );
      const textArb = fc.string({ unit, minLength: 1, maxLength: 120 });
      fc.assert(
        fc.property(textArb, textArb, (title, description) => {
          const attendee: CalendarAttendee = { name: description, email: 'member@example.kz', partstat: 'ACCEPTED' };
          const ics = buildMeetingCalendar('REQUEST', meeting({ title, description }), [attendee], NOW);
          for (const line of physicalLines(ics)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
          const event = onlyEvent(ics);
          expect(event.getFirstPropertyValue('summary')).toBe(normalise(title));
          expect(event.getFirstPropertyValue('description')).toBe(normalise(description));
          const attendees = event.getAllProperties('attendee');
          expect(attendees).toHaveLength(1);
          expect(attendees[0].getFirstValue()).toBe('mailto:member@example.kz');
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('header injection', () => {
    const evil: CalendarAttendee = {
      name: 'Mallory\r\nBcc: x@evil',
      email: 'mallory@example.org\r\nBcc: y@evil',
      partstat: 'DELEGATED',
      delegatedTo: 'proxy@example.org\nX-EVIL:1',
    };

    it('cannot add a property line through a name or an email', () => {
      const ics = buildMeetingCalendar(
        'REQUEST',
        meeting({ organizer: { name: 'Sec\nretariat\r\nBcc: z@evil', email: 'sec@wgecc.example\r\n' } }),
        [evil],
        NOW,
      );
      for (const line of physicalLines(ics)) {
        expect(line).not.toMatch(/^(Bcc|X-EVIL)/i);
        expect(line).toMatch(/^([A-Z][A-Z0-9-]*[;:]| )/);
      }
      const event = onlyEvent(ics);
      const names = event.getAllProperties().map((p) => p.name);
      expect(names.filter((n) => n === 'attendee')).toHaveLength(1);
      expect(names).not.toContain('bcc');
      expect(names).not.toContain('x-evil');

      const attendee = event.getFirstProperty('attendee')!;
      expect(attendee.getParameter('cn')).toBe('Mallory Bcc: x@evil');
      expect(attendee.getFirstValue()).not.toMatch(/[\r\n ]/);
      expect(attendee.getParameter('delegated-to')).not.toMatch(/[\r\n]/);
      expect(event.getFirstProperty('organizer')!.getParameter('cn')).toBe('Sec retariat Bcc: z@evil');
    });

    it('quotes parameter values with : ; , and replaces double quotes', () => {
      const ics = buildMeetingCalendar(
        'REQUEST',
        meeting(),
        [{ name: 'Dr. "JJ" Doe; Head: Unit, EU', email: 'jj@example.eu', partstat: 'ACCEPTED' }],
        NOW,
      );
      expect(unfoldedLines(ics)).toContain(
        `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE;CN="Dr. 'JJ' Doe; Head: Unit, EU":mailto:jj@example.eu`,
      );
      expect(onlyEvent(ics).getFirstProperty('attendee')!.getParameter('cn')).toBe("Dr. 'JJ' Doe; Head: Unit, EU");
    });
  });

  it('ends every line with CRLF and balances BEGIN/END', () => {
    const ics = buildMeetingCalendar('REQUEST', meeting({ description: 'x\ny' }), ATTENDEES, NOW);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(ics).not.toMatch(/\r(?!\n)/);
    const stack: string[] = [];
    for (const line of unfoldedLines(ics)) {
      const [, keyword, name] = /^(BEGIN|END):(.*)$/.exec(line) ?? [];
      if (keyword === 'BEGIN') stack.push(name);
      if (keyword === 'END') expect(stack.pop()).toBe(name);
    }
    expect(stack).toEqual([]);
    expect(unfoldedLines(ics).at(-1)).toBe('END:VCALENDAR');
  });

  it.each<[string, Partial<CalendarMeeting>]>([
    ['an unknown time zone', { timeZone: 'Asia/Nowhere' }],
    ['an end before the start', { endsAt: new Date('2025-03-05T04:00:00Z') }],
    ['an end equal to the start', { endsAt: new Date('2025-03-05T05:00:00Z') }],
    ['an invalid date', { startsAt: new Date('not a date') }],
    ['a negative sequence', { sequence: -1 }],
    ['a fractional alarm', { alarmMinutesBefore: 1.5 }],
    ['an empty UID', { uid: '' }],
  ])('rejects %s', (_label, overrides) => {
    expect(() => buildMeetingCalendar('REQUEST', meeting(overrides), [], NOW)).toThrow(RangeError);
  });
});

describe('buildCalendarFeed', () => {
  const deadlines: CalendarDeadline[] = [
    {
      uid: 'deadline-1@wgecc.example',
      title: 'Comments on the draft work plan',
      start: '2025-03-15',
      end: '2025-03-15',
      url: 'https://wgecc.example/work-plan',
    },
    {
      uid: 'deadline-2@wgecc.example',
      title: 'National reports',
      description: 'Отчёты стран',
      start: '2025-02-24',
      end: '2025-03-07',
    },
  ];
  const meetings = [
    meeting({
      uid: 'm-2019@wgecc.example',
      startsAt: new Date('2019-11-12T04:00:00Z'),
      endsAt: new Date('2019-11-12T11:00:00Z'),
    }),
    meeting({ uid: 'm-2025@wgecc.example' }),
    meeting({
      uid: 'm-brussels@wgecc.example',
      timeZone: 'Europe/Brussels',
      startsAt: new Date('2025-07-01T07:30:00Z'),
      endsAt: new Date('2025-07-01T15:00:00Z'),
    }),
    meeting({ uid: 'm-cancelled@wgecc.example', status: 'CANCELLED', sequence: 4 }),
  ];

  it('is a PUBLISH calendar with a name and a refresh interval', () => {
    const ics = buildCalendarFeed('WGECC — Айгерим Нурланова', meetings, deadlines, NOW);
    const calendar = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//WECOOP//wg-secretariat//EN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('WGECC — Айгерим Нурланова');
    const lines = unfoldedLines(ics);
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(lines).toContain('X-PUBLISHED-TTL:PT1H');
  });

  it('puts meetings of all zones and years at their instants, with one VTIMEZONE per TZID', () => {
    const ics = buildCalendarFeed('Feed', meetings, deadlines, NOW);
    const calendar = parse(ics);
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([
      'Asia/Almaty',
      'Europe/Brussels',
    ]);

    const events = new Map(calendar.getAllSubcomponents('vevent').map((e) => [e.getFirstPropertyValue('uid'), e]));
    expect(events.size).toBe(meetings.length + deadlines.length);
    for (const m of meetings) {
      const event = events.get(m.uid)!;
      expect(timeOf(event, 'dtstart').zone?.tzid).toBe(m.timeZone);
      expect(timeOf(event, 'dtstart').toJSDate().toISOString()).toBe(m.startsAt.toISOString());
      expect(timeOf(event, 'dtend').toJSDate().toISOString()).toBe(m.endsAt.toISOString());
      expect(event.getAllProperties('attendee')).toHaveLength(0);
    }
    expect(events.get('m-cancelled@wgecc.example')!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events.get('m-cancelled@wgecc.example')!.getAllSubcomponents('valarm')).toHaveLength(0);
    expect(events.get('m-2025@wgecc.example')!.getAllSubcomponents('valarm')).toHaveLength(1);
  });

  it.each([
    ['a single day', '2025-03-15', '2025-03-15', '2025-03-16'],
    ['several days', '2025-02-24', '2025-03-07', '2025-03-08'],
    ['the end of a leap February', '2024-02-28', '2024-02-29', '2024-03-01'],
    ['the end of the year', '2024-12-30', '2024-12-31', '2025-01-01'],
  ])('writes an all-day deadline over %s with an exclusive DTEND', (_label, start, end, exclusiveEnd) => {
    const deadline: CalendarDeadline = { uid: 'd@wgecc.example', title: 'Deadline', start, end };
    const ics = buildCalendarFeed('Feed', [], [deadline], NOW);
    const lines = unfoldedLines(ics);
    expect(lines).toContain(`DTSTART;VALUE=DATE:${start.replace(/-/g, '')}`);
    expect(lines).toContain(`DTEND;VALUE=DATE:${exclusiveEnd.replace(/-/g, '')}`);

    const event = onlyEvent(ics);
    const dtstart = timeOf(event, 'dtstart');
    const dtend = timeOf(event, 'dtend');
    expect(dtstart.isDate).toBe(true);
    expect(dtend.isDate).toBe(true);
    expect(dtstart.toString()).toBe(start);
    expect(dtend.toString()).toBe(exclusiveEnd);
    expect(event.getAllSubcomponents('valarm')).toHaveLength(0);
    expect(event.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(ics).not.toContain('VTIMEZONE');
  });

  it('keeps deadline text and URL', () => {
    const event = parse(buildCalendarFeed('Feed', [], deadlines, NOW)).getAllSubcomponents('vevent')[1];
    expect(event.getFirstPropertyValue('summary')).toBe('National reports');
    expect(event.getFirstPropertyValue('description')).toBe('Отчёты стран');
    const first = parse(buildCalendarFeed('Feed', [], deadlines, NOW)).getAllSubcomponents('vevent')[0];
    expect(first.getFirstPropertyValue('url')).toBe('https://wgecc.example/work-plan');
  });

  it.each([
    ['an impossible date', '2025-02-30', '2025-03-01'],
    ['a date in another format', '15.03.2025', '2025-03-16'],
    ['an end before the start', '2025-03-15', '2025-03-14'],
  ])('rejects %s', (_label, start, end) => {
    expect(() => buildCalendarFeed('Feed', [], [{ uid: 'd', title: 'D', start, end }], NOW)).toThrow(RangeError);
  });

  it('ends every line with CRLF, keeps lines within 75 octets and balances BEGIN/END', () => {
    const ics = buildCalendarFeed('Feed', meetings, deadlines, NOW);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(ics).not.toMatch(/\r(?!\n)/);
    for (const line of physicalLines(ics)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const keywords = unfoldedLines(ics).filter((l) => /^(BEGIN|END):/.test(l));
    const stack: string[] = [];
    for (const line of keywords) {
      const [keyword, name] = line.split(':');
      if (keyword === 'BEGIN') stack.push(name);
      else expect(stack.pop()).toBe(name);
    }
    expect(stack).toEqual([]);
  });
});
