import type { Language } from '../i18n/languages';

const LOCALES: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };

/** Building an Intl formatter costs far more than using one: every email would build several. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  language: Language,
  zone: string,
  kind: 'dateTime' | 'date' | 'time' | 'offset',
): Intl.DateTimeFormat {
  const key = `${language}|${zone}|${kind}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'dateTime'
        ? {
            weekday: 'long',
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          }
        : kind === 'date'
          ? { day: 'numeric', month: 'long', year: 'numeric' }
          : kind === 'time'
            ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
            : { timeZoneName: 'shortOffset' };
    found = new Intl.DateTimeFormat(kind === 'offset' ? 'en-US' : LOCALES[language], { ...options, timeZone: zone });
    formatters.set(key, found);
  }
  return found;
}

export function formatDateTime(iso: string, zone: string, language: Language): string {
  return formatter(language, zone, 'dateTime').format(new Date(iso));
}

export function formatDate(iso: string, zone: string, language: Language): string {
  return formatter(language, zone, 'date').format(new Date(iso));
}

export function formatTime(iso: string, zone: string, language: Language): string {
  return formatter(language, zone, 'time').format(new Date(iso));
}

export function formatZone(zone: string, iso: string, _language: Language): string {
  const part =
    formatter('en', zone, 'offset')
      .formatToParts(new Date(iso))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = part.replace(/^GMT/, '');
  return `${zone} (UTC${offset})`;
}

/** A date and time with the zone it is read in, as every time shown on a page is. */
export function formatDateTimeInZone(iso: string, zone: string, language: Language): string {
  return `${formatDateTime(iso, zone, language)} (${formatZone(zone, iso, language)})`;
}

/** A calendar date (YYYY-MM-DD, a term's start or end) in the reader's language. */
export function formatDay(day: string, language: Language): string {
  return formatDate(`${day}T12:00:00Z`, 'UTC', language);
}
