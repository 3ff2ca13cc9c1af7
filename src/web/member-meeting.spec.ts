import { bothZones, mapUrl, optionWhen } from './member-meeting.service';

describe('times and places as a member reads them', () => {
  it('names the zone of every time, and gives the meeting’s own only where it differs', () => {
    expect(bothZones('2031-11-27T09:00:00Z', 'Asia/Almaty', 'Europe/Brussels', 'en')).toEqual({
      reader: 'Thursday, 27 November 2031 at 14:00 (Asia/Almaty (UTC+5))',
      meeting: 'Thursday, 27 November 2031 at 10:00 (Europe/Brussels (UTC+1))',
    });
    expect(bothZones('2031-11-27T09:00:00Z', 'Europe/Brussels', 'Europe/Brussels', 'en').meeting).toBeNull();
  });

  it('never lets a proposed date’s label hide its date and time', () => {
    const shown = optionWhen(
      { label: 'End of November', text: null, startsAt: '2031-11-27T09:00:00Z', endsAt: '2031-11-27T16:00:00Z' },
      'Asia/Almaty',
      'Europe/Brussels',
      'ru',
    );
    expect(shown.label).toBe('End of November');
    expect(shown.when).toBe(
      'четверг, 27 ноября 2031 г. в 14:00 (Asia/Almaty (UTC+5)) – четверг, 27 ноября 2031 г. в 21:00 (Asia/Almaty (UTC+5))',
    );
    expect(shown.meetingWhen).toContain('(Europe/Brussels (UTC+1))');
    expect(
      optionWhen({ label: 'February', text: 'февраль 2032', startsAt: null, endsAt: null }, 'UTC', 'UTC', 'kk'),
    ).toEqual({ label: 'February', when: 'февраль 2032', meetingWhen: null });
  });

  it('links a place to its OpenStreetMap search', () => {
    expect(mapUrl('Hotel Kazakhstan, Almaty, KZ')).toBe(
      'https://www.openstreetmap.org/search?query=Hotel%20Kazakhstan%2C%20Almaty%2C%20KZ',
    );
  });
});
