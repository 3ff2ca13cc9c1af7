import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { PageQuery } from '../../common/http/pagination';
import { IsLocalizedText, IsReminderOffsets, IsTimeZone } from '../../common/validation/validators';
import { Type } from 'class-transformer';
import { DocumentDistributionDto } from '../../document-distribution/dto/distribution-rule.dto';
import { BODY_KINDS } from '../body.entity';
import type { BodyKind } from '../body.entity';

export class ReminderOffsetsDto {
  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    example: ['P30D', 'P7D', 'P1D'],
    description: 'Before a meeting starts',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsReminderOffsets()
  meetings?: string[] | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    example: ['P14D', 'P3D', 'P0D'],
    description: 'Before a work-plan item is due',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsReminderOffsets()
  items?: string[] | null;
}

export class CreateBodyDto {
  @ApiProperty({
    ...LOCALIZED_TEXT_SCHEMA,
    example: { en: 'Steering Committee', ru: 'Руководящий комитет', kk: 'Басқарушы комитет' },
  })
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

  @ApiPropertyOptional({
    example: 'Asia/Almaty',
    default: 'Asia/Almaty',
    description: 'Deadlines of this body fall due at the end of the day here',
  })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({
    type: ReminderOffsetsDto,
    nullable: true,
    description: "Reminder offsets for the body's meetings and items; null: the defaults",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => ReminderOffsetsDto)
  reminderOffsets?: ReminderOffsetsDto | null;

  @ApiPropertyOptional({
    type: DocumentDistributionDto,
    nullable: true,
    description:
      'When meeting documents and their translations are due, and in which languages; null: 14 and 7 days, en and ru',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => DocumentDistributionDto)
  documentDistribution?: DocumentDistributionDto | null;
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
