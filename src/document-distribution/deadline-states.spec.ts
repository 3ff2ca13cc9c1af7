import { deadlineBefore, documentDeadlineStates, isBehind } from './deadline-states';
import { distributionRule } from './distribution-rule';

const meeting = { startsAt: new Date('2031-06-20T05:00:00Z'), timeZone: 'Asia/Almaty' }; // 10:00 in Almaty
const rule = distributionRule(null, null);
const at = (iso: string) => new Date(iso);

describe('document deadlines', () => {
  it('ends a deadline at midnight in the meeting zone, N days before its first day', () => {
    expect(deadlineBefore(meeting.startsAt, meeting.timeZone, 14).toISOString()).toBe('2031-06-06T18:59:59.999Z');
    expect(deadlineBefore(meeting.startsAt, 'Europe/Brussels', 7).toISOString()).toBe('2031-06-13T21:59:59.999Z');
    // 01:00 on 20 June in Almaty is 19 June in UTC: the day counts where the meeting is.
    const early = new Date('2031-06-19T20:00:00Z');
    expect(deadlineBefore(early, 'Asia/Almaty', 1).toISOString()).toBe('2031-06-19T18:59:59.999Z');
  });

  it('takes the meeting override, then the body rule, then 14 and 7 days in English and Russian', () => {
    expect(rule).toEqual({ documentsDays: 14, translationsDays: 7, requiredLanguages: ['en', 'ru'] });
    expect(
      distributionRule({ documentsDays: 21, requiredLanguages: ['kk', 'ru', 'en'] }, { translationsDays: 3 }),
    ).toEqual({ documentsDays: 21, translationsDays: 3, requiredLanguages: ['en', 'ru', 'kk'] });
  });

  it('holds the first language to the documents deadline and the others to the translations one', () => {
    const states = documentDeadlineStates(
      meeting,
      rule,
      [
        { language: 'en', availableAt: at('2031-06-06T18:00:00Z') }, // 23:00 on 6 June in Almaty: on time
        { language: 'ru', availableAt: at('2031-06-14T04:00:00Z') }, // 14 June: a day after the translation deadline
      ],
      at('2031-06-15T00:00:00Z'),
    );
    expect(states.map((s) => [s.language, s.deadline, s.state])).toEqual([
      ['en', 'documents', 'on_time'],
      ['ru', 'translations', 'late'],
    ]);
    expect(isBehind(states)).toBe(false);
  });

  it('calls a required language missing once its deadline passed, and due before', () => {
    const versions = [{ language: 'ru' as const, availableAt: at('2031-06-01T00:00:00Z') }];
    const before = documentDeadlineStates(meeting, rule, versions, at('2031-06-13T18:00:00Z'));
    expect(before.map((s) => [s.language, s.deadline, s.state])).toEqual([
      ['en', 'translations', 'due'],
      ['ru', 'documents', 'on_time'],
    ]);
    const after = documentDeadlineStates(meeting, rule, versions, at('2031-06-13T19:00:00Z'));
    expect(after.find((s) => s.language === 'en')!.state).toBe('missing');
    expect(isBehind(after)).toBe(true);
  });

  it('holds a document with nothing published to the documents deadline in every required language', () => {
    const states = documentDeadlineStates(meeting, rule, [], at('2031-06-07T00:00:00Z'));
    expect(states.map((s) => [s.language, s.state])).toEqual([
      ['en', 'missing'],
      ['ru', 'missing'],
    ]);
  });

  it('shows an extra language that is not required, and no deadline for a meeting without a date', () => {
    const states = documentDeadlineStates(
      { startsAt: null, timeZone: 'Asia/Almaty' },
      rule,
      [{ language: 'kk', availableAt: at('2031-06-01T00:00:00Z') }],
      at('2031-06-30T00:00:00Z'),
    );
    expect(states.map((s) => [s.language, s.required, s.dueAt, s.state])).toEqual([
      ['en', true, null, 'due'],
      ['ru', true, null, 'due'],
      ['kk', false, null, 'on_time'],
    ]);
  });
});
