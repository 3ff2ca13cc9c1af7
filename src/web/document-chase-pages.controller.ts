import { Body, Controller, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DocumentDistributionService } from '../document-distribution/document-distribution.service';
import { DOCUMENT_CHASE_FORM } from './document-pages.service';
import type { FormBody } from './meeting-form-values';
import { MeetingPageSteps } from './meeting-page-steps';
import { PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import type { PageContext } from './page-session.service';

/** "Remind those who have not opened it" on the meeting page's documents section. */
@ApiExcludeController()
@UseFilters(MalformedPageIdFilter)
@Controller()
export class DocumentChasePagesController {
  constructor(
    private readonly steps: MeetingPageSteps,
    private readonly distribution: DocumentDistributionService,
  ) {}

  @Post('meetings/:id/documents/:documentId/reminders')
  @SecretariatPage()
  chase(
    @PageIdParam() id: string,
    @PageIdParam('documentId') documentId: string,
    @Body() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, { ...body, documentId }, DOCUMENT_CHASE_FORM, async () => {
      await this.distribution.chase(documentId, context.language);
      return { done: 'doc_chased' };
    });
  }
}
