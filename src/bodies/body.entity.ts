import { ApiProperty } from '@nestjs/swagger';
import { LOCALIZED_TEXT_SCHEMA } from '../common/http/openapi';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { LocalizedText } from '../common/i18n/languages';
import type { BodyDistribution } from '../document-distribution/distribution-rule';
import { DocumentDistributionDto } from '../document-distribution/dto/distribution-rule.dto';
import { Timestamped } from '../database/timestamps';

export const BODY_KINDS = ['working_group', 'steering_committee', 'task_force', 'other'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** The Working Group, its Steering Committee, or another group with members, meetings and a work plan. */
@Entity('body')
export class Body extends Timestamped {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  @Column({ type: 'jsonb' })
  name!: LocalizedText;

  @ApiProperty({ enum: BODY_KINDS })
  @Column({ type: 'enum', enum: BODY_KINDS, enumName: 'body_kind' })
  kind!: BodyKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Body, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<Body> | null;

  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: {
      meetings: { type: 'array', items: { type: 'string' } },
      items: { type: 'array', items: { type: 'string' } },
    },
    example: { meetings: ['P30D', 'P7D', 'P1D'], items: ['P14D', 'P3D', 'P0D'] },
  })
  @Column({ type: 'jsonb', nullable: true })
  reminderOffsets!: { meetings?: string[] | null; items?: string[] | null } | null;

  @ApiProperty()
  @Column({ type: 'text', default: 'Asia/Almaty' })
  timeZone!: string;

  @ApiProperty({ type: DocumentDistributionDto, nullable: true, description: 'null: 14 and 7 days, en and ru' })
  @Column({ type: 'jsonb', nullable: true })
  documentDistribution!: BodyDistribution | null;
}
