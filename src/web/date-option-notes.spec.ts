import { dateOptionNotes } from './date-option-notes';

describe('dateOptionNotes', () => {
  it('names each weekend day and national holiday a proposed date spans, in the reader language', () => {
    // Friday 19 to Monday 22 March 2027 in Almaty: a weekend, Nowruz in KZ and KG.
    const option = { startsAt: '2027-03-19T04:00:00Z', endsAt: '2027-03-22T12:00:00Z' };
    const notes = dateOptionNotes(option, 'Asia/Almaty', ['KZ', 'KG'], 'ru');
    expect(notes).toContain('20 мар.: суббота');
    expect(notes).toContain('21 мар.: воскресенье');
    expect(notes).toContain('21 мар.: Нооруз (KG)');
    expect(notes.some((n) => n.startsWith('22 мар.:') && n.includes('(KZ)'))).toBe(true);
    expect(notes.some((n) => n.startsWith('19 мар.'))).toBe(false);
  });

  it('says nothing of an ordinary weekday, nor of an option given only as text', () => {
    expect(dateOptionNotes({ startsAt: '2027-06-09T04:00:00Z', endsAt: null }, 'Asia/Almaty', ['KZ'], 'en')).toEqual(
      [],
    );
    expect(dateOptionNotes({ startsAt: null, endsAt: null }, 'Asia/Almaty', ['KZ'], 'en')).toEqual([]);
  });
});
