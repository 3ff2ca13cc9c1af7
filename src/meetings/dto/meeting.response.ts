import { DocumentDeadlinesDto } from '../../document-distribution/dto/distribution-rule.dto';
import { LANGUAGES } from '../../common/i18n/languages';
import type { Language } from '../../common/i18n/languages';
import { MeetingTranslationsDto } from './meeting.dto';
import { ApiProperty } from '@nestjs/swagger';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { MEETING_KINDS, MEETING_STATUSES } from '../meeting.entity';
import type { MeetingKind, MeetingStatus } from '../meeting.entity';
import type { MeetingView } from '../meeting.view';

export class MeetingLocalTimes {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2019-12-03T10:00:00+06:00',
    description: 'Wall-clock time with its offset',
  })
  startsAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2019-12-03T17:00:00+06:00' })
  endsAt!: string | null;
}

export class MeetingLocation {
  @ApiProperty({ type: String, nullable: true })
  venue!: string | null;

  @ApiProperty({ type: String, nullable: true })
  city!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'KZ' })
  countryCode!: string | null;
}

export class MeetingPollTimes {
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  openedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closesAt!: string | null;
}

/** A meeting: times as instants and as local time where it happens. */
export class MeetingResponse implements MeetingView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  bodyId!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  kind!: MeetingKind;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The 9 of "9th meeting"' })
  number!: number | null;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  title!: LocalizedText;

  @ApiProperty({ example: 'Asia/Almaty' })
  timeZone!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while tentative or postponed' })
  startsAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endsAt!: string | null;

  @ApiProperty({ type: MeetingLocalTimes })
  local!: MeetingLocalTimes;

  @ApiProperty({ type: MeetingLocation, nullable: true, description: 'null when no place is known' })
  location!: MeetingLocation | null;

  @ApiProperty({ type: String, nullable: true })
  onlineUrl!: string | null;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({
    type: String,
    enum: LANGUAGES,
    nullable: true,
    description: 'The language of description and location; null: read from their letters',
  })
  originalLanguage!: Language | null;

  @ApiProperty({ type: MeetingTranslationsDto, description: 'description, venue and city in other languages' })
  translations!: MeetingTranslationsDto;

  @ApiProperty({ enum: MEETING_STATUSES })
  status!: MeetingStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Why it was cancelled or postponed' })
  statusReason!: string | null;

  @ApiProperty({ type: 'integer', description: 'iCalendar SEQUENCE: raised by each change of time or place' })
  sequence!: number;

  @ApiProperty({ type: MeetingPollTimes })
  poll!: MeetingPollTimes;

  @ApiProperty({
    type: DocumentDeadlinesDto,
    nullable: true,
    description: "This meeting's document deadlines; null: the body's rule",
  })
  documentDeadlines!: DocumentDeadlinesDto | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class CalendarFeedResponse {
  @ApiProperty({
    description: 'The secret feed address, shown once',
    example: 'https://wgs.example.org/calendar/cal_x7Yk2m9QpL4rT8vN1cW3zH5.ics',
  })
  url!: string;
}
