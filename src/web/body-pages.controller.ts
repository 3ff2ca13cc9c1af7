import { ContentTexts } from '../common/i18n/content-texts';
import { Body as FormBody, Controller, Get, HttpStatus, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { BodiesService } from '../bodies/bodies.service';
import type { Body } from '../bodies/body.entity';
import type { FieldProblem } from '../common/http/api-error';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { BodyFormService, textValues, TERM_FIELDS } from './body-form.service';
import type { FormValues } from './body-form.service';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { BodyOverviewService, seatHref } from './body-overview.service';
import { byField } from './forms';
import { labelledProblems } from './form-problems';
import type { Language } from '../common/i18n/languages';
import { afterForm } from './form-outcome';
import type { FormOutcome } from './form-outcome';
import { foundOr } from './not-found';
import { PageSession, SecretariatPage } from './page-access';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

/** Success sentences a redirect may name (?saved=…); nothing else from the address is shown. */
const SAVED: Record<string, MessageKey> = {
  created: 'bodies.created',
  updated: 'bodies.updated',
  term: 'bodies.term.added',
  ended: 'bodies.term.ended',
  replaced: 'bodies.term.replaced',
};

const bodyLabels = (language: Language) => ({
  name: t('members.name', language),
  kind: t('bodies.kind', language),
  parentId: t('bodies.form.parent', language),
  timeZone: t('bodies.form.timeZone', language),
  'documentDistribution.documentsDays': t('bodies.form.documentsDays', language),
  'documentDistribution.translationsDays': t('bodies.form.translationsDays', language),
  'documentDistribution.requiredLanguages': t('bodies.form.requiredLanguages', language).replace(/:\s*$/, ''),
});

const termLabels = (language: Language) => ({
  memberId: t('bodies.term.member', language),
  role: t('members.term.role', language),
  seat: t('members.term.seat', language),
  startDate: t('bodies.term.start', language),
  endDate: t('bodies.term.endDate', language),
});

interface Failed {
  form: string;
  values: FormValues;
  problems: FieldProblem[];
}

@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('bodies')
export class BodyPagesController {
  constructor(
    private readonly texts: ContentTexts,
    private readonly session: PageSessionService,
    private readonly overview: BodyOverviewService,
    private readonly forms: BodyFormService,
    private readonly bodies: BodiesService,
  ) {}

  @Get()
  async list(@Query('saved') saved: unknown, @PageSession() context: PageContext, @Res() res: Response) {
    this.session.render(res, context, 'bodies', t('bodies.title', context.language), {
      bodies: await this.overview.list(context.language),
      notice: this.notice(saved, context),
    });
  }

  @Get('new')
  async newForm(@PageSession() context: PageContext, @Res() res: Response) {
    await this.renderBodyForm(res, context, null, this.forms.bodyValues(null, context.member.timeZone), []);
  }

  @Post()
  async create(@FormBody() form: Record<string, unknown>, @PageSession() context: PageContext, @Res() res: Response) {
    const { values, outcome } = await this.forms.saveBody(null, form);
    await afterForm(
      res,
      outcome,
      (body) => `/bodies/${body.id}?saved=created`,
      (again, problems) => this.renderBodyForm(again, context, null, values, problems),
    );
  }

  @Get(':id')
  async show(
    @PageIdParam() id: string,
    @Query('at') at: unknown,
    @Query('saved') saved: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    await this.renderBody(res, context, id, at, saved);
  }

  @Get(':id/edit')
  async editForm(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    const body = await this.find(res, context, id);
    if (body) await this.renderBodyForm(res, context, body, this.forms.bodyValues(body), []);
  }

  @Post(':id')
  async update(
    @PageIdParam() id: string,
    @FormBody() form: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const body = await this.find(res, context, id);
    if (!body) return;
    const { values, outcome } = await this.forms.saveBody(id, form);
    await afterForm(
      res,
      outcome,
      () => `/bodies/${id}?saved=updated`,
      (again, problems) => this.renderBodyForm(again, context, body, values, problems),
    );
  }

  @Post(':id/terms')
  async addTerm(
    @PageIdParam() id: string,
    @FormBody() form: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    if (!(await this.find(res, context, id))) return;
    await afterForm(
      res,
      await this.forms.addTerm(id, form),
      () => `/bodies/${id}?saved=term#h-composition`,
      (again, problems) =>
        this.renderBody(again, context, id, undefined, undefined, {
          form: 'term',
          values: textValues(form, TERM_FIELDS),
          problems: labelledProblems(problems, termLabels(context.language), context.language),
        }),
    );
  }

  @Get(':id/seats/:seat')
  async seat(
    @PageIdParam() id: string,
    @Param('seat') seat: string,
    @Query('saved') saved: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    await this.renderSeat(res, context, id, seat, saved);
  }

  @Post(':id/seats/:seat/terms/:termId/end')
  async endTerm(
    @PageIdParam() id: string,
    @Param('seat') seat: string,
    @PageIdParam('termId') termId: string,
    @FormBody() form: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const outcome = await this.forms.endTerm(id, termId, form, context.language);
    await this.afterSeatForm(res, context, id, seat, `end-${termId}`, form, outcome, 'ended');
  }

  @Post(':id/seats/:seat/terms/:termId/replace')
  async replaceHolder(
    @PageIdParam() id: string,
    @Param('seat') seat: string,
    @PageIdParam('termId') termId: string,
    @FormBody() form: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const outcome = await this.forms.replaceHolder(id, termId, form);
    await this.afterSeatForm(res, context, id, seat, `replace-${termId}`, form, outcome, 'replaced');
  }

  private async afterSeatForm(
    res: Response,
    context: PageContext,
    id: string,
    seat: string,
    formName: string,
    form: Record<string, unknown>,
    outcome: FormOutcome<unknown>,
    saved: string,
  ) {
    if (outcome.ok) return res.redirect(HttpStatus.SEE_OTHER, `${seatHref(id, seat)}?saved=${saved}`);
    if (outcome.problems.length === 1 && outcome.problems[0].field === 'form' && outcome.status === 404)
      return this.notFound(res, context);
    await this.renderSeat(res.status(outcome.status), context, id, seat, undefined, {
      form: formName,
      values: textValues(form, ['memberId', 'startDate', 'endDate', 'role']),
      problems: labelledProblems(
        outcome.problems,
        {
          ...termLabels(context.language),
          memberId: t('bodies.term.replace.member', context.language),
        },
        context.language,
      ),
    });
  }

  private async renderBody(
    res: Response,
    context: PageContext,
    id: string,
    at: unknown,
    saved: unknown,
    failed?: Failed,
  ) {
    const { language } = context;
    await foundOr(
      async () => {
        const body = await this.overview.overview(id, at, language);
        if (!failed) res.status(body.status);
        const values = failed?.values ?? { memberId: '', role: 'member', seat: '', startDate: '' };
        this.session.render(res, context, 'body', body.name, {
          ...body,
          id,
          notice: this.notice(saved, context),
          csrf: context.csrf,
          termForm: {
            values,
            errors: failed ? byField(failed.problems) : {},
            problems: failed?.problems ?? [],
            members: await this.forms.memberChoices(values.memberId),
            roles: this.forms.roleChoices(values.role, language),
          },
        });
      },
      () => this.notFound(res, context),
    );
  }

  private async renderSeat(
    res: Response,
    context: PageContext,
    id: string,
    seat: string,
    saved: unknown,
    failed?: Failed,
  ) {
    const { language } = context;
    await foundOr(
      async () => {
        const data = await this.overview.seat(id, seat, language);
        const members = await this.forms.memberChoices(failed?.values.memberId ?? '');
        const errors = failed ? byField(failed.problems) : {};
        const terms = data.terms.map((term) => {
          const mine = (form: string) => failed?.form === `${form}-${term.id}`;
          return {
            ...term,
            end: {
              action: `${seatHref(id, seat)}/terms/${term.id}/end`,
              value: mine('end') ? failed!.values.endDate : data.today,
              errors: mine('end') ? errors : {},
            },
            replace: {
              action: `${seatHref(id, seat)}/terms/${term.id}/replace`,
              lead: t('bodies.term.replace.lead', language, { name: term.fullName }),
              startDate: mine('replace') ? failed!.values.startDate : '',
              members: mine('replace') ? members : members.map((m) => ({ ...m, selected: false })),
              errors: mine('replace') ? errors : {},
            },
          };
        });
        const title = t('bodies.seat.title', language, { seat, body: data.bodyName });
        this.session.render(res, context, 'body-seat', title, {
          id,
          seat,
          terms,
          running: terms.filter((term) => term.running),
          problems: failed?.problems ?? [],
          notice: this.notice(saved, context),
          csrf: context.csrf,
        });
      },
      () => this.notFound(res, context),
    );
  }

  private async renderBodyForm(
    res: Response,
    context: PageContext,
    body: Body | null,
    values: FormValues,
    problems: FieldProblem[],
  ) {
    const { language } = context;
    const title = body
      ? t('bodies.editing', language, { name: this.texts.pick(body.name, language) })
      : t('bodies.new', language);
    const labelled = labelledProblems(problems, bodyLabels(language), language);
    this.session.render(res, context, 'body-form', title, {
      ...(await this.forms.bodyFormView(body?.id ?? null, values, labelled, language)),
      action: body ? `/bodies/${body.id}` : '/bodies',
      cancel: body ? `/bodies/${body.id}` : '/bodies',
      csrf: context.csrf,
    });
  }

  private notice(saved: unknown, context: PageContext): string | null {
    return typeof saved === 'string' && Object.hasOwn(SAVED, saved) ? t(SAVED[saved], context.language) : null;
  }

  private find(res: Response, context: PageContext, id: string): Promise<Body | null> {
    return foundOr(
      () => this.bodies.get(id),
      () => this.notFound(res, context),
    );
  }

  private notFound(res: Response, context: PageContext) {
    this.session.message(res, context, HttpStatus.NOT_FOUND, t('bodies.notFound', context.language), [
      t('bodies.notFound.lead', context.language),
    ]);
  }
}
