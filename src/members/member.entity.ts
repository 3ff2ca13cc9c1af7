import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { Language } from '../common/i18n/languages';
import { LANGUAGES } from '../common/i18n/languages';
import { Timestamped } from '../database/timestamps';
import { Organization } from '../organizations/organization.entity';

export const DIGEST_PREFERENCES = ['immediate', 'daily', 'weekly'] as const;
export type DigestPreference = (typeof DIGEST_PREFERENCES)[number];

/** A person of the working group: a national focal point, an expert, an observer or secretariat staff. */
@Entity('member')
@Index('member_email_lower_unique', { synchronize: false })
export class Member extends Timestamped {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty()
  @Column({ type: 'text' })
  fullName!: string;

  /** Unique regardless of case (a functional index in the migrations). */
  @ApiProperty()
  @Column({ type: 'text' })
  email!: string;

  @ApiProperty({ example: 'KZ' })
  @Index()
  @Column({ type: 'varchar', length: 2 })
  countryCode!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization> | null;

  @ApiProperty({ type: String, nullable: true })
  @Column({ type: 'text', nullable: true })
  position!: string | null;

  @ApiProperty({ enum: LANGUAGES })
  @Column({ type: 'enum', enum: LANGUAGES, enumName: 'language' })
  language!: Language;

  @ApiProperty({ example: 'Asia/Almaty' })
  @Column({ type: 'text' })
  timeZone!: string;

  @ApiProperty()
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Not in the directory: someone a member proposed as their substitute, added when the secretariat approved. */
  @ApiProperty()
  @Column({ type: 'boolean', default: false })
  guest!: boolean;

  /** Non-urgent reminders one by one, or gathered in a daily or weekly digest. */
  @ApiProperty({ enum: DIGEST_PREFERENCES })
  @Column({ type: 'enum', enum: DIGEST_PREFERENCES, enumName: 'digest_preference', default: 'immediate' })
  digest!: DigestPreference;

  /** Read from the member's out-of-office reply ("away until 12 March"); null when unknown or not away. */
  @ApiProperty({ type: String, format: 'date', nullable: true })
  @Column({ type: 'date', nullable: true })
  awayUntil!: string | null;

  /** When the member's last out-of-office reply arrived. */
  @ApiProperty({ type: Date, nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  awayNotedAt!: Date | null;

  /** Set by a permanent (5.x.x) bounce of an email to this address; cleared when the address changes. */
  @ApiProperty({ type: Date, nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  emailBouncingAt!: Date | null;

  @ApiProperty({ type: String, nullable: true, example: '5.1.1' })
  @Column({ type: 'text', nullable: true })
  emailBounceStatus!: string | null;
}
