import { Column, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import type { Relation } from 'typeorm';
import { Meeting } from './meeting.entity';
import type { LocalizedText } from '../common/i18n/languages';
import { Timestamped } from '../database/timestamps';

/** One point of a meeting's agenda, in order. */
@Entity('agenda_item')
@Index(['meetingId', 'position'])
export class AgendaItem extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'uuid', nullable: true })
  presenterId!: string | null;

  @Column({ type: 'integer', nullable: true })
  durationMinutes!: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  documents!: { title: string; url: string }[];
}
