import type { Language } from '../common/i18n/languages';
import { formatDateTime } from '../common/time/format';

/** A tentative date as people read it: its short label, else the period as written. */
export function dateOptionLabel(
  option: { label: string | null; text: string | null; startsAt: string | null },
  zone: string,
  language: Language,
): string {
  return option.label ?? option.text ?? (option.startsAt ? formatDateTime(option.startsAt, zone, language) : '');
}
