import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import type { Relation } from 'typeorm';
import { Meeting } from './meeting.entity';
import type { Translations } from '../common/i18n/content-text';
import type { Language } from '../common/i18n/languages';
import { Timestamped } from '../database/timestamps';

export interface ActionItemDraft {
  activity: string;
  deadline?: string;
  executor?: string | null;
  responsibleMemberIds?: string[];
  translations?: Translations<'activity'>;
}

/** The minutes of a meeting; approving them turns each decision's action items into work-plan items. */
@Entity('meeting_minutes')
export class MeetingMinutes extends Timestamped {
  @PrimaryColumn({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @Column({ type: 'text' })
  text!: string;

  /** The language the minutes, their decisions and action items are written in; null: read from their letters. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  originalLanguage!: Language | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations!: Translations<'text'>;

  @Column({ type: 'text', default: 'draft' })
  status!: 'draft' | 'approved';

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  approvedBy!: string | null;

  /** The work plan the action items went into on approval. */
  @Column({ type: 'uuid', nullable: true })
  workPlanId!: string | null;
}

/** A numbered decision ("9/3": meeting 9, decision 3). */
@Entity('meeting_decision')
@Index(['meetingId', 'number'], { unique: true })
export class MeetingDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations!: Translations<'text'>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  actionItems!: ActionItemDraft[];

  /** Work-plan items created from the action items on approval, in the same order. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  workPlanItemIds!: string[];
}
