import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTIFICATIONS_COUNTED_UP_TO } from '../notification.repository';
import { NotificationResponse } from './notification.response';

export class NotificationPage {
  @ApiProperty({
    type: [NotificationResponse],
    description: 'Notifications, latest due first: status, attempts, last error, Message-ID, SMTP response',
  })
  items!: NotificationResponse[];

  @ApiProperty({
    type: 'integer',
    description: `How many notifications match. Counted exactly up to ${NOTIFICATIONS_COUNTED_UP_TO.toLocaleString('en')}; beyond, counting stops and totalIsLowerBound is true`,
  })
  total!: number;

  @ApiPropertyOptional({
    enum: [true],
    description: `Present (true) only when more than ${NOTIFICATIONS_COUNTED_UP_TO.toLocaleString('en')} match: total is then a lower bound (${NOTIFICATIONS_COUNTED_UP_TO.toLocaleString('en')}, or the rows up to this page if more), to be shown as "${NOTIFICATIONS_COUNTED_UP_TO.toLocaleString('en')}+"`,
  })
  totalIsLowerBound?: true;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer' })
  offset!: number;
}
