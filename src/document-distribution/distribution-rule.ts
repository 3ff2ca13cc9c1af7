import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';

/** A body's rule: its documents are due N days before a meeting, their translations M days, in these languages. */
export interface BodyDistribution {
  documentsDays?: number | null;
  translationsDays?: number | null;
  requiredLanguages?: Language[] | null;
}

/** A meeting may move the body's two deadlines; which languages are required stays the body's. */
export interface MeetingDocumentDeadlines {
  documentsDays?: number | null;
  translationsDays?: number | null;
}

export interface DistributionRule {
  documentsDays: number;
  translationsDays: number;
  requiredLanguages: Language[];
}

export const DEFAULT_DOCUMENTS_DAYS = 14;
export const DEFAULT_TRANSLATIONS_DAYS = 7;
/** Decision: English and Russian are the group's working languages; a body adds Kazakh where it wants it. */
export const DEFAULT_REQUIRED_LANGUAGES: Language[] = ['en', 'ru'];
export const MAX_DISTRIBUTION_DAYS = 180;

export function distributionRule(
  body: BodyDistribution | null | undefined,
  meeting: MeetingDocumentDeadlines | null | undefined,
): DistributionRule {
  const required = body?.requiredLanguages?.length ? body.requiredLanguages : DEFAULT_REQUIRED_LANGUAGES;
  return {
    documentsDays: meeting?.documentsDays ?? body?.documentsDays ?? DEFAULT_DOCUMENTS_DAYS,
    translationsDays: meeting?.translationsDays ?? body?.translationsDays ?? DEFAULT_TRANSLATIONS_DAYS,
    requiredLanguages: LANGUAGES.filter((language) => required.includes(language)),
  };
}
