import { PublicHolidays } from './public-holidays';

const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'GR', 'DE', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const; // prettier-ignore

describe('PublicHolidays', () => {
  const holidays = new PublicHolidays();

  it('knows the library countries (KZ, UZ, an EU state) in the reader language', () => {
    expect(holidays.on('2027-12-16', ['KZ'], 'ru')).toEqual([
      { country: 'KZ', name: expect.stringMatching(/независимости/i) },
    ]);
    expect(holidays.on('2027-09-01', ['UZ'], 'en').map((h) => h.country)).toEqual(['UZ']);
    expect(holidays.on('2027-10-03', ['DE'], 'en')).toEqual([{ country: 'DE', name: 'National Holiday' }]);
  });

  it('takes Nowruz, the Eids and independence days of KG, TJ and TM from our own rules', () => {
    expect(holidays.on('2027-03-21', ['KG', 'TJ', 'TM'], 'en').map((h) => h.country)).toEqual(['KG', 'TJ', 'TM']);
    expect(holidays.on('2027-03-24', ['TJ'], 'ru')).toEqual([{ country: 'TJ', name: 'Навруз' }]);
    expect(holidays.on('2027-08-31', ['KG'], 'kk')).toEqual([{ country: 'KG', name: 'Тәуелсіздік күні' }]);
    expect(holidays.on('2027-09-09', ['TJ'], 'en')).toEqual([{ country: 'TJ', name: 'Independence Day' }]);
    expect(holidays.on('2027-09-27', ['TM'], 'en')).toEqual([{ country: 'TM', name: 'Independence Day' }]);
    // Eid al-Fitr 2027 falls on 9 March, Eid al-Adha on 16 May, in every one of the three.
    expect(holidays.on('2027-03-09', ['KG', 'TJ', 'TM'], 'en')).toHaveLength(3);
    expect(holidays.on('2027-05-16', ['KG', 'TJ', 'TM'], 'ru').map((h) => h.name)).toEqual([
      'Курман айт',
      'Иди Курбон',
      'Курбан байрам',
    ]);
  });

  it('reads EU as Brussels, knows every member state, and says nothing of an ordinary day or an unknown code', () => {
    expect(holidays.on('2027-07-21', ['EU'], 'en')).toEqual([{ country: 'BE', name: 'National Holiday' }]);
    expect(EU_MEMBER_STATES.filter((c) => holidays.on('2027-12-25', [c], 'en').length > 0)).toHaveLength(27);
    expect(holidays.on('2027-06-09', ['KZ', 'KG', 'TJ', 'TM', 'UZ'], 'en')).toEqual([]);
    expect(holidays.on('2027-01-01', ['XX'], 'en')).toEqual([]);
  });

  it('names Saturdays and Sundays as weekend days', () => {
    expect(['2027-03-20', '2027-03-21', '2027-03-22'].map((d) => PublicHolidays.isWeekend(d))).toEqual([
      true,
      true,
      false,
    ]);
  });
});
