import { calendarMonth, placeEntries, readMonth } from './calendar-month';

describe('calendarMonth', () => {
  it('lays a month out in whole weeks starting on Monday, with the neighbouring months marked outside', () => {
    const month = calendarMonth('2031-11', 'Europe/Brussels', 'en', '2031-11-27');
    expect(month.weeks.every((week) => week.length === 7)).toBe(true);
    // 1 November 2031 is a Saturday: the grid starts on Monday 27 October and ends on Sunday 30 November.
    expect(month.weeks[0][0]).toMatchObject({ date: '2031-10-27', inMonth: false });
    expect(month.weeks[0][5]).toMatchObject({ date: '2031-11-01', day: 1, inMonth: true });
    expect(month.weeks.at(-1)!.at(-1)).toMatchObject({ date: '2031-11-30', inMonth: true });
    expect(
      month.weeks
        .flat()
        .filter((d) => d.today)
        .map((d) => d.date),
    ).toEqual(['2031-11-27']);
    expect(month.weekdays.map((w) => w.short)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect([month.previous, month.next, month.label]).toEqual(['2031-10', '2031-12', 'November 2031']);
    expect([month.from, month.to]).toEqual(['2031-10-26T23:00:00.000Z', '2031-11-30T22:59:59.999Z']);
  });

  it("names the months and days in the reader's language and rolls over the year", () => {
    const month = calendarMonth('2032-01', 'Asia/Almaty', 'ru', '2031-11-27');
    expect(month.weekdays[0].short).toBe('пн');
    expect(month.previous).toBe('2031-12');
    expect(month.label).toContain('2032');
  });

  it("puts a meeting on each day it spans in the reader's zone, its start time on the first", () => {
    const grid = calendarMonth('2031-11', 'Asia/Almaty', 'en', '2031-11-01');
    // 27 Nov 23:30 Brussels is already the 28th in Almaty; ending at midnight it does not take the 30th.
    placeEntries(
      grid,
      [
        {
          id: 'm',
          title: 'Meeting',
          startsAt: '2031-11-27T22:30:00Z',
          endsAt: '2031-11-29T19:00:00Z',
          tentative: true,
        },
      ],
      'Asia/Almaty',
      'en',
    );
    const days = new Map(grid.weeks.flat().map((d) => [d.date, d.entries]));
    expect(days.get('2031-11-27')).toEqual([]);
    expect(days.get('2031-11-28')).toEqual([
      { id: 'm', title: 'Meeting', time: '03:30', tentative: true, option: false },
    ]);
    expect(days.get('2031-11-29')![0].time).toBe('');
    expect(days.get('2031-11-30')).toEqual([]);
  });

  it('reads only real months', () => {
    expect(readMonth('2031-02')).toBe('2031-02');
    for (const wrong of ['2031-13', '2031-2', '31-02', '', undefined, ['2031-02']]) expect(readMonth(wrong)).toBeNull();
  });
});
