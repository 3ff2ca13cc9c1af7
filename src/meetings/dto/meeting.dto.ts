import { DocumentDeadlinesDto } from '../../document-distribution/dto/distribution-rule.dto';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { PageQuery } from '../../common/http/pagination';
import { Trim, UpperCase } from '../../common/validation/transforms';
import { OriginalLanguage, TEXTS_MESSAGE, TranslationsOf } from '../../common/validation/translations.dto';
import type { OriginalLanguageValue } from '../../common/validation/translations.dto';
import {
  IsCountryCode,
  IsInstant,
  IsLocalizedText,
  IsReminderOffsets,
  IsTimeZone,
} from '../../common/validation/validators';
import { MEETING_KINDS, MEETING_STATUSES } from '../meeting.entity';
import type { MeetingKind, MeetingStatus } from '../meeting.entity';

export class LocationDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Hotel Kazakhstan, conference hall' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Trim()
  @IsString()
  @MaxLength(300)
  venue?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Almaty' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Trim()
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'KZ' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @UpperCase()
  @IsCountryCode()
  countryCode?: string | null;
}

/** Description and place of a meeting in one language. */
export class MeetingTextsDto {
  @ApiPropertyOptional({ maxLength: 10_000 })
  @IsOptional()
  @IsString()
  @Length(1, 10_000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'Гостиница «Казахстан», конференц-зал' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 300)
  venue?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Алматы' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  city?: string;
}

export class MeetingTranslationsDto extends TranslationsOf(MeetingTextsDto) {}

export class CreateMeetingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'bodyId must be a UUID' })
  bodyId!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS, { message: `kind must be one of ${MEETING_KINDS.join(', ')}` })
  kind!: MeetingKind;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 9, description: 'Place in a numbered series' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'number must be a whole number' })
  @Min(1)
  number?: number | null;

  @ApiProperty({ ...LOCALIZED_TEXT_SCHEMA, example: { en: '9th meeting of the WGECC', ru: '9-е заседание РГОСИК' } })
  @IsLocalizedText(300)
  title!: LocalizedText;

  @ApiProperty({
    example: 'Europe/Brussels',
    description: "Where the meeting happens; times are shown in it and in each reader's zone",
  })
  @IsTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({ example: '2019-12-03T10:00:00+01:00', description: 'Absent while tentative' })
  @IsOptional()
  @IsInstant()
  startsAt?: string;

  @ApiPropertyOptional({ example: '2019-12-04T17:00:00+01:00' })
  @IsOptional()
  @IsInstant()
  endsAt?: string;

  @ApiPropertyOptional({ type: LocationDto, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://meet.example.org/wgecc-9' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'onlineUrl must be an http(s) URL' })
  @MaxLength(500)
  onlineUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @OriginalLanguage()
  originalLanguage?: OriginalLanguageValue;

  @ApiPropertyOptional({
    type: MeetingTranslationsDto,
    description: 'description, venue and city in other languages; a reader sees their own, else the fallback chain',
    example: { ru: { description: 'Повестка прилагается', venue: 'Гостиница «Казахстан»' } },
  })
  @IsOptional()
  @ValidateNested({ message: TEXTS_MESSAGE })
  @Type(() => MeetingTranslationsDto)
  translations?: MeetingTranslationsDto;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    example: ['P7D', 'P1D', 'PT2H'],
    description: "Reminder offsets (ISO 8601 durations); null: the body's, else the defaults",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsReminderOffsets()
  reminderOffsets?: string[] | null;

  @ApiPropertyOptional({
    type: DocumentDeadlinesDto,
    nullable: true,
    description: "This meeting's document deadlines; null (or a null field): the body's rule",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => DocumentDeadlinesDto)
  documentDeadlines?: DocumentDeadlinesDto | null;

  @ApiPropertyOptional({
    enum: ['tentative', 'scheduled'],
    description:
      'Default: scheduled with startsAt, tentative without. A tentative meeting with a date sends "save the date" invitations.',
  })
  @IsOptional()
  @IsIn(['tentative', 'scheduled'], { message: 'status must be tentative or scheduled when a meeting is created' })
  status?: 'tentative' | 'scheduled';
}

export class UpdateMeetingDto extends PartialType(OmitType(CreateMeetingDto, ['status'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({
    enum: ['held'],
    description: 'Mark a scheduled meeting as held; other changes of status have their own routes',
  })
  @IsOptional()
  @IsIn(['held'], { message: 'status can only be set to held here; use /cancel, /postpone or /confirm for the others' })
  status?: 'held';
}

export class ReasonDto {
  @ApiPropertyOptional({ example: 'The venue is not available', maxLength: 1000 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class MeetingQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'bodyId must be a UUID' })
  bodyId?: string;

  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @IsOptional()
  @IsIn(MEETING_KINDS, { message: `kind must be one of ${MEETING_KINDS.join(', ')}` })
  kind?: MeetingKind;

  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @IsOptional()
  @IsIn(MEETING_STATUSES, { message: `status must be one of ${MEETING_STATUSES.join(', ')}` })
  status?: MeetingStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Meetings ending at or after' })
  @IsOptional()
  @IsInstant({ message: 'from must be an ISO 8601 date and time with an offset' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Meetings starting at or before' })
  @IsOptional()
  @IsInstant({ message: 'to must be an ISO 8601 date and time with an offset' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Meetings this member takes part in' })
  @IsOptional()
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId?: string;
}
