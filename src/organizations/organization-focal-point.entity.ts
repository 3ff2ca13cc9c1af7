import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Member } from '../members/member.entity';
import { Organization } from './organization.entity';

/**
 * A member marked as an organisation's focal point for the work plan: reminded of the activities the
 * organisation executes when nobody is responsible for them by name.
 */
@Entity('organization_focal_point')
export class OrganizationFocalPoint {
  @PrimaryColumn({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: Relation<Member>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
