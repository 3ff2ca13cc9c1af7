import type { MeetingDocumentDeadlines } from '../document-distribution/distribution-rule';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Body } from '../bodies/body.entity';
import type { Translations } from '../common/i18n/content-text';
import type { Language, LocalizedText } from '../common/i18n/languages';
import { Timestamped } from '../database/timestamps';

export const MEETING_KINDS = [
  'working_group',
  'steering_committee',
  'technical',
  'workshop',
  'training',
  'dialogue',
  'conference',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_STATUSES = ['tentative', 'scheduled', 'held', 'cancelled', 'postponed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_TRANSLATED = ['description', 'venue', 'city'] as const;
export type MeetingTranslated = (typeof MEETING_TRANSLATED)[number];

/** A meeting, from its tentative dates to its minutes. Times are instants; `timeZone` is where it happens. */
@Entity('meeting')
@Index(['bodyId', 'startsAt'])
@Index('meeting_number_unique', ['bodyId', 'kind', 'number'], { unique: true, where: 'number IS NOT NULL' })
export class Meeting extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  bodyId!: string;

  @ManyToOne(() => Body, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'body_id' })
  body?: Relation<Body>;

  @Column({ type: 'enum', enum: MEETING_KINDS, enumName: 'meeting_kind' })
  kind!: MeetingKind;

  /** Place in a numbered series: "the 9th meeting of the WGECC". */
  @Column({ type: 'integer', nullable: true })
  number!: number | null;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'text' })
  timeZone!: string;

  @Index()
  @Column({ type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  venue!: string | null;

  @Column({ type: 'text', nullable: true })
  city!: string | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  countryCode!: string | null;

  @Column({ type: 'text', nullable: true })
  onlineUrl!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The language description, venue and city are written in; null: read from their letters. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  originalLanguage!: Language | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations!: Translations<MeetingTranslated>;

  @Index()
  @Column({ type: 'enum', enum: MEETING_STATUSES, enumName: 'meeting_status', default: 'tentative' })
  status!: MeetingStatus;

  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  /** iCalendar SEQUENCE: raised on every change of time or place, so calendars replace the old event. */
  @Column({ type: 'integer', default: 0 })
  sequence!: number;

  @Column({ type: 'timestamptz', nullable: true })
  pollOpenedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  pollClosesAt!: Date | null;

  /** Reminders before the start (ISO 8601 durations); null: the body's, else the defaults. */
  @Column({ type: 'text', array: true, nullable: true })
  reminderOffsets!: string[] | null;

  /** This meeting's document deadlines; null (or a null field): the body's rule. */
  @Column({ type: 'jsonb', nullable: true })
  documentDeadlines!: MeetingDocumentDeadlines | null;
}
