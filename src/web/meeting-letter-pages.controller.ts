import { Body, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError } from '../common/http/api-error';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { LetterFile } from '../letters/letters.service';
import { LettersService } from '../letters/letters.service';
import { PASSPORT_FIELDS } from '../letters/passports.service';
import type { PassportField } from '../letters/passports.service';
import { attempt, afterForm } from './form-outcome';
import { problemsOf } from './forms';
import { MeetingLetterPagesService } from './meeting-letter-pages.service';
import { MeetingPageSteps } from './meeting-page-steps';
import { MemberPage, PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

const languageOr = (value: unknown): Language | undefined =>
  (LANGUAGES as readonly unknown[]).includes(value) ? (value as Language) : undefined;

/** Invitation and visa letters from the meeting pages, and the passport details a visa letter names. */
@ApiExcludeController()
@UseFilters(MalformedPageIdFilter)
@Controller('meetings')
export class MeetingLetterPagesController {
  constructor(
    private readonly letters: LettersService,
    private readonly view: MeetingLetterPagesService,
    private readonly steps: MeetingPageSteps,
    private readonly session: PageSessionService,
  ) {}

  @Get(':id/letters.pdf')
  @SecretariatPage()
  merged(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    return this.send(res, context, 'application/pdf', () => this.letters.mergedPdf(id));
  }

  @Get(':id/letters.zip')
  @SecretariatPage()
  async zip(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    const zip = await this.refusing(res, context, () => this.letters.zipStream(id));
    if (!zip) return;
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${zip.filename}"`);
    // A letter failing halfway can only cut the download short: the headers are already sent.
    zip.stream.on('error', () => res.destroy());
    zip.stream.pipe(res);
  }

  /** A member downloads their own letter; the secretariat anyone's. */
  @Get(':id/letters/:memberId.pdf')
  @MemberPage()
  letter(
    @PageIdParam() id: string,
    @PageIdParam('memberId') memberId: string,
    @Query('kind') kind: unknown,
    @Query('language') language: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.send(res, context, 'application/pdf', () =>
      this.letters.letter(
        id,
        memberId,
        kind === 'visa' ? 'visa' : 'invitation',
        languageOr(language),
        context.language,
      ),
    );
  }

  @Get(':id/letters/:memberId')
  @MemberPage()
  async page(
    @PageIdParam() id: string,
    @PageIdParam('memberId') memberId: string,
    @Query('done') done: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const view = await this.refusing(res, context, () =>
      this.view.view(context, id, memberId, undefined, done === 'saved'),
    );
    if (view) this.session.render(res, context, 'meeting-letters', view.title, view);
  }

  @Post(':id/letters/:memberId')
  @MemberPage()
  async save(
    @PageIdParam() id: string,
    @PageIdParam('memberId') memberId: string,
    @Body() body: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    await afterForm(
      res,
      await attempt(() => this.view.save(context, id, memberId, body)),
      () => `/meetings/${id}/letters/${memberId}?done=saved`,
      async (again, problems) => {
        const view = await this.refusing(again, context, () =>
          this.view.view(context, id, memberId, { typed: body, problems }),
        );
        if (view) this.session.render(again, context, 'meeting-letters', view.title, view);
      },
    );
  }

  /** Not found, not theirs (403) or not possible yet (a visa letter without passport details): a page says why. */
  private async refusing<T>(res: Response, context: PageContext, load: () => Promise<T>): Promise<T | null> {
    try {
      return await this.steps.found(res, context, load);
    } catch (error) {
      const status = error instanceof ApiError ? error.getStatus() : 0;
      if (status !== Number(HttpStatus.BAD_REQUEST) && status !== Number(HttpStatus.FORBIDDEN)) throw error;
      const problems = problemsOf(error) ?? [];
      const lines = problems.map(({ field, message }) =>
        (PASSPORT_FIELDS as readonly string[]).includes(field)
          ? `${t(`passport.${field as PassportField}`, context.language)}: ${message}`
          : message,
      );
      this.session.message(res, context, status, t('letters.page.refused', context.language), lines);
      return null;
    }
  }

  private async send(
    res: Response,
    context: PageContext,
    type: string,
    make: () => Promise<LetterFile>,
  ): Promise<void> {
    const file = await this.refusing(res, context, make);
    if (!file) return;
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.end(file.pdf);
  }
}
