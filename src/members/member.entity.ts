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

  @ApiProperty({ enum: DIGEST_PREFERENCES })
  @Column({ type: 'enum', enum: DIGEST_PREFERENCES, enumName: 'digest_preference', default: 'immediate' })
  digest!: DigestPreference;
}
