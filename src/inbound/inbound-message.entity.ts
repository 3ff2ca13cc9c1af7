import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What an incoming email was understood to be. */
export const INBOUND_KINDS = ['calendar_reply', 'reply', 'auto_reply', 'bounce', 'unknown', 'oversize'] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

/**
 * `applied`: changed the record by the rules; `flagged`: understood but left for the secretariat to judge;
 * `noted`: recorded without effect (auto-replies, temporary bounces); `inbox`: waits in the secretariat's
 * inbox; `ignored`: dropped (rate-limited unknown sender, oversize); `dismissed`: the secretariat closed it.
 */
export const INBOUND_STATUSES = ['applied', 'flagged', 'noted', 'inbox', 'ignored', 'dismissed'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

export interface InboundAttachment {
  name: string;
  type: string;
  size: number;
}

/**
 * One message read from the inbound mailbox, written in the same transaction as its effect: the
 * (uidvalidity, uid) and the Message-ID make a second reading of the same message a no-op.
 */
@Entity('inbound_message')
@Index('inbound_message_mailbox_uid', ['mailbox', 'uidValidity', 'uid'], { unique: true })
@Index(['status', 'receivedAt'])
export class InboundMessage {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty({ example: 'INBOX' })
  @Column({ type: 'text' })
  mailbox!: string;

  @ApiProperty({ type: String, description: 'UIDVALIDITY of the mailbox (64-bit safe as text)' })
  @Column({ type: 'bigint' })
  uidValidity!: string;

  @ApiProperty()
  @Column({ type: 'bigint' })
  uid!: string;

  @ApiProperty()
  @Index({ unique: true })
  @Column({ type: 'text' })
  messageId!: string;

  @ApiProperty()
  @Index()
  @Column({ type: 'text' })
  fromAddress!: string;

  @ApiProperty({ type: String, nullable: true })
  @Column({ type: 'text', nullable: true })
  fromName!: string | null;

  @ApiProperty()
  @Column({ type: 'text', default: '' })
  toAddress!: string;

  @ApiProperty()
  @Column({ type: 'text', default: '' })
  subject!: string;

  @ApiProperty()
  @Index()
  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @ApiProperty({ description: 'bytes' })
  @Column({ type: 'integer' })
  size!: number;

  @ApiProperty({ enum: INBOUND_KINDS })
  @Column({ type: 'enum', enum: INBOUND_KINDS, enumName: 'inbound_kind' })
  kind!: InboundKind;

  @ApiProperty({ enum: INBOUND_STATUSES })
  @Column({ type: 'enum', enum: INBOUND_STATUSES, enumName: 'inbound_status' })
  status!: InboundStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  memberId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  meetingId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  notificationId!: string | null;

  /** The plain text only (HTML turned to text), capped: attachments are listed, never kept. */
  @ApiProperty()
  @Column({ type: 'text', default: '' })
  textBody!: string;

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments!: InboundAttachment[];

  /** What the rules read (PARTSTAT, SEQUENCE, DSN status, away-until…) and why they decided so. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @ApiProperty()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When the secretariat acted on it (applied a suggestion or dismissed it). */
  @ApiProperty({ type: Date, nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  handledAt!: Date | null;
}
