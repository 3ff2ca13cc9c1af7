import { Body as FormBodyParam, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError } from '../common/http/api-error';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { PaperPublisher } from '../papers/paper-publisher.service';
import type { PublishedPaper } from '../papers/paper-publisher.service';
import type { PaperFile } from '../papers/papers.service';
import { PapersService } from '../papers/papers.service';
import type { FormBody } from './meeting-form-values';
import { MeetingPageSteps } from './meeting-page-steps';
import { MemberPage, PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

const languageOr = (value: unknown, fallback: Language): Language =>
  (LANGUAGES as readonly unknown[]).includes(value) ? (value as Language) : fallback;

/** The success sentence names the revision the papers became (1 the first time), or says nothing changed. */
function published(paper: 'participants' | 'minutes', { document, changed }: PublishedPaper) {
  return {
    done: `${paper}_${changed ? 'published' : 'unchanged'}`,
    counts: { revision: Math.max(...document.files.map((f) => f.revision)) },
  };
}

/** A meeting's papers as PDF downloads from its page: the secretariat's, and a member's own certificate. */
@ApiExcludeController()
@UseFilters(MalformedPageIdFilter)
@Controller('meetings')
export class MeetingPaperPagesController {
  constructor(
    private readonly papers: PapersService,
    private readonly publisher: PaperPublisher,
    private readonly steps: MeetingPageSteps,
    private readonly session: PageSessionService,
  ) {}

  @Get(':id/attendance-sheet.pdf')
  @SecretariatPage()
  sheet(
    @PageIdParam() id: string,
    @Query('language') language: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.send(res, context, () => this.papers.attendanceSheet(id, languageOr(language, context.language)));
  }

  @Get(':id/participants.pdf')
  @SecretariatPage()
  participants(
    @PageIdParam() id: string,
    @Query('language') language: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.send(res, context, () => this.papers.participantList(id, languageOr(language, context.language)));
  }

  @Get(':id/minutes.pdf')
  @SecretariatPage()
  minutes(
    @PageIdParam() id: string,
    @Query('language') language: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const chosen = (LANGUAGES as readonly unknown[]).includes(language) ? (language as Language) : undefined;
    return this.send(res, context, () => this.papers.minutes(id, chosen, context.language));
  }

  @Post(':id/papers/participants/publish')
  @SecretariatPage()
  publishParticipants(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'papers', async () =>
      published('participants', await this.publisher.publishParticipants(id, context.language)),
    );
  }

  @Post(':id/papers/minutes/publish')
  @SecretariatPage()
  publishMinutes(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'papers', async () =>
      published('minutes', await this.publisher.publishMinutes(id, context.language)),
    );
  }

  /** A member asks for their own; the secretariat for anyone's. */
  @Get(':id/certificates/:memberId.pdf')
  @MemberPage()
  certificate(
    @PageIdParam() id: string,
    @PageIdParam('memberId') memberId: string,
    @Query('language') language: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const chosen = (LANGUAGES as readonly unknown[]).includes(language) ? (language as Language) : undefined;
    return this.send(res, context, () => this.papers.certificate(id, memberId, chosen));
  }

  private async send(res: Response, context: PageContext, make: () => Promise<PaperFile>): Promise<void> {
    let file: PaperFile | null;
    try {
      file = await this.steps.found(res, context, make);
    } catch (error) {
      if (!(error instanceof ApiError) || error.getStatus() !== Number(HttpStatus.CONFLICT)) throw error;
      // The one paper refused for now: the list of participants before attendance is recorded.
      this.session.message(res, context, HttpStatus.CONFLICT, t('papers.participants.title', context.language), [
        t('papers.participants.notRecorded', context.language),
      ]);
      return;
    }
    if (!file) return;
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.end(file.body);
  }
}
