import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { PageQuery } from '../../common/http/pagination';
import { Trim, UpperCase } from '../../common/validation/transforms';
import { IsCountryCode, IsLocalizedText, IsReminderOffsets, IsTimeZone } from '../../common/validation/validators';
import { Transform } from 'class-transformer';
import { ITEM_STATUSES } from '../work-plan-item.entity';
import type { ItemStatus } from '../work-plan-item.entity';

export const DUE_FILTERS = ['overdue', 'next7d', 'next30d', 'this_month'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

const upperEach = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v)) : value,
  );
const trimEach = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value,
  );

export class CreateWorkPlanItemDto {
  @ApiProperty({
    ...LOCALIZED_TEXT_SCHEMA,
    example: { ru: 'Заседание Руководящего комитета', en: 'Meeting of the Steering Committee' },
  })
  @IsLocalizedText(2000)
  activity!: LocalizedText;

  @ApiPropertyOptional({
    example: 'Конец ноября или начало декабря 2019 или февраль 2020',
    description:
      'The deadline as people write it (en/ru/kk); empty or absent: no deadline yet. A text that cannot be read gets 422.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  deadline?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The id of an organisation or of a member',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'executor must be the id (UUID) of an organisation or a member' })
  executor?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Who is reminded' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'responsibleMemberIds must hold member ids (UUIDs)' })
  responsibleMemberIds?: string[];

  @ApiPropertyOptional({ type: [String], example: ['UZ', 'KZ'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @upperEach()
  @IsCountryCode({ each: true, message: 'countries must hold ISO 3166-1 alpha-2 codes or EU' })
  countries?: string[];

  @ApiPropertyOptional({ type: [String], example: ['air quality', 'water'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @trimEach()
  @IsString({ each: true })
  @Length(1, 60, { each: true, message: 'each topic must be 1 to 60 characters' })
  topics?: string[];

  @ApiPropertyOptional({ enum: ITEM_STATUSES, default: 'planned' })
  @IsOptional()
  @IsIn(ITEM_STATUSES, { message: `status must be one of ${ITEM_STATUSES.join(', ')}` })
  status?: ItemStatus;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The meeting that decided it' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'meetingId must be a UUID' })
  meetingId?: string | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    example: ['P7D', 'P1D', 'PT2H'],
    description: "Reminder offsets (ISO 8601 durations); null: the body's, else the defaults",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsReminderOffsets()
  reminderOffsets?: string[] | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000 })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}

export class UpdateWorkPlanItemDto extends PartialType(CreateWorkPlanItemDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'Why the status or deadline changed; kept in the history', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  changeNote?: string;
}

export class WorkPlanItemQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'workPlanId must be a UUID' })
  workPlanId?: string;

  @ApiPropertyOptional({ enum: ITEM_STATUSES })
  @IsOptional()
  @IsIn(ITEM_STATUSES, { message: `status must be one of ${ITEM_STATUSES.join(', ')}` })
  status?: ItemStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Executor: an organisation or member id' })
  @IsOptional()
  @IsUUID('all', { message: 'executor must be a UUID' })
  executor?: string;

  @ApiPropertyOptional({ example: 'UZ' })
  @IsOptional()
  @UpperCase()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ example: 'water' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(60)
  topic?: string;

  @ApiPropertyOptional({
    enum: DUE_FILTERS,
    description: 'overdue: due moment passed and neither done nor cancelled (on-request items never are)',
  })
  @IsOptional()
  @IsIn(DUE_FILTERS, { message: `due must be one of ${DUE_FILTERS.join(', ')}` })
  due?: DueFilter;

  @ApiPropertyOptional({ format: 'uuid', description: 'Items this member is responsible for' })
  @IsOptional()
  @IsUUID('all', { message: 'responsibleMemberId must be a UUID' })
  responsibleMemberId?: string;

  @ApiPropertyOptional({ description: 'Part of the activity (any language), the deadline text or the notes' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ParseDeadlineDto {
  @ApiProperty({ example: 'Конец ноября или начало декабря 2019 или февраль 2020' })
  @IsString()
  @MaxLength(300)
  text!: string;

  @ApiPropertyOptional({ example: 'Asia/Almaty', description: "Zone of the due moment (default: the secretariat's)" })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}
