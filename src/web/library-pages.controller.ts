import { Body, Controller, Get, HttpStatus, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { t } from '../common/i18n/messages';
import type { FieldProblem } from '../common/http/api-error';
import { LibraryPageService } from './library-page.service';
import type { FormBody } from './meeting-form-values';
import { MeetingPageSteps } from './meeting-page-steps';
import { MemberPage, PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

/** A body's library: the standing documents (terms of reference, rules of procedure…). */
@ApiExcludeController()
@UseFilters(MalformedPageIdFilter)
@Controller('bodies')
export class LibraryPagesController {
  constructor(
    private readonly session: PageSessionService,
    private readonly steps: MeetingPageSteps,
    private readonly library: LibraryPageService,
  ) {}

  @Get(':id/library')
  @MemberPage()
  show(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    return this.render(res, context, id);
  }

  @Post(':id/library')
  @SecretariatPage()
  async create(
    @PageIdParam() id: string,
    @Body() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const outcome = await this.library.create(id, body);
    if (outcome.ok) return res.redirect(HttpStatus.SEE_OTHER, `/documents/${outcome.value.id}`);
    await this.render(res.status(outcome.status), context, id, { values: body, problems: outcome.problems });
  }

  private async render(
    res: Response,
    context: PageContext,
    id: string,
    form?: { values: FormBody; problems: FieldProblem[] },
  ) {
    const data = await this.steps.found(res, context, () =>
      this.library.page(id, context.member, context.role === 'secretariat', form),
    );
    if (!data) return;
    this.session.render(res, context, 'library', data.title, {
      ...data,
      csrf: context.csrf,
      heading: t('library.heading', context.language),
    });
  }
}
