import { DateTime } from 'luxon';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { PublicHolidays } from '../common/time/public-holidays';

const holidays = new PublicHolidays();

/**
 * What may keep people away on a proposed date: weekend days and the national public holidays of the
 * invitees' countries, for each day the option spans in the meeting's zone (at most two weeks).
 */
export function dateOptionNotes(
  option: { startsAt: string | null; endsAt: string | null },
  zone: string,
  countries: Iterable<string>,
  language: Language,
): string[] {
  if (!option.startsAt) return [];
  const first = DateTime.fromISO(option.startsAt, { zone }).startOf('day');
  const last = option.endsAt ? DateTime.fromISO(option.endsAt, { zone }).startOf('day') : first;
  const codes = [...countries];
  const notes: string[] = [];
  for (let day = first, n = 0; day <= last && n < 14; day = day.plus({ days: 1 }), n++) {
    const iso = day.toISODate()!;
    const date = day.setLocale(language).toFormat('d MMM');
    if (PublicHolidays.isWeekend(iso))
      notes.push(t('mp.options.weekend', language, { date, day: day.setLocale(language).toFormat('cccc') }));
    for (const h of holidays.on(iso, codes, language))
      notes.push(t('mp.options.holiday', language, { date, country: h.country, name: h.name }));
  }
  return notes;
}
