import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { LANGUAGES } from '../../common/i18n/languages';
import type { Language } from '../../common/i18n/languages';
import { MAX_DISTRIBUTION_DAYS } from '../distribution-rule';

const DAYS_MESSAGE = `must be a whole number of days from 0 to ${MAX_DISTRIBUTION_DAYS}`;

/** A meeting's own deadlines; null or absent: the body's. */
export class DocumentDeadlinesDto {
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 14,
    description: 'Documents due this many days before',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: `documentsDays ${DAYS_MESSAGE}` })
  @Min(0, { message: `documentsDays ${DAYS_MESSAGE}` })
  @Max(MAX_DISTRIBUTION_DAYS, { message: `documentsDays ${DAYS_MESSAGE}` })
  documentsDays?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 7,
    description: 'Translations due this many days before',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: `translationsDays ${DAYS_MESSAGE}` })
  @Min(0, { message: `translationsDays ${DAYS_MESSAGE}` })
  @Max(MAX_DISTRIBUTION_DAYS, { message: `translationsDays ${DAYS_MESSAGE}` })
  translationsDays?: number | null;
}

/** A body's distribution rule: its deadlines and the languages every meeting document must have. */
export class DocumentDistributionDto extends DocumentDeadlinesDto {
  @ApiPropertyOptional({
    type: [String],
    enum: LANGUAGES,
    nullable: true,
    example: ['en', 'ru'],
    description: 'Languages each meeting document is due in; default en and ru',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ArrayMinSize(1, { message: 'requiredLanguages must name at least one language' })
  @ArrayMaxSize(LANGUAGES.length, { message: 'requiredLanguages may name each language once' })
  @IsIn(LANGUAGES, { each: true, message: `requiredLanguages may hold only ${LANGUAGES.join(', ')}` })
  requiredLanguages?: Language[] | null;
}
