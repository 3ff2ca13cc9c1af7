import { ContentTexts } from '../common/i18n/content-texts';
import { Body as FormBody, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { FieldProblem } from '../common/http/api-error';
import { t } from '../common/i18n/messages';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import type { FormValues } from './body-form.service';
import { labelledProblems } from './form-problems';
import { isNotFound } from './not-found';
import { OrganizationFormService } from './organization-form.service';
import { PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

const SAVED = { created: 'orgs.created', updated: 'orgs.updated' } as const;

/** The secretariat's pages about organisations: the list, the add and edit forms. */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('organizations')
export class OrganizationPagesController {
  constructor(
    private readonly texts: ContentTexts,
    private readonly session: PageSessionService,
    private readonly forms: OrganizationFormService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get()
  async list(@Query('saved') saved: unknown, @PageSession() context: PageContext, @Res() res: Response) {
    this.session.render(res, context, 'organizations', t('orgs.title', context.language), {
      organizations: await this.forms.list(context.language),
      notice: saved === 'created' || saved === 'updated' ? t(SAVED[saved], context.language) : null,
    });
  }

  @Get('new')
  newForm(@PageSession() context: PageContext, @Res() res: Response) {
    this.renderForm(res, context, null, this.forms.valuesOf(null), []);
  }

  @Post()
  async create(@FormBody() form: Record<string, unknown>, @PageSession() context: PageContext, @Res() res: Response) {
    const { values, outcome } = await this.forms.save(null, form);
    if (!outcome.ok) return this.renderForm(res.status(outcome.status), context, null, values, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/organizations?saved=created#org-${outcome.value.id}`);
  }

  @Get(':id/edit')
  async editForm(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    const organization = await this.find(res, context, id);
    if (organization) this.renderForm(res, context, organization, this.forms.valuesOf(organization), []);
  }

  @Post(':id')
  async update(
    @PageIdParam() id: string,
    @FormBody() form: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const organization = await this.find(res, context, id);
    if (!organization) return;
    const { values, outcome } = await this.forms.save(id, form);
    if (!outcome.ok)
      return this.renderForm(res.status(outcome.status), context, organization, values, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/organizations?saved=updated#org-${id}`);
  }

  private renderForm(
    res: Response,
    context: PageContext,
    organization: Organization | null,
    values: FormValues,
    problems: FieldProblem[],
  ) {
    const { language } = context;
    const title = organization
      ? t('orgs.editing', language, { name: this.texts.pick(organization.name, language) })
      : t('orgs.new', language);
    const labels = {
      name: t('members.name', language),
      kind: t('bodies.kind', language),
      countryCode: t('members.country', language),
    };
    this.session.render(res, context, 'organization-form', title, {
      ...this.forms.view(values, labelledProblems(problems, labels, language), language),
      id: organization?.id ?? null,
      action: organization ? `/organizations/${organization.id}` : '/organizations',
      csrf: context.csrf,
    });
  }

  private async find(res: Response, context: PageContext, id: string): Promise<Organization | null> {
    try {
      return await this.organizations.get(id);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.session.message(res, context, HttpStatus.NOT_FOUND, t('orgs.notFound', context.language), [
        t('orgs.notFound.lead', context.language),
      ]);
      return null;
    }
  }
}
