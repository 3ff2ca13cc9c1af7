import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { PageQuery } from '../../common/http/pagination';
import { IsLocalizedText, IsTimeZone } from '../../common/validation/validators';
import { BODY_KINDS } from '../body.entity';
import type { BodyKind } from '../body.entity';

export class CreateBodyDto {
  @ApiProperty({ ...LOCALIZED_TEXT_SCHEMA, example: { en: 'Steering Committee', ru: 'Руководящий комитет', kk: 'Басқарушы комитет' } })
  @IsLocalizedText(300)
  name!: LocalizedText;

  @ApiProperty({ enum: BODY_KINDS })
  @IsIn(BODY_KINDS, { message: `kind must be one of ${BODY_KINDS.join(', ')}` })
  kind!: BodyKind;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The body this one belongs to' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'parentId must be a UUID' })
  parentId?: string | null;

  @ApiPropertyOptional({ example: 'Asia/Almaty', default: 'Asia/Almaty', description: 'Deadlines of this body fall due at the end of the day here' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class UpdateBodyDto extends PartialType(CreateBodyDto, { skipNullProperties: false }) {}

export class BodyQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BODY_KINDS })
  @IsOptional()
  @IsIn(BODY_KINDS, { message: `kind must be one of ${BODY_KINDS.join(', ')}` })
  kind?: BodyKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be a UUID' })
  parentId?: string;
}
