import type { PaperParticipant } from './papers.repository';
import { groupParticipants } from './participant-groups';

const person = (fullName: string, countryCode: string, organizationKind: PaperParticipant['organizationKind'] = null, organization: string | null = null): PaperParticipant => ({
  memberId: fullName,
  fullName,
  position: null,
  countryCode,
  organization: organization ? { en: organization } : null,
  organizationKind,
  response: 'accepted',
  invitedAt: new Date(),
  attended: true,
  language: 'en',
  timeZone: 'Asia/Almaty',
}); // prettier-ignore

describe('groupParticipants', () => {
  it('puts Central Asia first in its own order, then EU member states, EU institutions and observers', () => {
    const groups = groupParticipants(
      [
        person('World Bank delegate', 'US', 'ifi', 'World Bank'),
        person('Zoe', 'UZ'),
        person('Commission official', 'BE', 'eu_institution', 'European Commission'),
        person('Anna', 'EU'),
        person('Bruno', 'FR'),
        person('Carla', 'AT'),
        person('Daniyar', 'KG'),
        person('Ерлан', 'KZ'),
        person('Айгерим', 'KZ'),
        person('Tahmina', 'TJ'),
        person('Guest from Norway', 'NO'),
        person('CAREC expert', 'KZ', 'international', 'CAREC'),
      ],
      'en',
      (texts) => texts?.en ?? '',
    );
    expect(groups.map((g) => [g.side, g.label])).toEqual([
      ['central_asia', 'Kazakhstan'],
      ['central_asia', 'Kyrgyzstan'],
      ['central_asia', 'Tajikistan'],
      ['central_asia', 'Uzbekistan'],
      ['eu_member_state', 'Austria'],
      ['eu_member_state', 'France'],
      ['eu_institution', 'Institutions of the European Union'],
      ['observer', 'CAREC'],
      ['observer', 'Norway'],
      ['observer', 'World Bank'],
    ]);
    expect(groups[0].people.map((p) => p.fullName)).toEqual(['Айгерим', 'Ерлан']);
    expect(groups[6].people.map((p) => p.fullName)).toEqual(['Anna', 'Commission official']);
  });
});
