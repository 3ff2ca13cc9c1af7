import { Body, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AllowRoles, ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { languageFromHeader } from '../common/i18n/languages';
import { UuidParam } from '../common/validation/params';
import { ProposeSubstituteDto, readProposalInput, RefuseProposalDto } from './dto/substitute-proposal.dto';
import { SubstituteProposalResponse } from './dto/substitute-proposal.response';
import { SubstituteProposalsService } from './substitute-proposals.service';

/** Substitutes from outside the directory: a member proposes one, the secretariat approves or refuses. */
@ApiController('meetings')
export class MeetingSubstituteProposalsController {
  constructor(private readonly proposals: SubstituteProposalsService) {}

  @Post(':id/invitations/:memberId/substitute-proposals')
  @AllowRoles('secretariat', 'member')
  @ApiOperation({
    operationId: 'substituteProposals_create',
    summary: 'Propose a substitute who is not in the directory, for the secretariat to approve',
    description:
      'Someone already in the directory is refused with 409 (a colleague on offer is named in details.offeredMember: answer with them instead). One proposal per invitation waits at a time; proposals count towards the 5 changes of substitute per invitation in 24 hours (429 with Retry-After). Messages are in the language of Accept-Language.',
  })
  @ApiBody({ type: ProposeSubstituteDto })
  @ApiCreatedResponse({ type: SubstituteProposalResponse })
  @ApiErrors(400, 403, 404, 409, 429)
  async propose(
    @UuidParam() id: string,
    @UuidParam('memberId') memberId: string,
    @Body() body: object,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const language = languageFromHeader(acceptLanguage);
    const dto = await readProposalInput(ProposeSubstituteDto, body, language);
    return this.proposals.propose(id, memberId, dto, language);
  }

  @Get(':id/substitute-proposals')
  @ReadAccess()
  @ApiOperation({
    operationId: 'substituteProposals_list',
    summary: 'Substitutes proposed from outside the directory, newest first (a member sees their own)',
  })
  @ApiOkResponse({ type: [SubstituteProposalResponse] })
  @ApiErrors(400, 404)
  list(@UuidParam() id: string) {
    return this.proposals.list(id);
  }

  @Post(':id/substitute-proposals/:proposalId/approve')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'substituteProposals_approve',
    summary:
      'Approve: the person becomes a guest member, the proposer’s substitute, and is invited in the chosen language',
  })
  @ApiOkResponse({ type: SubstituteProposalResponse })
  @ApiErrors(400, 403, 404, 409)
  approve(
    @UuidParam() id: string,
    @UuidParam('proposalId') proposalId: string,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return this.proposals.approve(id, proposalId, languageFromHeader(acceptLanguage));
  }

  @Post(':id/substitute-proposals/:proposalId/refuse')
  @HttpCode(200)
  @ApiOperation({ operationId: 'substituteProposals_refuse', summary: 'Refuse; the proposer is told, with the reason' })
  @ApiBody({ type: RefuseProposalDto, required: false })
  @ApiOkResponse({ type: SubstituteProposalResponse })
  @ApiErrors(400, 403, 404, 409)
  async refuse(
    @UuidParam() id: string,
    @UuidParam('proposalId') proposalId: string,
    @Body() body: object,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    const language = languageFromHeader(acceptLanguage);
    const dto = await readProposalInput(RefuseProposalDto, body, language);
    return this.proposals.refuse(id, proposalId, dto, language);
  }
}
