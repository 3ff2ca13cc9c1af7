import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import type { Relation } from 'typeorm';
import { Member } from '../members/member.entity';
import { Meeting } from './meeting.entity';
import type { DeadlineWindow } from '../work-plan/deadline/deadline.types';

/** A tentative date of a meeting: exact times, or a text such as "early December 2019" read as windows. */
@Entity('meeting_date_option')
@Index(['meetingId', 'position'])
export class MeetingDateOption {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  windows!: DeadlineWindow[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

export const POLL_ANSWERS = ['yes', 'if_need_be', 'no'] as const;
export type PollAnswer = (typeof POLL_ANSWERS)[number];

/** One participant's answer to one date option; a changed mind overwrites it with the new time. */
@Entity('meeting_date_answer')
export class MeetingDateAnswer {
  @Column({ type: 'uuid', primary: true })
  optionId!: string;

  @ManyToOne(() => MeetingDateOption, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'option_id' })
  option?: Relation<MeetingDateOption>;

  @Index()
  @Column({ type: 'uuid', primary: true })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Relation<Member>;

  @Column({ type: 'enum', enum: POLL_ANSWERS, enumName: 'poll_answer' })
  answer!: PollAnswer;

  @Column({ type: 'timestamptz' })
  answeredAt!: Date;
}
