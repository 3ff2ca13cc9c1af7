import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LANGUAGES } from '../../common/i18n/languages';
import type { Language } from '../../common/i18n/languages';
import type { ActionItemDraft } from '../minutes.entity';
import { ActionItemTranslationsDto, DecisionTranslationsDto, MinutesTranslationsDto } from './minutes.dto';
import type { MinutesView } from '../minutes.service';

export class ActionItemResponse implements ActionItemDraft {
  @ApiProperty({ description: "Becomes the work-plan item's activity on approval" })
  activity!: string;

  @ApiPropertyOptional({ example: 'by the end of March 2020' })
  deadline?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Organisation or member, as written' })
  executor?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true })
  responsibleMemberIds?: string[];

  @ApiPropertyOptional({ type: ActionItemTranslationsDto, description: 'The activity in other languages' })
  translations?: ActionItemTranslationsDto;
}

type Decision = MinutesView['decisions'][number];

export class DecisionResponse implements Decision {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  number!: number;

  @ApiProperty({ example: '9/3', description: "The meeting's number and the decision's" })
  label!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: DecisionTranslationsDto, description: 'The text in other languages' })
  translations!: DecisionTranslationsDto;

  @ApiProperty({ type: [ActionItemResponse] })
  actionItems!: ActionItemResponse[];

  @ApiProperty({
    type: 'string',
    format: 'uuid',
    isArray: true,
    description: 'Items created on approval, in the order of the action items',
  })
  workPlanItemIds!: string[];
}

/** The minutes and their numbered decisions. */
export class MinutesResponse implements MinutesView {
  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty({
    type: String,
    enum: LANGUAGES,
    nullable: true,
    description: 'The language of the text, decisions and action items; null: read from their letters',
  })
  originalLanguage!: Language | null;

  @ApiProperty({ type: MinutesTranslationsDto, description: 'The text in other languages' })
  translations!: MinutesTranslationsDto;

  @ApiProperty({ enum: ['draft', 'approved'] })
  status!: 'draft' | 'approved';

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  approvedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The name of the token that approved them' })
  approvedBy!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The work plan that received the action items',
  })
  workPlanId!: string | null;

  @ApiProperty({ type: [DecisionResponse] })
  decisions!: DecisionResponse[];
}
