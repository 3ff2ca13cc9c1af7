import fc from 'fast-check';
import { deadlineDueAt } from './deadline-due';
import { parseDeadline } from './deadline-parser';
import { ParsedDeadline } from './deadline.types';

const dueAt = (text: string, zone: string) => deadlineDueAt(parseDeadline(text), zone)?.toISOString() ?? null;

describe('deadlineDueAt', () => {
  it.each([
    // Almaty kept UTC+6 until 1 March 2024 and has been UTC+5 since (tz database 2024b).
    ['Февраль 2019', 'Asia/Almaty', '2019-02-28T17:59:59.999Z'],
    ['Февраль 2025', 'Asia/Almaty', '2025-02-28T18:59:59.999Z'],
    ['Июль 2025', 'Asia/Almaty', '2025-07-31T18:59:59.999Z'],
    ['Февраль 2019', 'Asia/Tashkent', '2019-02-28T18:59:59.999Z'],
    ['Февраль 2019', 'Asia/Bishkek', '2019-02-28T17:59:59.999Z'],
    ['Июль 2019', 'Asia/Bishkek', '2019-07-31T17:59:59.999Z'],
    // Brussels: CET (UTC+1) in winter, CEST (UTC+2) in summer.
    ['Февраль 2019', 'Europe/Brussels', '2019-02-28T22:59:59.999Z'],
    ['Июль 2019', 'Europe/Brussels', '2019-07-31T21:59:59.999Z'],
    ['31.03.2019', 'Europe/Brussels', '2019-03-31T21:59:59.999Z'], // the day summer time starts
    ['27.10.2019', 'Europe/Brussels', '2019-10-27T22:59:59.999Z'], // the day it ends
    ['15 June 2019', 'UTC', '2019-06-15T23:59:59.999Z'],
  ])('"%s" in %s is due at %s', (text, zone, expected) => {
    expect(dueAt(text, zone)).toBe(expected);
  });

  it('takes the end of the last day when clocks go back at midnight (Almaty, 29 February 2024)', () => {
    // 23:00–23:59 happened twice that night: the day ended at 19:00 UTC, not at 18:00.
    expect(dueAt('29.02.2024', 'Asia/Almaty')).toBe('2024-02-29T18:59:59.999Z');
  });

  it('takes the end of the latest alternative', () => {
    expect(dueAt('Конец ноября или начало декабря 2019 или февраль 2020', 'Asia/Almaty')).toBe(
      '2020-02-29T17:59:59.999Z',
    );
    expect(dueAt('end of November or early December 2019', 'Europe/Brussels')).toBe('2019-12-10T22:59:59.999Z');
  });

  it('takes the latest alternative even when it is not written last', () => {
    expect(dueAt('Июль 2019 или май 2019', 'Asia/Bishkek')).toBe('2019-07-31T17:59:59.999Z');
  });

  it('takes the end of a range', () => {
    expect(dueAt('Декабрь 2018 – Январь 2019', 'Asia/Almaty')).toBe('2019-01-31T17:59:59.999Z');
  });

  it('is due at the end of the window of an on-request item that has one', () => {
    expect(dueAt('Февраль 2019 [по запросу]', 'Asia/Tashkent')).toBe('2019-02-28T18:59:59.999Z');
  });

  it.each(['[по запросу]', 'on request', 'TBD', 'уточняется', '', '   '])('is never due for "%s"', (text) => {
    expect(dueAt(text, 'Asia/Almaty')).toBeNull();
  });

  it('refuses an unknown time zone rather than returning an invalid date', () => {
    expect(() => deadlineDueAt(parseDeadline('Февраль 2019'), 'Asia/Nowhere')).toThrow(RangeError);
  });

  it('works on any ParsedDeadline, not only on what the parser returns', () => {
    const parsed: ParsedDeadline = {
      text: 'hand-made',
      kind: 'alternatives',
      windows: [
        { start: '2019-03-01', end: '2019-03-05' },
        { start: '2019-01-01', end: '2019-01-31' },
      ],
      onRequest: false,
    };
    expect(deadlineDueAt(parsed, 'Europe/Brussels')?.toISOString()).toBe('2019-03-05T22:59:59.999Z');
  });

  it('is always the last millisecond of the latest end date, as the zone counts days', () => {
    const zones = [
      'Asia/Almaty',
      'Asia/Bishkek',
      'Asia/Tashkent',
      'Asia/Dushanbe',
      'Asia/Ashgabat',
      'Europe/Brussels',
      'UTC',
    ];
    const dayMs = 24 * 3600 * 1000;
    const isoDay = fc
      .integer({ min: Date.UTC(2000, 0, 1) / dayMs, max: Date.UTC(2100, 0, 1) / dayMs })
      .map((d) => new Date(d * dayMs).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(isoDay, { minLength: 1, maxLength: 4 }), fc.constantFrom(...zones), (ends, zone) => {
        const parsed: ParsedDeadline = {
          text: 'x',
          kind: 'alternatives',
          windows: ends.map((end) => ({ start: end, end })),
          onRequest: false,
        };
        const due = deadlineDueAt(parsed, zone);
        // Intl (not luxon) tells which day a moment falls on in the zone.
        const dayIn = (ms: number) =>
          new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
          }).format(ms);
        const latest = [...ends].sort().at(-1);
        expect(due).not.toBeNull();
        expect(dayIn(due?.getTime() ?? 0)).toBe(latest);
        expect(dayIn((due?.getTime() ?? 0) + 1)).not.toBe(latest);
      }),
      { numRuns: 500 },
    );
  });
});
