import type { Language } from '../i18n/languages';
import { t } from '../i18n/messages';

/** "24 h", or "35 min" under an hour and a half. */
export function waitText(waitMs: number, language: Language): string {
  const minutes = Math.ceil(waitMs / 60_000);
  return minutes < 90
    ? t('chase.wait.minutes', language, { n: String(minutes) })
    : t('chase.wait.hours', language, { n: String(Math.round(minutes / 60)) });
}
