import { Controller, Get, HttpStatus, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BodiesService } from '../bodies/bodies.service';
import type { FieldProblem } from '../common/http/api-error';
import { ContentTexts } from '../common/i18n/content-texts';
import { LANGUAGES } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { LetterSettingsDto } from '../letters/dto/letter-settings.dto';
import { LetterSettingsService, MAX_LETTER_IMAGE_BYTES } from '../letters/letter-settings.service';
import { labelledProblems } from './form-problems';
import { afterForm, attempt, submitForm } from './form-outcome';
import { byField } from './forms';
import {
  LETTER_CONTACTS,
  LETTER_IMAGES,
  LETTER_TEXTS,
  letterFormValues,
  letterSettingsBody,
  letterSettingsLabels,
  sentFormValues,
} from './letter-settings-form';
import type { LetterFormValues } from './letter-settings-form';
import { readMultipartForm } from './multipart-form';
import { foundOr } from './not-found';
import { CsrfCheckedInHandler, PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

// The phone box is a text box (styled like the others) that asks phones for their number pad.
const CONTACT_TYPES: Record<string, string> = { contactName: 'text', contactEmail: 'email', contactPhone: 'text' };

/** A body's letterhead, logo, signatory, signature and contact person, set from the page (the API's checks). */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('bodies')
export class LetterSettingsPagesController {
  constructor(
    private readonly texts: ContentTexts,
    private readonly session: PageSessionService,
    private readonly bodies: BodiesService,
    private readonly settings: LetterSettingsService,
  ) {}

  @Get(':id/letters')
  async show(
    @PageIdParam() id: string,
    @Query('saved') saved: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    await this.render(res, context, id, null, [], saved === '1');
  }

  /** Multipart for the images: the page token is read with the other fields, after the guard. */
  @Post(':id/letters')
  @CsrfCheckedInHandler()
  async save(
    @PageIdParam() id: string,
    @PageSession() context: PageContext,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { language } = context;
    const read = await attempt(() => readMultipartForm(req, [...LETTER_IMAGES], MAX_LETTER_IMAGE_BYTES));
    if (!read.ok) return this.render(res.status(read.status), context, id, null, read.problems, false);
    const form = read.value;
    if (!this.session.checkCsrf(context, form.fields)) return this.session.refuseCsrf(res, context);
    const outcome = await submitForm(LetterSettingsDto, letterSettingsBody(form), (dto) =>
      this.settings.update(id, dto, language),
    );
    if (!outcome.ok && outcome.status === Number(HttpStatus.NOT_FOUND)) return this.notFound(res, context);
    await afterForm(
      res,
      outcome,
      () => `/bodies/${id}/letters?saved=1`,
      (again, problems) =>
        this.render(
          again,
          context,
          id,
          sentFormValues(form),
          labelledProblems(problems, letterSettingsLabels(language), language),
          false,
        ),
    );
  }

  @Get(':id/letters/logo')
  logo(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    return this.image(res, context, id, 'logo');
  }

  @Get(':id/letters/signature')
  signature(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    return this.image(res, context, id, 'signature');
  }

  private async image(res: Response, context: PageContext, id: string, which: 'logo' | 'signature') {
    const image = await foundOr(
      () => this.settings.image(id, which),
      () => this.notFound(res, context),
    );
    if (image === null) {
      if (!res.headersSent) this.notFound(res, context);
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type(image.type).send(image.bytes);
  }

  private async render(
    res: Response,
    context: PageContext,
    id: string,
    sent: LetterFormValues | null,
    problems: FieldProblem[],
    saved: boolean,
  ) {
    const { language } = context;
    await foundOr(
      async () => {
        const body = await this.bodies.get(id);
        const stored = await this.settings.get(id);
        const values = sent ?? letterFormValues(stored);
        const errors = byField(problems);
        const labels = letterSettingsLabels(language);
        const texts = LETTER_TEXTS.map((field) => ({
          legend: labels[field],
          error: errors[field] ?? null,
          boxes: LANGUAGES.map((lang) => {
            const name = `${field}.${lang}`;
            return {
              id: `ls-${field}-${lang}`,
              name,
              lang,
              label: t(`language.in.${lang}`, language),
              value: values[name],
              error: errors[name] ?? null,
            };
          }),
        }));
        const contacts = LETTER_CONTACTS.map((field) => ({
          id: `ls-${field}`,
          name: field,
          type: CONTACT_TYPES[field],
          tel: field === 'contactPhone',
          label: labels[field],
          value: values[field],
          error: errors[field] ?? null,
        }));
        const images = LETTER_IMAGES.map((field) => ({
          id: `ls-${field}`,
          name: field,
          label: labels[field],
          stored: field === 'logo' ? stored.hasLogo : stored.hasSignature,
          src: `/bodies/${id}/letters/${field}`,
          error: errors[field] ?? null,
        }));
        const title = t('letterSettings.page.title', language, { body: this.texts.pick(body.name, language) });
        this.session.render(res, context, 'body-letters', title, {
          id,
          title,
          texts,
          contacts,
          images,
          problems,
          formError: errors.form ?? null,
          notice: saved ? t('letterSettings.page.saved', language) : null,
          csrf: context.csrf,
        });
      },
      () => this.notFound(res, context),
    );
  }

  private notFound(res: Response, context: PageContext) {
    this.session.message(res, context, HttpStatus.NOT_FOUND, t('bodies.notFound', context.language), [
      t('bodies.notFound.lead', context.language),
    ]);
  }
}
