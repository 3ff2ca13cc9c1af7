import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Meeting } from './meeting.entity';
import { Timestamped } from '../database/timestamps';
import { Member } from '../members/member.entity';

export const INVITATION_RESPONSES = ['pending', 'accepted', 'declined', 'tentative', 'delegated'] as const;
export type InvitationResponse = (typeof INVITATION_RESPONSES)[number];

/** A participant of a meeting. */
@Entity('invitation')
@Index(['meetingId', 'memberId'], { unique: true })
export class Invitation extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @Index()
  @Column({ type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Relation<Member>;

  @Column({ type: 'enum', enum: INVITATION_RESPONSES, enumName: 'invitation_response', default: 'pending' })
  response!: InvitationResponse;

  @Column({ type: 'uuid', nullable: true })
  delegateMemberId!: string | null;

  @ManyToOne(() => Member, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'delegate_member_id' })
  delegateMember?: Relation<Member> | null;

  /** Set when this participant was added as the substitute of that member: replaced, they are withdrawn. */
  @Column({ type: 'uuid', nullable: true })
  substituteForMemberId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  /** How the answer reached us: the member themself, or the secretariat (phone, letter). */
  @Column({ type: 'text', nullable: true })
  respondedVia!: 'member' | 'secretariat' | 'email' | 'email_reply' | 'poll' | 'calendar' | null;

  @Column({ type: 'text', nullable: true })
  responseNote!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  invitedAt!: Date | null;

  @Column({ type: 'boolean', nullable: true })
  attended!: boolean | null;

  /** What the invitation letter promises this participant; ticked by the secretariat. */
  @Column({ type: 'boolean', default: false })
  travelCovered!: boolean;

  @Column({ type: 'boolean', default: false })
  accommodationCovered!: boolean;
}
