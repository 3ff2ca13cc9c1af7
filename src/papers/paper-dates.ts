import type { Language } from '../common/i18n/languages';
import { formatDate, formatDateTime, formatZone } from '../common/time/format';

/** A moment as a paper prints it: the reader's words, and the zone named so a printed page stays unambiguous. */
export function paperDateTime(iso: string, zone: string, language: Language): string {
  return `${formatDateTime(iso, zone, language)} (${formatZone(zone, iso, language)})`;
}

/** The day of a moment in a zone, without a time (a letter's date, a certificate's day). */
export function paperDate(iso: string, zone: string, language: Language): string {
  return formatDate(iso, zone, language);
}
