import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { ITEM_STATUSES } from '../work-plan-item.entity';
import type { ItemStatus } from '../work-plan-item.entity';
import type { ExecutorView, WorkPlanItemView } from '../work-plan-item.view';
import { DeadlineResponse } from './deadline.response';

const EMAIL_FOR_SECRETARIAT = 'Shown to the secretariat only';

export class ExecutorResponse implements ExecutorView {
  @ApiProperty({ enum: ['organization', 'member'] })
  type!: 'organization' | 'member';

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  name!: LocalizedText;

  @ApiPropertyOptional({ description: `For a member, how the table names them. ${EMAIL_FOR_SECRETARIAT}` })
  email?: string;
}

export class ResponsibleMemberResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  fullName!: string;

  @ApiPropertyOptional({ description: EMAIL_FOR_SECRETARIAT })
  email?: string;

  @ApiProperty({ example: 'KZ' })
  countryCode!: string;
}

export class WorkPlanItemResponse implements WorkPlanItemView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  workPlanId!: string;

  @ApiProperty({ type: 'integer' })
  position!: number;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  activity!: LocalizedText;

  @ApiProperty({ type: DeadlineResponse })
  deadline!: DeadlineResponse;

  @ApiProperty({ type: ExecutorResponse, nullable: true })
  executor!: ExecutorResponse | null;

  @ApiProperty({ type: 'string', format: 'uuid', isArray: true })
  responsibleMemberIds!: string[];

  @ApiProperty({ type: [ResponsibleMemberResponse], description: 'By name' })
  responsibleMembers!: ResponsibleMemberResponse[];

  @ApiProperty({ type: [String], example: ['KZ', 'UZ'] })
  countries!: string[];

  @ApiProperty({ type: [String] })
  topics!: string[];

  @ApiProperty({ enum: ITEM_STATUSES })
  status!: ItemStatus;

  @ApiProperty({ description: 'Due moment passed, not done or cancelled, not on request' })
  overdue!: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  meetingId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
