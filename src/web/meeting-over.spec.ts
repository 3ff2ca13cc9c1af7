import { meetingIsOver } from './meeting-over';

describe('meetingIsOver', () => {
  const now = new Date('2031-06-12T12:00:00Z');
  const meeting = (status: string, startsAt: string | null, endsAt: string | null = null) =>
    ({ status, startsAt, endsAt }) as Parameters<typeof meetingIsOver>[0];

  it('is over once held, whatever its dates', () => {
    expect(meetingIsOver(meeting('held', '2031-07-01T10:00:00Z'), now)).toBe(true);
  });

  it('is over when a scheduled meeting ended more than half a day ago', () => {
    expect(meetingIsOver(meeting('scheduled', '2031-06-10T08:00:00Z', '2031-06-11T17:00:00Z'), now)).toBe(true);
    expect(meetingIsOver(meeting('scheduled', '2031-06-12T08:00:00Z', '2031-06-12T09:00:00Z'), now)).toBe(false);
    expect(meetingIsOver(meeting('scheduled', '2031-06-11T08:00:00Z'), now)).toBe(true);
  });

  it('is not over while tentative, postponed, or without a date', () => {
    expect(meetingIsOver(meeting('tentative', '2031-06-01T08:00:00Z'), now)).toBe(false);
    expect(meetingIsOver(meeting('postponed', '2031-06-01T08:00:00Z'), now)).toBe(false);
    expect(meetingIsOver(meeting('scheduled', null), now)).toBe(false);
  });
});
