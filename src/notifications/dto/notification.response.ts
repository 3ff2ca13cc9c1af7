import { ApiProperty } from '@nestjs/swagger';
import { EMAIL_KINDS } from '../../mail/email-kinds';
import type { EmailKind } from '../../mail/email-kinds';
import { NOTIFICATION_STATUSES, SUBJECT_TYPES } from '../notification.entity';
import type { NotificationStatus, SubjectType } from '../notification.entity';

/** One email to one person, planned or sent, as GET /api/notifications and /api/notifications/{id} return it. */
export class NotificationResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    description: 'One per subject, recipient, kind and occurrence',
    example: 'meeting:0f6c…:member:8a1e…:meeting-reminder:7d',
  })
  key!: string;

  @ApiProperty({ enum: EMAIL_KINDS })
  kind!: EmailKind;

  @ApiProperty({ enum: SUBJECT_TYPES })
  subjectType!: SubjectType;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  subjectId!: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "The subject's version when planned (a meeting's sequence)",
  })
  subjectVersion!: number | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The member; null for an address outside the directory',
  })
  recipientId!: string | null;

  @ApiProperty()
  recipientEmail!: string;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({
    enum: NOTIFICATION_STATUSES,
    description: "digested: gathered into the reader's daily or weekly digest",
  })
  status!: NotificationStatus;

  @ApiProperty({ type: 'integer', description: 'Raised whenever the email is rescheduled' })
  version!: number;

  @ApiProperty({ type: 'integer' })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The Message-ID header of the email sent' })
  messageId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The SMTP server's answer on acceptance" })
  smtpResponse!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a worker took it for sending' })
  claimedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  firstAttemptAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "What the email needs beyond the subject's current state",
  })
  payload!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
