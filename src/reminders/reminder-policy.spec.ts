import {
  calendarDaysBetween,
  daysAfter,
  digestSlotOn,
  isDayLevel,
  nextDigestSlot,
  parseOffset,
  reminderMoment,
  reminderMomentIn,
} from './reminder-policy';

describe('reminder offsets', () => {
  it('reads ISO 8601 durations and refuses the rest', () => {
    for (const ok of ['P14D', 'P3D', 'P0D', 'PT2H', 'PT1M', 'P1W', 'P1DT12H', 'PT30S'])
      expect(parseOffset(ok)).not.toBeNull();
    for (const bad of ['', 'P', 'PT', '14D', 'P-1D', 'P1Y', 'P1M', 'P400D', 'p14d', 'P1.5D', 'PT2H ', 'DROP'])
      expect(parseOffset(bad)).toBeNull();
    expect(isDayLevel(parseOffset('P7D')!)).toBe(true);
    expect(isDayLevel(parseOffset('P1W')!)).toBe(true);
    expect(isDayLevel(parseOffset('PT2H')!)).toBe(false);
    expect(isDayLevel(parseOffset('P1DT1H')!)).toBe(false);
  });

  it('sends day-level reminders at 09:00 in the reader zone, whatever the meeting time', () => {
    const meeting = new Date('2030-12-03T09:00:00Z'); // 10:00 in Brussels, 15:00 in Bishkek
    expect(reminderMoment(meeting, 'P7D', 'Asia/Bishkek').toISOString()).toBe('2030-11-26T03:00:00.000Z');
    expect(reminderMoment(meeting, 'P1D', 'Europe/Brussels').toISOString()).toBe('2030-12-02T08:00:00.000Z');
    expect(reminderMoment(meeting, 'P1D', 'Asia/Almaty').toISOString()).toBe('2030-12-02T04:00:00.000Z');
    // A meeting at 01:00 in Almaty is on the previous day in Brussels: the day counts where the reader is.
    const early = new Date('2030-12-02T20:00:00Z');
    expect(reminderMoment(early, 'P1D', 'Asia/Almaty').toISOString()).toBe('2030-12-02T04:00:00.000Z');
    expect(reminderMoment(early, 'P1D', 'Europe/Brussels').toISOString()).toBe('2030-12-01T08:00:00.000Z');
  });

  it('sends sub-day offsets exactly that long before', () => {
    const meeting = new Date('2030-12-03T09:00:00Z');
    expect(reminderMoment(meeting, 'PT2H', 'Asia/Almaty').toISOString()).toBe('2030-12-03T07:00:00.000Z');
    expect(reminderMoment(meeting, 'PT1M', 'Asia/Almaty').toISOString()).toBe('2030-12-03T08:59:00.000Z');
  });

  it('keeps 09:00 across a change to summer time', () => {
    const due = new Date('2031-04-02T21:59:59.999Z'); // end of 2 April in Brussels (CEST)
    expect(reminderMoment(due, 'P7D', 'Europe/Brussels').toISOString()).toBe('2031-03-26T08:00:00.000Z'); // CET
    expect(reminderMoment(due, 'P0D', 'Europe/Brussels').toISOString()).toBe('2031-04-02T07:00:00.000Z'); // CEST
  });

  it('counts overdue weeks from the due day', () => {
    const due = new Date('2031-02-28T18:59:59.999Z'); // end of 28 Feb in Almaty
    expect(daysAfter(due, 7, 'Asia/Almaty').toISOString()).toBe('2031-03-07T04:00:00.000Z');
    expect(calendarDaysBetween(new Date('2031-02-21T04:00:00Z'), due, 'Asia/Almaty')).toBe(7);
  });

  it('finds the next daily and weekly digest slots', () => {
    const wednesday = new Date('2031-01-15T10:00:00Z'); // 16:00 in Almaty
    expect(nextDigestSlot(wednesday, 'daily', 'Asia/Almaty').toISOString()).toBe('2031-01-16T04:00:00.000Z');
    expect(nextDigestSlot(new Date('2031-01-15T02:00:00Z'), 'daily', 'Asia/Almaty').toISOString()).toBe(
      '2031-01-15T04:00:00.000Z',
    );
    expect(nextDigestSlot(wednesday, 'weekly', 'Europe/Brussels').toISOString()).toBe('2031-01-20T08:00:00.000Z');
  });

  it('tells where a planned reminder falls in another zone, and that timed ones and poll chases do not depend on it', () => {
    const meeting = new Date('2030-12-03T09:00:00Z');
    expect(reminderMomentIn('meeting-reminder', { offset: 'P7D' }, meeting, 'Europe/Brussels')?.toISOString()).toBe(
      '2030-11-26T08:00:00.000Z',
    );
    expect(reminderMomentIn('meeting-rsvp-chase', { offset: 'P3D' }, meeting, 'Asia/Almaty')?.toISOString()).toBe(
      '2030-11-30T04:00:00.000Z',
    );
    expect(reminderMomentIn('meeting-reminder', { offset: 'PT2H' }, meeting, 'Europe/Brussels')).toBeNull();
    expect(reminderMomentIn('meeting-reminder', { offset: 'P7D' }, null, 'Europe/Brussels')).toBeNull();
    const due = '2031-02-28T18:59:59.999Z';
    expect(
      reminderMomentIn('item-due-today', { dueAt: due, offset: 'P0D' }, null, 'Europe/Brussels')?.toISOString(),
    ).toBe('2031-02-28T08:00:00.000Z');
    expect(reminderMomentIn('item-overdue', { dueAt: due, weeksOverdue: 1 }, null, 'Asia/Almaty')?.toISOString()).toBe(
      '2031-03-07T04:00:00.000Z',
    );
    expect(
      reminderMomentIn('item-escalation', { dueAt: due, weeksOverdue: 2 }, null, 'Europe/Brussels')?.toISOString(),
    ).toBe('2031-03-14T08:00:00.000Z');
    expect(reminderMomentIn('poll-chase', {}, meeting, 'Europe/Brussels')).toBeNull();
    expect(digestSlotOn('2031-01-20', 'Europe/Brussels').toISOString()).toBe('2031-01-20T08:00:00.000Z');
  });
});
