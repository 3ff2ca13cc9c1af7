import { Body as FormBodyParam, Controller, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { readProposalInput, RefuseProposalDto } from '../meetings/dto/substitute-proposal.dto';
import { SubstituteProposalsService } from '../meetings/substitute-proposals.service';
import type { FormBody } from './meeting-form-values';
import { MeetingPageSteps } from './meeting-page-steps';
import { PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import type { PageContext } from './page-session.service';
import { PROPOSAL_FORM } from './substitute-proposal-pages.service';

/** The secretariat approves or refuses, on the meeting page, a substitute a member proposed from outside the list. */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('meetings')
export class SubstituteProposalPagesController {
  constructor(
    private readonly steps: MeetingPageSteps,
    private readonly proposals: SubstituteProposalsService,
  ) {}

  @Post(':id/substitute-proposals/:proposalId/approve')
  approve(
    @PageIdParam() id: string,
    @PageIdParam('proposalId') proposalId: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, { ...body, proposalId }, PROPOSAL_FORM, async () => {
      await this.proposals.approve(id, proposalId, context.language);
      return { done: 'proposal_approved' };
    });
  }

  @Post(':id/substitute-proposals/:proposalId/refuse')
  refuse(
    @PageIdParam() id: string,
    @PageIdParam('proposalId') proposalId: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, { ...body, proposalId }, PROPOSAL_FORM, async () => {
      const reason = typeof body.reason === 'string' && body.reason.trim() !== '' ? body.reason : undefined;
      const dto = await readProposalInput(RefuseProposalDto, reason === undefined ? {} : { reason }, context.language);
      await this.proposals.refuse(id, proposalId, dto, context.language);
      return { done: 'proposal_refused' };
    });
  }
}
