import {
  Body,
  Controller,
  Get,
  HttpException,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { FieldProblem } from '../common/http/api-error';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { DocumentDistributionService } from '../document-distribution/document-distribution.service';
import { languageParam, revisionQuery } from '../documents/documents.controller';
import { sendDocumentFile } from '../documents/document-download';
import { DocumentsService } from '../documents/documents.service';
import type { DocumentReader } from '../documents/documents.service';
import { CreateDocumentDto } from '../documents/dto/document.dto';
import { readMultipartFile } from '../documents/multipart-file';
import { DOCUMENTS_FORM, documentInput, DocumentPagesService } from './document-pages.service';
import { problemsOf } from './forms';
import { isNotFound } from './not-found';
import type { FormBody } from './meeting-form-values';
import { MeetingPageSteps } from './meeting-page-steps';
import { CsrfCheckedInHandler, MemberPage, PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

/** The page token did not come before the file: refused like any forged form. */
class CsrfRefused extends Error {}

/** A document's page and downloads for signed-in readers; the secretariat's forms to add, upload, publish. */
@ApiExcludeController()
@UseFilters(MalformedPageIdFilter)
@Controller()
export class DocumentPagesController {
  constructor(
    private readonly session: PageSessionService,
    private readonly steps: MeetingPageSteps,
    private readonly pages: DocumentPagesService,
    private readonly documents: DocumentsService,
    private readonly distribution: DocumentDistributionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('meetings/:id/documents')
  @SecretariatPage()
  create(@PageIdParam() id: string, @Body() body: FormBody, @PageSession() context: PageContext, @Res() res: Response) {
    return this.steps.step(res, context, id, body, DOCUMENTS_FORM, async () => {
      const dto = await this.steps.valid(CreateDocumentDto, documentInput(body));
      await this.documents.createForMeeting(id, dto);
      return { done: 'doc_created' };
    });
  }

  @Get('documents/:id')
  @MemberPage()
  async page(
    @PageIdParam() id: string,
    @Query() query: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    await this.render(res, context, id, [], this.pages.doneSentence(query, context.language));
  }

  @Get('documents/:id/files/:language')
  @MemberPage()
  async download(
    @PageIdParam() id: string,
    @Param('language') language: string,
    @Query('revision') revision: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const reader: DocumentReader =
      context.role === 'secretariat'
        ? { kind: 'secretariat' }
        : { kind: 'member', memberId: context.member.id, via: 'session' };
    const found = await this.steps.found(res, context, () =>
      this.documents.download(id, languageParam(language), revisionQuery(revision), reader),
    );
    if (found) await sendDocumentFile(res, found);
  }

  /** The file is streamed as it arrives; the page token and language must come before it in the form. */
  @Post('documents/:id/files')
  @SecretariatPage()
  @CsrfCheckedInHandler()
  async upload(
    @PageIdParam() id: string,
    @PageSession() context: PageContext,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    let language = '';
    try {
      const document = await readMultipartFile(
        req,
        this.config.documentMaxBytes,
        (file) => this.documents.upload(id, languageParam(language), file),
        (fields) => {
          if (!this.session.checkCsrf(context, fields)) throw new CsrfRefused();
          language = fields.language ?? '';
        },
      );
      res.redirect(HttpStatus.SEE_OTHER, this.back(document.meetingId, id, 'doc_uploaded'));
    } catch (error) {
      if (error instanceof CsrfRefused) return this.session.refuseCsrf(res, context);
      await this.refused(res, context, id, error);
    }
  }

  @Post('documents/:id/publish')
  @SecretariatPage()
  publish(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    return this.act(res, context, id, 'doc_published', () => this.documents.publish(id));
  }

  @Post('documents/:id/withdraw')
  @SecretariatPage()
  withdraw(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    return this.act(res, context, id, 'doc_withdrawn', () => this.documents.withdraw(id));
  }

  /** "Remind those who have not opened it" on the document page; a refusal shows beside the button. */
  @Post('documents/:id/reminders')
  @SecretariatPage()
  async chase(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    try {
      await this.distribution.chase(id, context.language);
      res.redirect(HttpStatus.SEE_OTHER, `/documents/${id}?done=doc_chased#readers`);
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      if (isNotFound(error)) return this.render(res, context, id);
      await this.render(res.status((error as HttpException).getStatus()), context, id, problems);
    }
  }

  private async act(
    res: Response,
    context: PageContext,
    id: string,
    done: string,
    run: () => Promise<{ meetingId: string | null }>,
  ) {
    try {
      const document = await run();
      res.redirect(HttpStatus.SEE_OTHER, this.back(document.meetingId, id, done));
    } catch (error) {
      await this.refused(res, context, id, error);
    }
  }

  /** A refusal shows the document page again with the reason beside the upload form, under the API's status. */
  private async refused(res: Response, context: PageContext, id: string, error: unknown) {
    const problems = problemsOf(error);
    if (!problems) throw error;
    // An unknown document: the page's own 404.
    if (isNotFound(error)) return this.render(res, context, id);
    const status = (error as HttpException).getStatus();
    // The rest of a refused upload is not read; the browser gets the answer and the connection closes.
    res.setHeader('Connection', 'close');
    await this.render(res.status(status), context, id, this.pages.fileProblems(problems, context.language, status));
  }

  private async render(
    res: Response,
    context: PageContext,
    id: string,
    problems: FieldProblem[] = [],
    done: string | null = null,
  ) {
    const data = await this.steps.found(res, context, () =>
      this.pages.documentPage(id, context.language, context.role === 'secretariat', problems),
    );
    if (!data) return;
    this.session.render(res, context, 'document', data.title, {
      ...data,
      done,
      // A refused reminder shows beside its button, not at the top.
      problems: problems.filter((p) => p.field !== 'documentId').map((p) => p.message),
      csrf: context.csrf,
    });
  }

  private back(meetingId: string | null, id: string, done: string): string {
    return meetingId ? `/meetings/${meetingId}?done=${done}#documents` : `/documents/${id}?done=${done}`;
  }
}
