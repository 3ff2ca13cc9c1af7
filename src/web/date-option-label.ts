import type { Language } from '../common/i18n/languages';
import { formatDateTimeInZone } from '../common/time/format';

/** A tentative date as people read it: its time with its zone (after the short label, if any), else the period as written. */
export function dateOptionLabel(
  option: { label: string | null; text: string | null; startsAt: string | null },
  zone: string,
  language: Language,
): string {
  if (!option.startsAt) return option.label ?? option.text ?? '';
  const at = formatDateTimeInZone(option.startsAt, zone, language);
  return option.label ? `${option.label}: ${at}` : at;
}
