import { ContentTexts } from '../common/i18n/content-texts';
import { Body as FormBody, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { FieldProblem } from '../common/http/api-error';
import { t } from '../common/i18n/messages';
import type { OrganizationResponse } from '../organizations/dto/organization.response';
import { OrganizationsService } from '../organizations/organizations.service';
import type { FormValues } from './body-form.service';
import { labelledProblems } from './form-problems';
import { afterForm } from './form-outcome';
import { foundOr } from './not-found';
import { OrganizationFormService } from './organization-form.service';
import { PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

const SAVED = { created: 'orgs.created', updated: 'orgs.updated', focal: 'orgs.focal.saved' } as const;

/** What the focal-point form shows: the ticks, and why the last try was refused. */
interface FocalForm {
  chosen: string[];
  problems: FieldProblem[];
}

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
      notice:
        saved === 'created' || saved === 'updated' || saved === 'focal' ? t(SAVED[saved], context.language) : null,
    });
  }

  @Get('new')
  newForm(@PageSession() context: PageContext, @Res() res: Response) {
    return this.renderForm(res, context, null, this.forms.valuesOf(null), []);
  }

  @Post()
  async create(@FormBody() form: Record<string, unknown>, @PageSession() context: PageContext, @Res() res: Response) {
    const { values, outcome } = await this.forms.save(null, form);
    await afterForm(
      res,
      outcome,
      (organization) => `/organizations?saved=created#org-${organization.id}`,
      (again, problems) => this.renderForm(again, context, null, values, problems),
    );
  }

  @Get(':id/edit')
  async editForm(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    const organization = await this.find(res, context, id);
    if (organization) await this.renderForm(res, context, organization, this.forms.valuesOf(organization), []);
  }

  @Post(':id/focal-points')
  async focalPoints(
    @PageIdParam() id: string,
    @FormBody() form: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const organization = await this.find(res, context, id);
    if (!organization) return;
    const { chosen, outcome } = await this.forms.saveFocalPoints(id, form);
    await afterForm(
      res,
      outcome,
      () => `/organizations?saved=focal#org-${id}`,
      (again, problems) =>
        this.renderForm(again, context, organization, this.forms.valuesOf(organization), [], { chosen, problems }),
    );
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
    await afterForm(
      res,
      outcome,
      () => `/organizations?saved=updated#org-${id}`,
      (again, problems) => this.renderForm(again, context, organization, values, problems),
    );
  }

  private async renderForm(
    res: Response,
    context: PageContext,
    organization: OrganizationResponse | null,
    values: FormValues,
    problems: FieldProblem[],
    focal: FocalForm = { chosen: organization?.focalPointMemberIds ?? [], problems: [] },
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
    const focalProblems = labelledProblems(
      focal.problems,
      { focalPointMemberIds: t('orgs.focal.title', language) },
      language,
    );
    this.session.render(res, context, 'organization-form', title, {
      ...this.forms.view(values, labelledProblems(problems, labels, language), language),
      focal: organization
        ? {
            members: await this.forms.focalPointChoices(organization, focal.chosen, language),
            problems: focalProblems,
            action: `/organizations/${organization.id}/focal-points`,
          }
        : null,
      id: organization?.id ?? null,
      action: organization ? `/organizations/${organization.id}` : '/organizations',
      csrf: context.csrf,
    });
  }

  private find(res: Response, context: PageContext, id: string): Promise<OrganizationResponse | null> {
    return foundOr(
      () => this.organizations.get(id),
      () =>
        this.session.message(res, context, HttpStatus.NOT_FOUND, t('orgs.notFound', context.language), [
          t('orgs.notFound.lead', context.language),
        ]),
    );
  }
}
