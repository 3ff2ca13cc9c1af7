import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../database/timestamps';
import type { EmailKind } from '../mail/email-kinds';

/** `digested`: not sent alone but gathered into the reader's daily or weekly digest. */
export const NOTIFICATION_STATUSES = [
  'scheduled',
  'sending',
  'sent',
  'failed',
  'cancelled',
  'skipped',
  'digested',
] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export const SUBJECT_TYPES = [
  'meeting',
  'work_plan_item',
  'member_digest',
  'secretariat_digest',
  'sign_in',
  'substitute_proposal',
  'documents',
  'document',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

@Entity('notification')
@Index(['status', 'dueAt'])
@Index(['subjectType', 'subjectId'])
// Partial indexes keep the reconciler's scheduled and sending lookups small among a million sent rows.
@Index(['dueAt', 'id'])
@Index('notification_scheduled_due', ['dueAt', 'id'], { where: `status = 'scheduled'` })
@Index('notification_sending_claimed', ['claimedAt'], { where: `status = 'sending'` })
export class Notification extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** One row per (subject, recipient, kind, occurrence): planning the same thing twice is a no-op. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  kind!: EmailKind;

  @Column({ type: 'text' })
  subjectType!: SubjectType;

  @Column({ type: 'uuid', nullable: true })
  subjectId!: string | null;

  /** The subject's version when planned (a meeting's sequence): a later change makes the row stale. */
  @Column({ type: 'integer', nullable: true })
  subjectVersion!: number | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  recipientId!: string | null;

  @Column({ type: 'text' })
  recipientEmail!: string;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'enum', enum: NOTIFICATION_STATUSES, enumName: 'notification_status', default: 'scheduled' })
  status!: NotificationStatus;

  /** Raised whenever the row is (re)scheduled; the job id carries it, so an old job finds nothing to do. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'text', nullable: true })
  messageId!: string | null;

  @Column({ type: 'text', nullable: true })
  smtpResponse!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  /** When delivery was first tried: temporary failures are retried for a day from here. */
  @Column({ type: 'timestamptz', nullable: true })
  firstAttemptAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload!: Record<string, unknown>;
}
