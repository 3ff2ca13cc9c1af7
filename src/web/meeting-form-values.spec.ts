import { isValidTimeZone } from '../common/time/time-zone';
import { attendanceInput, meetingInput, minutesInput, nestFields, TIME_ZONES } from './meeting-form-values';

describe('meeting form values', () => {
  it('offers every IANA zone, UTC too, and only zones the API takes', () => {
    expect(TIME_ZONES.length).toBeGreaterThan(400);
    expect(TIME_ZONES).toEqual(expect.arrayContaining(['Asia/Almaty', 'Asia/Ashgabat', 'Europe/Brussels', 'UTC']));
    expect(TIME_ZONES.filter((zone) => !isValidTimeZone(zone))).toEqual([]);
  });

  it('nests dotted names, leaves blanks and blank rows out, and never writes to prototypes', () => {
    const nested = nestFields({
      'title.en': 'Ninth',
      'title.ru': ' ',
      'decisions.0.text': 'A',
      'decisions.1.text': '',
      'decisions.2.text': 'C',
      '__proto__.polluted': 'yes',
      'a.constructor.b': 'x',
    });
    expect(nested).toEqual({ title: { en: 'Ninth' }, decisions: [{ text: 'A' }, { text: 'C' }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads wall time in the meeting's zone, numbers as numbers, and passes what it cannot read on as typed", () => {
    const input = meetingInput({
      bodyId: 'b',
      kind: 'workshop',
      number: '9',
      'title.en': 'Ninth',
      timeZone: 'Asia/Almaty',
      startsAt: '2031-11-27T10:00',
      endsAt: 'tomorrow',
      'location.city': 'Almaty',
      tentative: 'on',
    });
    expect(input).toEqual({
      bodyId: 'b',
      kind: 'workshop',
      number: 9,
      title: { en: 'Ninth' },
      timeZone: 'Asia/Almaty',
      startsAt: '2031-11-27T10:00:00+05:00',
      endsAt: 'tomorrow',
      location: { venue: null, city: 'Almaty', countryCode: null },
      status: 'tentative',
    });
    expect(meetingInput({ number: 'nine' }).number).toBe('nine');
  });

  it('when editing, clears emptied boxes and leaves unchanged times out so that nothing moves by accident', () => {
    const input = meetingInput(
      {
        kind: 'workshop',
        'title.en': 'Ninth',
        timeZone: 'Asia/Almaty',
        startsAt: '2031-11-27T10:00',
        endsAt: '2031-11-27T18:00',
        onlineUrl: '',
      },
      { startsAt: '2031-11-27T10:00', endsAt: '2031-11-27T17:00' },
    );
    expect(input).toEqual({
      kind: 'workshop',
      number: null,
      title: { en: 'Ninth' },
      timeZone: 'Asia/Almaty',
      endsAt: '2031-11-27T18:00:00+05:00',
      location: null,
      onlineUrl: null,
      description: null,
      translations: {},
      documentDeadlines: null,
    });
  });

  it("takes the meeting's document deadlines as numbers, one box blank meaning the body's", () => {
    expect(meetingInput({ 'documentDeadlines.documentsDays': '21' }).documentDeadlines).toEqual({
      documentsDays: 21,
      translationsDays: null,
    });
    expect(meetingInput({ 'documentDeadlines.translationsDays': 'soon' }).documentDeadlines).toEqual({
      documentsDays: null,
      translationsDays: 'soon',
    });
    expect(meetingInput({}).documentDeadlines).toBeUndefined();
  });

  it('takes the Russian and Kazakh boxes of description and place as translations, blanks left out', () => {
    const input = meetingInput({
      'title.en': 'Ninth',
      description: 'Agenda attached',
      'translations.ru.description': 'Повестка прилагается',
      'translations.ru.venue': ' ',
      'translations.kk.city': 'Алматы',
    });
    expect(input.translations).toEqual({ ru: { description: 'Повестка прилагается' }, kk: { city: 'Алматы' } });
    expect(meetingInput({ 'title.en': 'Ninth' })).not.toHaveProperty('translations');
  });

  it('records everyone listed on the attendance form, ticked or not', () => {
    expect(attendanceInput({ participants: ['a', 'b'], attended: 'b' })).toEqual({
      records: [
        { memberId: 'a', attended: false },
        { memberId: 'b', attended: true },
      ],
    });
  });

  it('turns the minutes form into decisions with their action items', () => {
    expect(
      minutesInput({
        csrf: 'x',
        text: 'Opened.',
        'decisions.0.text': 'Adopted.',
        'decisions.0.actionItems.0.activity': 'Draft',
        'decisions.0.actionItems.0.deadline': 'февраль 2032',
        'decisions.1.text': '',
      }),
    ).toEqual({
      text: 'Opened.',
      decisions: [{ text: 'Adopted.', actionItems: [{ activity: 'Draft', deadline: 'февраль 2032' }] }],
    });
  });
});
