import { Body as FormBody, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiTokensService } from '../auth/api-tokens.service';
import { CreateApiTokenDto } from '../auth/dto/create-api-token.dto';
import type { FieldProblem } from '../common/http/api-error';
import { t } from '../common/i18n/messages';
import { textValues } from './body-form.service';
import type { FormValues } from './body-form.service';
import { attempt, submitForm } from './form-outcome';
import { blankToUndefined } from './forms';
import { labelledProblems } from './form-problems';
import { PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';
import { TokenPageService } from './token-page.service';

const EMPTY: FormValues = { name: '', role: 'secretariat', memberId: '' };

/** A new token is shown on the answer to its form, once, never in an address or a later page. */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('tokens')
export class TokenPagesController {
  constructor(
    private readonly session: PageSessionService,
    private readonly tokens: ApiTokensService,
    private readonly pages: TokenPageService,
  ) {}

  @Get()
  async list(@Query('revoked') revoked: unknown, @PageSession() context: PageContext, @Res() res: Response) {
    await this.render(res, context, EMPTY, [], {
      notice: revoked === '1' ? t('tokens.revoked', context.language) : null,
    });
  }

  @Post()
  async create(@FormBody() form: Record<string, unknown>, @PageSession() context: PageContext, @Res() res: Response) {
    const values = textValues(form, ['name', 'role', 'memberId']);
    const input = blankToUndefined(values.role === 'member' ? values : { ...values, memberId: '' });
    // The form says it in the reader's words; the service refuses the same in the API's.
    const outcome =
      values.role === 'member' && !values.memberId
        ? {
            ok: false as const,
            status: HttpStatus.BAD_REQUEST,
            problems: [{ field: 'memberId', message: t('tokens.member.required', context.language) }],
          }
        : await submitForm(CreateApiTokenDto, input, (dto) => this.tokens.create(dto));
    if (!outcome.ok) {
      const { language } = context;
      const labels = {
        name: t('tokens.name', language),
        role: t('tokens.role', language),
        memberId: t('tokens.member', language),
      };
      return this.render(
        res.status(outcome.status),
        context,
        values,
        labelledProblems(outcome.problems, labels, language),
      );
    }
    await this.render(res.status(HttpStatus.CREATED), context, EMPTY, [], {
      created: {
        sentence: t('tokens.created', context.language, { name: outcome.value.apiToken.name }),
        token: outcome.value.token,
      },
    });
  }

  @Post(':id/revoke')
  async revoke(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    const outcome = await attempt(() => this.tokens.revoke(id));
    if (!outcome.ok) {
      return this.session.message(res, context, HttpStatus.NOT_FOUND, t('page.notFound', context.language), [
        t('page.notFound.lead', context.language),
      ]);
    }
    res.redirect(HttpStatus.SEE_OTHER, '/tokens?revoked=1');
  }

  private async render(
    res: Response,
    context: PageContext,
    values: FormValues,
    problems: FieldProblem[],
    extra: Record<string, unknown> = {},
  ) {
    res.setHeader('Cache-Control', 'no-store');
    this.session.render(res, context, 'tokens', t('tokens.title', context.language), {
      ...(await this.pages.view(values, problems, context.language, context.member.timeZone)),
      csrf: context.csrf,
      ...extra,
    });
  }
}
