import type { Language, LocalizedText } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { CENTRAL_ASIA } from '../common/validation/country-codes';
import type { PaperParticipant } from './papers.repository';

/** The member states of the European Union (2026). */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]); // prettier-ignore

/** The order of a meeting's papers: Central Asia, EU member states, EU institutions, observers. */
export type ParticipantSide = 'central_asia' | 'eu_member_state' | 'eu_institution' | 'observer';
const SIDES: readonly ParticipantSide[] = ['central_asia', 'eu_member_state', 'eu_institution', 'observer'];

export interface ParticipantGroup {
  side: ParticipantSide;
  /** A country's name, "European Union institutions", or an observer organisation's name. */
  label: string;
  people: PaperParticipant[];
}

const regionNames = new Map<Language, Intl.DisplayNames>();

export function countryName(code: string, language: Language): string {
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    regionNames.set(language, names);
  }
  return names.of(code) ?? code;
}

export function sideOf(person: Pick<PaperParticipant, 'countryCode' | 'organizationKind'>): ParticipantSide {
  if (person.organizationKind === 'eu_institution' || person.countryCode === 'EU') return 'eu_institution';
  // CAREC in Almaty or the EBRD's office in Tashkent speak as observers, not for the country they sit in.
  if (person.organizationKind === 'ifi' || person.organizationKind === 'international') return 'observer';
  if ((CENTRAL_ASIA as readonly string[]).includes(person.countryCode)) return 'central_asia';
  if (EU_MEMBER_STATES.has(person.countryCode)) return 'eu_member_state';
  return 'observer';
}

/** The participants in the papers' order; within a group, by name in the reader's collation. */
export function groupParticipants(
  people: readonly PaperParticipant[],
  language: Language,
  pick: (texts: LocalizedText | null) => string,
): ParticipantGroup[] {
  const collator = new Intl.Collator(language);
  const groups = new Map<string, ParticipantGroup & { order: string }>();
  for (const person of people) {
    const side = sideOf(person);
    const organization = pick(person.organization);
    const [key, label, order] =
      side === 'central_asia'
        ? [
            person.countryCode,
            countryName(person.countryCode, language),
            String(CENTRAL_ASIA.indexOf(person.countryCode as never)),
          ]
        : side === 'eu_member_state'
          ? [person.countryCode, countryName(person.countryCode, language), countryName(person.countryCode, language)]
          : side === 'eu_institution'
            ? ['EU', t('papers.group.euInstitutions', language), '']
            : organization
              ? [`org:${organization}`, organization, organization]
              : [
                  person.countryCode,
                  countryName(person.countryCode, language),
                  countryName(person.countryCode, language),
                ];
    const id = `${side}|${key}`;
    let group = groups.get(id);
    if (!group) {
      group = { side, label, order, people: [] };
      groups.set(id, group);
    }
    group.people.push(person);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => SIDES.indexOf(a.side) - SIDES.indexOf(b.side) || collator.compare(a.order, b.order),
  );
  return sorted.map(({ side, label, people: members }) => ({
    side,
    label,
    people: [...members].sort((a, b) => collator.compare(a.fullName, b.fullName)),
  }));
}

/** "Position, Organisation" as far as they are known. */
export function affiliation(person: PaperParticipant, pick: (texts: LocalizedText | null) => string): string {
  return [person.position, pick(person.organization)].filter((part) => part && part.trim()).join(', ');
}
