import { HttpException, HttpStatus } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ApiError } from '../../common/http/api-error';
import type { FieldProblem } from '../../common/http/api-error';
import { LANGUAGES } from '../../common/i18n/languages';
import type { Language } from '../../common/i18n/languages';
import { MESSAGES, t } from '../../common/i18n/messages';
import type { MessageKey } from '../../common/i18n/messages';
import { Trim } from '../../common/validation/transforms';
import { IsEmailAddress } from '../../common/validation/validators';
import { createValidationPipe } from '../../common/validation/validation.pipe';

const ONE_LINE = /^[^\p{Cc}]*$/u;

/** Someone not in the directory, proposed as the substitute; the messages are keys, worded in the reader's language. */
export class ProposeSubstituteDto {
  @ApiProperty({ example: 'Nurlan Kassymov', maxLength: 200 })
  @Trim()
  @IsString({ message: 'sp.invalid.fullName' })
  @Length(1, 200, { message: 'sp.invalid.fullName' })
  @Matches(ONE_LINE, { message: 'sp.invalid.fullName' })
  fullName!: string;

  @ApiProperty({ example: 'n.kassymov@ecogeo.gov.kz', description: 'Not the address of a member of the directory' })
  @Trim()
  @IsEmailAddress({ message: 'sp.invalid.email' })
  email!: string;

  @ApiProperty({ example: 'Ministry of Ecology and Natural Resources', maxLength: 300 })
  @Trim()
  @IsString({ message: 'sp.invalid.organization' })
  @Length(1, 300, { message: 'sp.invalid.organization' })
  @Matches(ONE_LINE, { message: 'sp.invalid.organization' })
  organization!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Chief expert', maxLength: 300 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString({ message: 'sp.invalid.position' })
  @MaxLength(300, { message: 'sp.invalid.position' })
  @Matches(ONE_LINE, { message: 'sp.invalid.position' })
  position?: string | null;

  @ApiProperty({ enum: LANGUAGES, description: 'The language the person is written to in (their invitation too)' })
  @IsIn(LANGUAGES, { message: 'sp.invalid.language' })
  language!: Language;
}

export class RefuseProposalDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Told to the proposer' })
  @IsOptional()
  @Trim()
  @IsString({ message: 'sp.invalid.reason' })
  @MaxLength(1000, { message: 'sp.invalid.reason' })
  reason?: string;
}

const pipe = createValidationPipe();

const isKey = (message: string): message is MessageKey =>
  message.startsWith('sp.invalid.') && Object.hasOwn(MESSAGES, message);

/** The problems worded in the reader's language, one per field. */
function localized(problems: FieldProblem[], language: Language): FieldProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => !seen.has(p.field) && seen.add(p.field))
    .map(({ field, message }) => ({
      field,
      message: isKey(message)
        ? t(message, language)
        : message === 'is not a known field'
          ? t('sp.invalid.unknown', language, { field })
          : message,
    }));
}

/** Checks a body against the DTO as the API's pipe does, but answers 400 in the reader's language. */
export async function readProposalInput<T extends object>(dto: Type<T>, body: unknown, language: Language): Promise<T> {
  try {
    return (await pipe.transform(body ?? {}, { type: 'body', metatype: dto })) as T;
  } catch (error) {
    if (!(error instanceof HttpException) || error.getStatus() !== Number(HttpStatus.BAD_REQUEST)) throw error;
    const message = (error.getResponse() as { message?: FieldProblem[] | string }).message;
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      Array.isArray(message) ? localized(message, language) : (message ?? error.message),
    );
  }
}
