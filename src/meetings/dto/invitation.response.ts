import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INVITATION_RESPONSES } from '../invitation.entity';
import type { InvitationResponse as Answer } from '../invitation.entity';
import type { InvitationView } from '../invitations.service';

export class DelegateResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  fullName!: string;
}

/** A participant with their answer and attendance. */
export class ParticipantResponse implements InvitationView {
  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty()
  fullName!: string;

  @ApiPropertyOptional({ description: 'Shown to the secretariat, and to a member only on their own line' })
  email!: string;

  @ApiProperty({ example: 'KZ' })
  countryCode!: string;

  @ApiProperty({ enum: INVITATION_RESPONSES })
  response!: Answer;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  delegateMemberId!: string | null;

  @ApiProperty({ type: DelegateResponse, nullable: true, description: 'The substitute named by a delegated answer' })
  delegate!: DelegateResponse | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  respondedAt!: string | null;

  @ApiProperty({
    type: String,
    enum: ['member', 'secretariat', 'email', 'email_reply', 'poll', 'calendar'],
    nullable: true,
    description: 'How the answer reached the secretariat',
  })
  respondedVia!: 'member' | 'secretariat' | 'email' | 'email_reply' | 'poll' | 'calendar' | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null until the invitation email is planned',
  })
  invitedAt!: string | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'null until attendance is recorded' })
  attended!: boolean | null;
}

export class InviteResultResponse {
  @ApiProperty({ type: 'integer' })
  invited!: number;

  @ApiProperty({ type: 'integer' })
  alreadyInvited!: number;

  @ApiProperty({ type: [ParticipantResponse] })
  participants!: ParticipantResponse[];
}

export class CountryRepresentationResponse {
  @ApiProperty({ example: 'KZ' })
  countryCode!: string;

  @ApiProperty()
  centralAsia!: boolean;

  @ApiProperty({ type: 'integer' })
  invited!: number;

  @ApiProperty({ type: 'integer', description: 'Accepted or sending a substitute' })
  accepted!: number;

  @ApiProperty({ type: 'integer' })
  declined!: number;

  @ApiProperty({ type: 'integer' })
  pending!: number;

  @ApiProperty({ type: 'integer', description: 'Answered "maybe"' })
  tentative!: number;

  @ApiProperty({ type: 'integer' })
  attended!: number;
}

export class RepresentationFlagResponse {
  @ApiProperty({ example: 'TJ' })
  countryCode!: string;

  @ApiProperty({ enum: ['nobody_invited', 'nobody_accepted'] })
  flag!: string;

  @ApiProperty({
    enum: ['nobody_invited', 'pending', 'tentative', 'declined'],
    description:
      'Why nobody is coming: nobody invited; someone has not answered yet; the best answer so far is "maybe"; everyone declined',
  })
  reason!: string;
}

export class RepresentationResponse {
  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({
    type: [CountryRepresentationResponse],
    description: 'Every Central Asian country, and every other country invited',
  })
  byCountry!: CountryRepresentationResponse[];

  @ApiProperty({ type: [RepresentationFlagResponse], description: 'Central Asian countries with nobody coming' })
  flags!: RepresentationFlagResponse[];
}
