import { COMMON_ZONES } from '../actions/action-pages.controller';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { label } from '../common/i18n/labels';
import { DIGEST_PREFERENCES } from '../members/member.entity';

export interface Choice {
  value: string;
  label: string;
  selected: boolean;
}

/** Each language named in itself, so a reader finds theirs whatever the page's language. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' };

/** Options of a <select> or radio group, the current value marked. */
export function choices(values: readonly string[], selected: unknown, label: (value: string) => string): Choice[] {
  return values.map((value) => ({ value, label: label(value), selected: value === selected }));
}

export const languageChoices = (selected: unknown) =>
  choices(LANGUAGES, selected, (value) => LANGUAGE_NAMES[value as Language]);

export const digestChoices = (selected: unknown, language: Language) =>
  choices(DIGEST_PREFERENCES, selected, (value) => label('digestPreference', value, language));

/** The zones where the group's people live, and the member's own when it is another. */
export function zoneChoices(selected: unknown): Choice[] {
  const zones =
    typeof selected === 'string' && selected && !COMMON_ZONES.includes(selected)
      ? [selected, ...COMMON_ZONES]
      : COMMON_ZONES;
  return choices(zones, selected, (zone) => zone);
}
