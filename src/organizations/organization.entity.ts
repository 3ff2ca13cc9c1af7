import { ApiProperty } from '@nestjs/swagger';
import { LOCALIZED_TEXT_SCHEMA } from '../common/http/openapi';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalizedText } from '../common/i18n/languages';
import { Timestamped } from '../database/timestamps';

export const ORGANIZATION_KINDS = [
  'ministry',
  'eu_institution',
  'ifi',
  'international',
  'ngo',
  'project',
  'agency',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** A ministry, institution or project; projects such as "WECOOP 2" are the executors of the work plan. */
@Entity('organization')
export class Organization extends Timestamped {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  @Column({ type: 'jsonb' })
  name!: LocalizedText;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @Column({ type: 'enum', enum: ORGANIZATION_KINDS, enumName: 'organization_kind' })
  kind!: OrganizationKind;

  @ApiProperty({ type: String, nullable: true, example: 'KZ' })
  @Index()
  @Column({ type: 'varchar', length: 2, nullable: true })
  countryCode!: string | null;
}
