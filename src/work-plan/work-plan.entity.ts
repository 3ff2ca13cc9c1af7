import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Meeting } from '../meetings/meeting.entity';
import { LOCALIZED_TEXT_SCHEMA } from '../common/http/openapi';
import type { LocalizedText } from '../common/i18n/languages';
import { Timestamped } from '../database/timestamps';

export const WORK_PLAN_STATUSES = ['draft', 'adopted', 'closed'] as const;
export type WorkPlanStatus = (typeof WORK_PLAN_STATUSES)[number];

/** A body's work plan for a period (e.g. "2019"): the activities the secretariat tracks all year. */
@Entity('work_plan')
export class WorkPlan extends Timestamped {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @Index()
  @Column({ type: 'uuid' })
  bodyId!: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'body_id' })
  body?: Relation<Body>;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @ApiProperty({ example: '2019' })
  @Column({ type: 'text' })
  period!: string;

  @ApiProperty({ enum: WORK_PLAN_STATUSES })
  @Column({ type: 'enum', enum: WORK_PLAN_STATUSES, enumName: 'work_plan_status', default: 'draft' })
  status!: WorkPlanStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @Column({ type: 'uuid', nullable: true })
  adoptedAtMeetingId!: string | null;

  @ManyToOne(() => Meeting, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'adopted_at_meeting_id' })
  adoptedAtMeeting?: Relation<Meeting> | null;

  @ApiPropertyOptional({
    type: 'integer',
    deprecated: true,
    description: 'Only in the answer to creating a plan: an internal counter, not to be relied on',
  })
  @Column({ type: 'integer', default: 0, select: false })
  lastItemPosition!: number;
}
