import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { LocalizedText } from '../common/i18n/languages';
import { Timestamped } from '../database/timestamps';
import { Meeting } from '../meetings/meeting.entity';
import { Member } from '../members/member.entity';
import { Organization } from '../organizations/organization.entity';
import type { DeadlineKind, DeadlineWindow } from './deadline/deadline.types';
import { WorkPlan } from './work-plan.entity';

export const ITEM_STATUSES = ['planned', 'in_progress', 'done', 'cancelled', 'postponed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const DEADLINE_KINDS = ['date', 'window', 'alternatives', 'on_request', 'open'] as const;

@Entity('work_plan_item')
@Index(['workPlanId', 'position'])
@Index(['dueAt'])
// Without it PostgreSQL walks the due_at index across every plan's items to find one plan's.
@Index(['workPlanId', 'dueAt', 'position'])
// Covers the overdue and due-soon lists so their page and total are read from the index alone.
@Index('work_plan_item_open_due', ['dueAt', 'workPlanId', 'position', 'onRequest', 'countries'], {
  where: `status NOT IN ('done', 'cancelled') AND due_at IS NOT NULL`,
})
export class WorkPlanItem extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workPlanId!: string;

  @ManyToOne(() => WorkPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'work_plan_id' })
  workPlan?: Relation<WorkPlan>;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'jsonb' })
  activity!: LocalizedText;

  @Column({ type: 'text' })
  deadlineText!: string;

  @Column({ type: 'enum', enum: DEADLINE_KINDS, enumName: 'deadline_kind' })
  deadlineKind!: DeadlineKind;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  deadlineWindows!: DeadlineWindow[];

  @Column({ type: 'boolean', default: false })
  onRequest!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** Earliest start of any window: the left edge of the item on a timeline. */
  @Column({ type: 'date', nullable: true })
  startsOn!: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  executorOrganizationId!: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'executor_organization_id' })
  executorOrganization?: Relation<Organization> | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  executorMemberId!: string | null;

  @ManyToOne(() => Member, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'executor_member_id' })
  executorMember?: Relation<Member> | null;

  @ManyToMany(() => Member)
  @JoinTable({
    name: 'work_plan_item_responsible',
    joinColumn: { name: 'item_id' },
    inverseJoinColumn: { name: 'member_id' },
  })
  responsibleMembers?: Relation<Member>[];

  @Index({ type: 'gin' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  countries!: string[];

  @Index({ type: 'gin' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  topics!: string[];

  @Index()
  @Column({ type: 'enum', enum: ITEM_STATUSES, enumName: 'work_plan_item_status', default: 'planned' })
  status!: ItemStatus;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  meetingId!: string | null;

  @ManyToOne(() => Meeting, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting> | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** Reminders before the due moment (ISO 8601 durations); null: the body's, else the defaults. */
  @Column({ type: 'text', array: true, nullable: true })
  reminderOffsets!: string[] | null;
}
