import { DateTime } from 'luxon';
import type { Language } from '../i18n/languages';

const LOCALES: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };

/** "Tuesday, 3 December 2019, 10:00" in the reader's language and zone. */
export function formatDateTime(iso: string, zone: string, language: Language): string {
  return DateTime.fromISO(iso, { zone }).setLocale(LOCALES[language]).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

export function formatDate(iso: string, zone: string, language: Language): string {
  return DateTime.fromISO(iso, { zone }).setLocale(LOCALES[language]).toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatTime(iso: string, zone: string, language: Language): string {
  return DateTime.fromISO(iso, { zone }).setLocale(LOCALES[language]).toLocaleString({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** "Asia/Almaty (UTC+5)": the zone's name and its offset at that moment. */
export function formatZone(zone: string, iso: string, _language: Language): string {
  const offset = DateTime.fromISO(iso, { zone }).toFormat('ZZ').replace(/:00$/, '').replace(/^([+-])0/, '$1');
  return `${zone} (UTC${offset === '+0' ? '' : offset})`;
}
