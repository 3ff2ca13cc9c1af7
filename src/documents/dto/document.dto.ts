import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import { LANGUAGES } from '../../common/i18n/languages';
import type { Language, LocalizedText } from '../../common/i18n/languages';
import { Trim } from '../../common/validation/transforms';
import { IsLocalizedText } from '../../common/validation/validators';
import { DOCUMENT_KINDS } from '../document.entity';
import type { DocumentKind } from '../document.entity';

export class CreateDocumentDto {
  @ApiProperty({ ...LOCALIZED_TEXT_SCHEMA, example: { en: 'Provisional agenda', ru: 'Предварительная повестка дня' } })
  @IsLocalizedText(500)
  title!: LocalizedText;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS, { message: `kind must be one of ${DOCUMENT_KINDS.join(', ')}` })
  kind!: DocumentKind;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'WGECC/10/2027/2' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Trim()
  @IsString({ message: 'symbol must be a text' })
  @MaxLength(100)
  symbol?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'An agenda item of the meeting (meeting documents only)',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'agendaItemId must be a UUID' })
  agendaItemId?: string | null;
}

export class UpdateDocumentDto extends PartialType(OmitType(CreateDocumentDto, [] as const)) {}

export class DocumentFileQuery {
  @ApiPropertyOptional({ description: 'An earlier revision (1, 2…); the current one when absent', example: 1 })
  @IsOptional()
  revision?: string;
}

export const DOCUMENT_LANGUAGE_MESSAGE = `language must be one of ${LANGUAGES.join(', ')}`;

export function isDocumentLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
