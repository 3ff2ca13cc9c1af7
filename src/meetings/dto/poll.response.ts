import { ApiProperty } from '@nestjs/swagger';
import { DeadlineWindowResponse } from '../../work-plan/dto/deadline.response';
import { POLL_ANSWERS } from '../date-option.entity';
import type { PollAnswer } from '../date-option.entity';
import { MEETING_STATUSES } from '../meeting.entity';
import type { MeetingStatus } from '../meeting.entity';
import type { PollMatrix } from '../meeting-poll.service';

/** A tentative date: exact times, or a text read as windows of days. */
export class DateOptionResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ type: 'integer' })
  position!: number;

  @ApiProperty({ type: String, nullable: true })
  label!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startsAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endsAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'early December 2019' })
  text!: string | null;

  @ApiProperty({ type: [DeadlineWindowResponse] })
  windows!: DeadlineWindowResponse[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class PollAnswerResponse {
  @ApiProperty({ format: 'uuid' })
  optionId!: string;

  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty({ enum: POLL_ANSWERS })
  answer!: PollAnswer;

  @ApiProperty({ format: 'date-time' })
  answeredAt!: string;
}

type PollOption = PollMatrix['options'][number];
type PollParticipant = PollMatrix['participants'][number];
type PollCountry = PollMatrix['byCountry'][number];

export class PollOptionResponse implements PollOption {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  label!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startsAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endsAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  text!: string | null;

  @ApiProperty({ type: [DeadlineWindowResponse] })
  windows!: DeadlineWindowResponse[];

  @ApiProperty({ type: 'integer' })
  yes!: number;

  @ApiProperty({ type: 'integer' })
  ifNeedBe!: number;

  @ApiProperty({ type: 'integer' })
  no!: number;

  @ApiProperty({ type: 'integer', description: 'People answering yes or if need be' })
  canCome!: number;

  @ApiProperty({ type: [String], description: 'Countries with someone who can come' })
  countriesCanCome!: string[];
}

export class PollParticipantResponse implements PollParticipant {
  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty({ example: 'KZ' })
  countryCode!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...POLL_ANSWERS], nullable: true },
    description: 'Option id → answer, null when not answered',
  })
  answers!: Record<string, PollAnswer | null>;
}

export class PollCountryResponse implements PollCountry {
  @ApiProperty({ example: 'KZ' })
  countryCode!: string;

  @ApiProperty({ type: 'integer' })
  participants!: number;

  @ApiProperty({ type: 'integer', description: 'Participants who answered at least one option' })
  answered!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Option id → people of the country who can come',
  })
  canComeByOption!: Record<string, number>;
}

/** People × options, with per option how many people and countries can come. */
export class PollMatrixResponse implements PollMatrix {
  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ enum: MEETING_STATUSES })
  status!: MeetingStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closesAt!: string | null;

  @ApiProperty({ type: [PollOptionResponse] })
  options!: PollOptionResponse[];

  @ApiProperty({ type: [PollParticipantResponse] })
  participants!: PollParticipantResponse[];

  @ApiProperty({ type: [PollCountryResponse] })
  byCountry!: PollCountryResponse[];
}
