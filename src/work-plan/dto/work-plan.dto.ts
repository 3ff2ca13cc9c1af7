import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { PageQuery } from '../../common/http/pagination';
import { Trim } from '../../common/validation/transforms';
import { IsLocalizedText } from '../../common/validation/validators';
import { WORK_PLAN_STATUSES } from '../work-plan.entity';
import type { WorkPlanStatus } from '../work-plan.entity';

export class CreateWorkPlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'bodyId must be a UUID' })
  bodyId!: string;

  @ApiProperty({ ...LOCALIZED_TEXT_SCHEMA, example: { en: 'Work plan 2019', ru: 'Рабочий план на 2019 год' } })
  @IsLocalizedText(300)
  title!: LocalizedText;

  @ApiProperty({ example: '2019', description: 'The period the plan covers, as people name it' })
  @Trim()
  @IsString()
  @Length(1, 50)
  period!: string;

  @ApiPropertyOptional({ enum: WORK_PLAN_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(WORK_PLAN_STATUSES, { message: `status must be one of ${WORK_PLAN_STATUSES.join(', ')}` })
  status?: WorkPlanStatus;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'adoptedAtMeetingId must be a UUID' })
  adoptedAtMeetingId?: string | null;
}

export class UpdateWorkPlanDto extends PartialType(OmitType(CreateWorkPlanDto, ['bodyId'] as const), {
  skipNullProperties: false,
}) {}

export class WorkPlanQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'bodyId must be a UUID' })
  bodyId?: string;

  @ApiPropertyOptional({ enum: WORK_PLAN_STATUSES })
  @IsOptional()
  @IsIn(WORK_PLAN_STATUSES, { message: `status must be one of ${WORK_PLAN_STATUSES.join(', ')}` })
  status?: WorkPlanStatus;
}
