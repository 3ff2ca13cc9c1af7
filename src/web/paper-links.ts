import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';

interface Participant {
  memberId: string;
  fullName: string;
  invitedAt: string | null;
  attended: boolean | null;
}

/** The PDFs the secretariat may print from a meeting's page, each in every language it exists in. */
export function paperLinks(
  meetingId: string,
  people: readonly Participant[],
  minutesLanguages: readonly Language[],
  reader: Language,
) {
  const base = `/meetings/${meetingId}`;
  const inEach = (paper: string, languages: readonly Language[]) =>
    languages.map((language) => ({
      language,
      label: t(`papers.language.${language}`, reader),
      href: `${base}/${paper}.pdf?language=${language}`,
    }));
  const present = people.filter((p) => p.attended === true);
  return {
    sheet: people.some((p) => p.invitedAt !== null) ? inEach('attendance-sheet', LANGUAGES) : [],
    list: present.length > 0 ? inEach('participants', LANGUAGES) : [],
    minutes: inEach('minutes', minutesLanguages),
    certificates: present.map((p) => ({ name: p.fullName, href: `${base}/certificates/${p.memberId}.pdf` })),
    any: people.length > 0 || minutesLanguages.length > 0,
  };
}
