import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { Trim } from '../../common/validation/transforms';
import { IsInstant } from '../../common/validation/validators';
import { POLL_ANSWERS } from '../date-option.entity';
import type { PollAnswer } from '../date-option.entity';

/** Start and end of a meeting as instants with their offset. */
export class TimesDto {
  @ApiPropertyOptional({ example: '2019-12-03T10:00:00+01:00' })
  @IsOptional()
  @IsInstant()
  startsAt?: string;

  @ApiPropertyOptional({ example: '2019-12-04T17:00:00+01:00' })
  @IsOptional()
  @IsInstant()
  endsAt?: string;
}

export class CreateDateOptionDto extends TimesDto {
  @ApiPropertyOptional({
    example: 'начало декабря 2019',
    description: "Instead of times: a deadline-style text read by the work plan's parser",
  })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  text?: string;

  @ApiPropertyOptional({ example: 'Brussels, early December' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  label?: string;
}

/** Who is asked: given members, or everyone serving in the meeting's body. */
export class AudienceDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true, message: 'memberIds must hold member ids (UUIDs)' })
  memberIds?: string[];

  @ApiPropertyOptional({
    description: "Everyone serving in the meeting's body on the meeting day (today while tentative)",
  })
  @IsOptional()
  @IsBoolean()
  fromBody?: boolean;
}

export class OpenPollDto extends AudienceDto {
  @ApiPropertyOptional({
    example: '2019-10-15T18:00:00+05:00',
    description: 'When answers close; a chase goes 3 days before',
  })
  @IsOptional()
  @IsInstant()
  closesAt?: string;
}

export class PollAnswerDto {
  @ApiProperty({ enum: POLL_ANSWERS })
  @IsIn(POLL_ANSWERS, { message: `answer must be one of ${POLL_ANSWERS.join(', ')}` })
  answer!: PollAnswer;
}

/** The chosen date option, or explicit times. */
export class ConfirmMeetingDto extends TimesDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The chosen date option (it must have times)' })
  @IsOptional()
  @IsUUID('all', { message: 'dateOptionId must be a UUID' })
  dateOptionId?: string;
}
