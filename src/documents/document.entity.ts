import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Body } from '../bodies/body.entity';
import type { LocalizedText } from '../common/i18n/languages';
import { Timestamped } from '../database/timestamps';
import { AgendaItem } from '../meetings/agenda-item.entity';
import { Meeting } from '../meetings/meeting.entity';

export const DOCUMENT_KINDS = [
  'agenda',
  'background',
  'presentation',
  'draft_decision',
  'report',
  'minutes',
  'list_of_participants',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** A paper of a meeting (optionally of one agenda item) or of a body's standing library; never both. */
@Entity('document')
@Check('document_owner', '("meeting_id" IS NULL) <> ("body_id" IS NULL)')
@Index(['meetingId', 'createdAt'])
@Index(['bodyId', 'createdAt'])
export class Document extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  meetingId!: string | null;

  @ManyToOne(() => Meeting, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting> | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItem, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: Relation<AgendaItem> | null;

  /** Set for a document of the body's standing library (terms of reference, rules of procedure). */
  @Column({ type: 'uuid', nullable: true })
  bodyId!: string | null;

  @ManyToOne(() => Body, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body?: Relation<Body> | null;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'enum', enum: DOCUMENT_KINDS, enumName: 'document_kind' })
  kind!: DocumentKind;

  /** The official symbol, e.g. WGECC/10/2027/2. */
  @Column({ type: 'text', nullable: true })
  symbol!: string | null;

  @Column({ type: 'enum', enum: DOCUMENT_STATUSES, enumName: 'document_status', default: 'draft' })
  status!: DocumentStatus;

  /** When it was (last) published; a withdrawn document keeps it. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'text', nullable: true })
  updatedBy!: string | null;
}
