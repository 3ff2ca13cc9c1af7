import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { IsLocalizedText } from '../../common/validation/validators';

export class AgendaDocumentDto {
  @ApiProperty({ example: 'Draft work plan 2020' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ example: 'https://docs.example.org/wp-2020.pdf' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  url!: string;
}

export class CreateAgendaItemDto {
  @ApiProperty({
    ...LOCALIZED_TEXT_SCHEMA,
    example: { en: 'Adoption of the work plan', ru: 'Утверждение рабочего плана' },
  })
  @IsLocalizedText(500)
  title!: LocalizedText;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'presenterId must be a member id (UUID)' })
  presenterId?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 30 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'durationMinutes must be a whole number' })
  @Min(1)
  @Max(1440)
  durationMinutes?: number | null;

  @ApiPropertyOptional({ type: [AgendaDocumentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AgendaDocumentDto)
  documents?: AgendaDocumentDto[];
}

export class UpdateAgendaItemDto extends PartialType(CreateAgendaItemDto, { skipNullProperties: false }) {}

export class ReorderAgendaDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Every agenda item id of the meeting, in the new order' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'order must hold agenda item ids (UUIDs)' })
  order!: string[];
}
