import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LANGUAGES } from '../../common/i18n/languages';
import type { Language } from '../../common/i18n/languages';

export class PaperQuery {
  @ApiPropertyOptional({
    enum: LANGUAGES,
    description: "The paper's language; unset: the reader's (the minutes: their original language)",
  })
  @IsOptional()
  @IsIn(LANGUAGES, { message: 'language must be one of en, ru, kk' })
  language?: Language;
}
