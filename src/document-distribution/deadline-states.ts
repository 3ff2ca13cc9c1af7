import { DateTime } from 'luxon';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import type { DistributionRule } from './distribution-rule';

/**
 * `on_time`: published by its deadline; `late`: published after it; `missing`: not published and the
 * deadline has passed; `due`: not published yet, the deadline still ahead (or the meeting has no date).
 */
export const DEADLINE_STATES = ['on_time', 'late', 'missing', 'due'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export interface LanguageAvailability {
  language: Language;
  /** When the language version became available to members (published with a file); null: not yet. */
  availableAt: Date | null;
}

export interface LanguageDeadline {
  language: Language;
  required: boolean;
  /** The original (first available) language is held to the documents deadline, the others to the translations one. */
  deadline: 'documents' | 'translations';
  dueAt: Date | null;
  availableAt: Date | null;
  state: DeadlineState;
}

/** The last instant of the day `days` days before the meeting's first day, in the meeting's zone. */
export function deadlineBefore(startsAt: Date, timeZone: string, days: number): Date {
  return DateTime.fromJSDate(startsAt, { zone: timeZone }).startOf('day').minus({ days }).endOf('day').toJSDate();
}

/**
 * One document's state per language: the required languages, and any other language it has. Until some
 * language is available the whole document is held to the documents deadline.
 */
export function documentDeadlineStates(
  meeting: { startsAt: Date | null; timeZone: string },
  rule: DistributionRule,
  versions: LanguageAvailability[],
  now: Date,
): LanguageDeadline[] {
  const availableAt = new Map(versions.filter((v) => v.availableAt).map((v) => [v.language, v.availableAt!]));
  const original = [...availableAt].sort((a, b) => a[1].getTime() - b[1].getTime())[0]?.[0] ?? null;
  const languages = LANGUAGES.filter((l) => rule.requiredLanguages.includes(l) || availableAt.has(l));
  return languages.map((language) => {
    const deadline = original === null || original === language ? 'documents' : 'translations';
    const days = deadline === 'documents' ? rule.documentsDays : rule.translationsDays;
    const dueAt = meeting.startsAt ? deadlineBefore(meeting.startsAt, meeting.timeZone, days) : null;
    const at = availableAt.get(language) ?? null;
    return {
      language,
      required: rule.requiredLanguages.includes(language),
      deadline,
      dueAt,
      availableAt: at,
      state: stateOf(at, dueAt, now),
    };
  });
}

function stateOf(availableAt: Date | null, dueAt: Date | null, now: Date): DeadlineState {
  if (availableAt) return dueAt && availableAt > dueAt ? 'late' : 'on_time';
  return dueAt && now > dueAt ? 'missing' : 'due';
}

/** Whether a document is behind: a required language missing past its deadline. */
export function isBehind(states: LanguageDeadline[]): boolean {
  return states.some((s) => s.required && s.state === 'missing');
}
