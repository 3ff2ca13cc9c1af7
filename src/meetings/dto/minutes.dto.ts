import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { Trim } from '../../common/validation/transforms';
import { IsLocalizedText } from '../../common/validation/validators';
import { Type } from 'class-transformer';
import { OriginalLanguage, TEXTS_MESSAGE, TranslationsOf } from '../../common/validation/translations.dto';
import type { OriginalLanguageValue } from '../../common/validation/translations.dto';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class ActionItemTextsDto {
  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  activity!: string;
}

export class ActionItemTranslationsDto extends TranslationsOf(ActionItemTextsDto) {}

export class MinutesTextsDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200_000)
  text!: string;
}

export class MinutesTranslationsDto extends TranslationsOf(MinutesTextsDto) {}

export class DecisionTextsDto {
  @ApiProperty()
  @IsString()
  @Length(1, 10_000)
  text!: string;
}

export class DecisionTranslationsDto extends TranslationsOf(DecisionTextsDto) {}

export class ActionItemDto {
  @ApiProperty({ example: 'Prepare the draft work plan for 2020' })
  @IsString()
  @Length(1, 2000)
  activity!: string;

  @ApiPropertyOptional({ example: 'Февраль 2020' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  deadline?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'An organisation or member id' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'executor must be the id (UUID) of an organisation or a member' })
  executor?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'responsibleMemberIds must hold member ids (UUIDs)' })
  responsibleMemberIds?: string[];

  @ApiPropertyOptional({
    type: ActionItemTranslationsDto,
    example: { ru: { activity: 'Подготовить проект рабочего плана на 2020 год' } },
  })
  @IsOptional()
  @ValidateNested({ message: TEXTS_MESSAGE })
  @Type(() => ActionItemTranslationsDto)
  translations?: ActionItemTranslationsDto;
}

export class DecisionDto {
  @ApiProperty({ example: 'The Working Group adopts its work plan for 2020.' })
  @IsString()
  @Length(1, 10_000)
  text!: string;

  @ApiPropertyOptional({
    type: DecisionTranslationsDto,
    example: { ru: { text: 'Рабочая группа утверждает свой рабочий план на 2020 год.' } },
  })
  @IsOptional()
  @ValidateNested({ message: TEXTS_MESSAGE })
  @Type(() => DecisionTranslationsDto)
  translations?: DecisionTranslationsDto;

  @ApiPropertyOptional({ type: [ActionItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ActionItemDto)
  actionItems?: ActionItemDto[];
}

export class PutMinutesDto {
  @ApiProperty({ example: 'The meeting opened at 10:00…' })
  @IsString()
  @Length(1, 200_000)
  text!: string;

  @OriginalLanguage()
  originalLanguage?: OriginalLanguageValue;

  @ApiPropertyOptional({ type: MinutesTranslationsDto, example: { ru: { text: 'Заседание открылось в 10:00…' } } })
  @IsOptional()
  @ValidateNested({ message: TEXTS_MESSAGE })
  @Type(() => MinutesTranslationsDto)
  translations?: MinutesTranslationsDto;

  @ApiPropertyOptional({ type: [DecisionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DecisionDto)
  decisions?: DecisionDto[];
}

/** A work plan created with the approval, for the meeting's body, when it has no open one. */
export class NewWorkPlanDto {
  @ApiProperty({ ...LOCALIZED_TEXT_SCHEMA, example: { en: 'Work plan 2031' } })
  @IsLocalizedText(300)
  title!: LocalizedText;

  @ApiProperty({ example: '2031', description: 'The period the plan covers, as people name it' })
  @Trim()
  @IsString()
  @Length(1, 50)
  period!: string;
}

export class ApproveMinutesDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "The work plan for the action items (default: the body's latest open plan)",
  })
  @IsOptional()
  @IsUUID('all', { message: 'workPlanId must be a UUID' })
  workPlanId?: string;

  @ApiPropertyOptional({
    type: NewWorkPlanDto,
    description: "A new draft work plan of the meeting's body for the action items (instead of workPlanId)",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewWorkPlanDto)
  newWorkPlan?: NewWorkPlanDto;
}
