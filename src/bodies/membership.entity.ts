import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Timestamped } from '../database/timestamps';
import { Member } from '../members/member.entity';
import { Body } from './body.entity';

export const MEMBERSHIP_ROLES = ['chair', 'co_chair', 'member', 'alternate', 'observer', 'secretariat'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** One term of one member in one body; `endDate` is open (null) while serving. */
@Entity('membership')
@Exclusion(
  'membership_no_overlap',
  `USING gist ("member_id" WITH =, "body_id" WITH =, daterange("start_date", "end_date", '[]') WITH &&)`,
)
@Index(['bodyId', 'startDate'])
export class Membership extends Timestamped {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ type: 'uuid' })
  bodyId!: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'body_id' })
  body?: Relation<Body>;

  @ApiProperty({ format: 'uuid' })
  @Index()
  @Column({ type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Relation<Member>;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @Column({ type: 'enum', enum: MEMBERSHIP_ROLES, enumName: 'membership_role' })
  role!: MembershipRole;

  /** The country (ISO code) or institution the member represents; the unit of the continuity report. */
  @ApiProperty()
  @Column({ type: 'text' })
  seat!: string;

  @ApiProperty({ format: 'date', example: '2019-01-01' })
  @Column({ type: 'date' })
  startDate!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  @Column({ type: 'date', nullable: true })
  endDate!: string | null;
}
