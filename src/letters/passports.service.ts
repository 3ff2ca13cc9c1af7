import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import type { FieldProblem } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { isCalendarDate } from '../common/validation/validators';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { Invitation } from '../meetings/invitation.entity';
import type { PassportDto, PassportResponse } from './dto/passport.dto';
import { LettersRepository } from './letters.repository';
import type { PassportDetails } from './passport-details.entity';

export const PASSPORT_FIELDS = [
  'nameInPassport',
  'nationality',
  'passportNumber',
  'arrivalDate',
  'departureDate',
] as const;
export type PassportField = (typeof PASSPORT_FIELDS)[number];

const TEXT_LIMITS: Partial<Record<PassportField, number>> = {
  nameInPassport: 200,
  nationality: 100,
  passportNumber: 20,
};
const CONTROL = /\p{Cc}/u;

/** What is wrong with passport details as given, each problem in the reader's language; none: []. */
export function passportProblems(dto: PassportDto, language: Language): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['nameInPassport', 'nationality', 'passportNumber'] as const) {
    const value = dto[field];
    if (value === undefined || value === null) continue;
    const limit = TEXT_LIMITS[field]!;
    if (CONTROL.test(value)) problems.push({ field, message: t('passport.error.control', language) });
    else if ([...value.trim()].length > limit)
      problems.push({ field, message: t('passport.error.tooLong', language, { limit }) });
  }
  for (const field of ['arrivalDate', 'departureDate'] as const) {
    const value = dto[field];
    if (value && !isCalendarDate(value)) problems.push({ field, message: t('passport.error.date', language) });
  }
  const { arrivalDate, departureDate } = dto;
  if (arrivalDate && departureDate && isCalendarDate(arrivalDate) && isCalendarDate(departureDate))
    if (departureDate < arrivalDate)
      problems.push({ field: 'departureDate', message: t('passport.error.departureBeforeArrival', language) });
  return problems;
}

export function passportView(details: PassportDetails | null): PassportResponse {
  return {
    nameInPassport: details?.nameInPassport ?? null,
    nationality: details?.nationality ?? null,
    passportNumber: details?.passportNumber ?? null,
    arrivalDate: details?.arrivalDate ?? null,
    departureDate: details?.departureDate ?? null,
  };
}

/** The fields a visa letter needs that are still empty. */
export function missingPassportFields(details: PassportDetails | null): PassportField[] {
  return PASSPORT_FIELDS.filter((field) => !details?.[field]);
}

/**
 * Passport details for visa letters: read and written only by their holder and the secretariat, never
 * audited or logged, and erased PASSPORT_DATA_RETENTION_DAYS after the meeting.
 */
@Injectable()
export class PassportsService {
  constructor(
    private readonly repository: LettersRepository,
    private readonly access: AccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(meetingId: string, memberId: string): Promise<PassportResponse> {
    const invitation = await this.invitation(meetingId, memberId);
    return passportView(await this.repository.passport(invitation.id));
  }

  async save(meetingId: string, memberId: string, dto: PassportDto, language: Language): Promise<PassportResponse> {
    const invitation = await this.invitation(meetingId, memberId);
    const problems = passportProblems(dto, language);
    if (problems.length) throw new ApiError(HttpStatus.BAD_REQUEST, problems);
    const values: Partial<Record<PassportField, string | null>> = {};
    for (const field of PASSPORT_FIELDS) {
      const value = dto[field];
      if (value !== undefined) values[field] = value === null || value.trim() === '' ? null : value.trim();
    }
    return passportView(await this.repository.savePassport({ invitationId: invitation.id, meetingId, ...values }));
  }

  async remove(meetingId: string, memberId: string): Promise<void> {
    const invitation = await this.invitation(meetingId, memberId);
    await this.repository.removePassport(invitation.id);
  }

  /** The daily erasure: details of meetings over the retention period past. */
  eraseExpired(now = new Date()): Promise<number> {
    return this.repository.eraseEndedBefore(now, this.config.passportDataRetentionDays);
  }

  private async invitation(meetingId: string, memberId: string): Promise<Invitation> {
    this.access.assertSelf(memberId, 'give passport details');
    const invitation = await this.repository.invited(meetingId, memberId);
    if (!invitation) throw ApiError.notFound('Invitation of member', memberId);
    return invitation;
  }
}
