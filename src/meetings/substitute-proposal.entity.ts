import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { Timestamped } from '../database/timestamps';
import { Member } from '../members/member.entity';
import { Invitation } from './invitation.entity';
import { Meeting } from './meeting.entity';

export const PROPOSAL_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** One pending proposal per invitation. */
@Entity('substitute_proposal')
@Index('substitute_proposal_one_pending', ['invitationId'], { unique: true, where: `status = 'pending'` })
export class SubstituteProposal extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @Column({ type: 'uuid' })
  invitationId!: string;

  @ManyToOne(() => Invitation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id' })
  invitation?: Relation<Invitation>;

  @Column({ type: 'uuid' })
  proposerId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposer_id' })
  proposer?: Relation<Member>;

  @Column({ type: 'text' })
  fullName!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  organization!: string;

  @Column({ type: 'text', nullable: true })
  position!: string | null;

  /** The language the proposer chose to write to the person in. */
  @Column({ type: 'enum', enum: LANGUAGES, enumName: 'language' })
  language!: Language;

  @Column({
    type: 'enum',
    enum: PROPOSAL_STATUSES,
    enumName: 'substitute_proposal_status',
    default: 'pending',
  })
  status!: ProposalStatus;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  refusalReason!: string | null;

  /** Set on approval: the guest member the person became (or already was). */
  @Column({ type: 'uuid', nullable: true })
  guestMemberId!: string | null;

  @ManyToOne(() => Member, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'guest_member_id' })
  guestMember?: Relation<Member> | null;
}
