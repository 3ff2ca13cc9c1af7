import { HttpStatus } from '@nestjs/common';
import { DateTime } from 'luxon';
import { ApiError } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { todayIn } from '../common/time/dates';
import { formatDay } from '../common/time/format';

/**
 * A meeting is held, and attended, from its first day in its own zone: before that, marking it held
 * or recording who came is refused (409) naming the field, in the reader's language.
 */
export function assertStarted(
  meeting: { startsAt: Date | null; timeZone: string },
  step: 'held' | 'attendance',
  language: Language,
  now = new Date(),
): void {
  if (!meeting.startsAt) return;
  const firstDay = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone }).toISODate()!;
  if (todayIn(meeting.timeZone, now) >= firstDay) return;
  throw ApiError.field(
    HttpStatus.CONFLICT,
    step === 'held' ? 'status' : 'records',
    t(step === 'held' ? 'guard.held.early' : 'guard.attendance.early', language, {
      day: formatDay(firstDay, language),
    }),
  );
}
