import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Timestamped } from '../database/timestamps';
import { Invitation } from '../meetings/invitation.entity';

/**
 * What a visa support letter names, as in the passport: seen only by its holder and the secretariat,
 * erased PASSPORT_DATA_RETENTION_DAYS after the meeting.
 */
@Entity('passport_details')
export class PassportDetails extends Timestamped {
  @PrimaryColumn({ type: 'uuid' })
  invitationId!: string;

  @OneToOne(() => Invitation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id' })
  invitation?: Relation<Invitation>;

  @Index()
  @Column({ type: 'uuid' })
  meetingId!: string;

  @Column({ type: 'text', nullable: true })
  nameInPassport!: string | null;

  @Column({ type: 'text', nullable: true })
  nationality!: string | null;

  @Column({ type: 'text', nullable: true })
  passportNumber!: string | null;

  @Column({ type: 'date', nullable: true })
  arrivalDate!: string | null;

  @Column({ type: 'date', nullable: true })
  departureDate!: string | null;
}
