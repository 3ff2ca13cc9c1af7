import { ApiProperty } from '@nestjs/swagger';
import { LANGUAGES } from '../../common/i18n/languages';
import type { Language } from '../../common/i18n/languages';
import { PROPOSAL_STATUSES } from '../substitute-proposal.entity';
import type { ProposalStatus } from '../substitute-proposal.entity';
import type { ProposalView } from '../substitute-proposals.service';

export class ProposerResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty({ example: 'KZ' })
  countryCode!: string;
}

/** A substitute proposed from outside the directory, and the secretariat's decision. */
export class SubstituteProposalResponse implements ProposalView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ type: ProposerResponse })
  proposer!: ProposerResponse;

  @ApiProperty()
  fullName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  organization!: string;

  @ApiProperty({ type: String, nullable: true })
  position!: string | null;

  @ApiProperty({ enum: LANGUAGES })
  language!: Language;

  @ApiProperty({ enum: PROPOSAL_STATUSES })
  status!: ProposalStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  refusalReason!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Once approved: the guest member invited' })
  guestMemberId!: string | null;
}
