import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';
import { EMAIL_KINDS } from '../../mail/email-kinds';
import type { EmailKind } from '../../mail/email-kinds';
import { NOTIFICATION_STATUSES, SUBJECT_TYPES } from '../notification.entity';
import type { NotificationStatus, SubjectType } from '../notification.entity';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SUBJECT_TYPES })
  @IsOptional()
  @IsIn(SUBJECT_TYPES, { message: `subjectType must be one of ${SUBJECT_TYPES.join(', ')}` })
  subjectType?: SubjectType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'subjectId must be a UUID' })
  subjectId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'recipientId must be a UUID' })
  recipientId?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES, { message: `status must be one of ${NOTIFICATION_STATUSES.join(', ')}` })
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: EMAIL_KINDS })
  @IsOptional()
  @IsIn(EMAIL_KINDS, { message: 'kind must be a known email kind' })
  kind?: EmailKind;

  @ApiPropertyOptional({ format: 'date-time', description: 'Due at or after' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Due at or before' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or time' })
  to?: string;
}
