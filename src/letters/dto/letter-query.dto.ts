import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LANGUAGES } from '../../common/i18n/languages';
import type { Language } from '../../common/i18n/languages';
import { LETTER_KINDS } from '../invitation-letter';
import type { LetterKind } from '../invitation-letter';

export class LetterQueryDto {
  @ApiPropertyOptional({ enum: LETTER_KINDS, default: 'invitation' })
  @IsOptional()
  @IsIn(LETTER_KINDS)
  kind?: LetterKind;

  @ApiPropertyOptional({ enum: LANGUAGES, description: "The letter's language; by default the member's" })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export const LETTER_BUNDLE_FORMATS = ['pdf', 'zip'] as const;

export class LetterBundleQueryDto {
  @ApiPropertyOptional({ enum: LETTER_BUNDLE_FORMATS, default: 'pdf' })
  @IsOptional()
  @IsIn(LETTER_BUNDLE_FORMATS)
  format?: (typeof LETTER_BUNDLE_FORMATS)[number];
}
