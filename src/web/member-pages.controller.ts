import { CachedPage } from './cached-page.interceptor';
import { Body, Controller, Get, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import type { Member } from '../members/member.entity';
import { MembersService } from '../members/members.service';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { LANGUAGE_NAMES } from './choices';
import { MemberDirectoryService } from './member-directory.service';
import { MemberFormService } from './member-form.service';
import type { MemberFormValues } from './member-form.service';
import { MemberRecordService } from './member-record.service';
import { PageSession, SecretariatPage } from './page-access';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';
import { isNotFound } from './not-found';
import type { FieldProblem } from '../common/http/api-error';
import { ContentTexts } from '../common/i18n/content-texts';

const SAVED = { created: 'members.created', updated: 'members.updated' } as const;

/** The secretariat's pages about members: the filtered list, one member's record, the add and edit forms. */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('members')
export class MemberPagesController {
  constructor(
    private readonly texts: ContentTexts,
    private readonly session: PageSessionService,
    private readonly directory: MemberDirectoryService,
    private readonly forms: MemberFormService,
    private readonly record: MemberRecordService,
    private readonly members: MembersService,
  ) {}

  @CachedPage()
  @Get()
  async list(@Query() query: Record<string, unknown>, @PageSession() context: PageContext, @Res() res: Response) {
    const page = await this.directory.page(query, context.language);
    res.status(page.status);
    this.session.render(res, context, 'members', t('members.title', context.language), page);
  }

  @Get('new')
  async newForm(@PageSession() context: PageContext, @Res() res: Response) {
    await this.renderForm(res, context, null, this.forms.valuesOf(null), []);
  }

  @Post()
  async create(@Body() body: Record<string, unknown>, @PageSession() context: PageContext, @Res() res: Response) {
    const outcome = await this.forms.save(null, body);
    if (!outcome.ok)
      return this.renderForm(res.status(outcome.status), context, null, outcome.values, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/members/${outcome.member.id}?saved=created`);
  }

  @Get(':id')
  async show(
    @PageIdParam() id: string,
    @Query('saved') saved: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const member = await this.find(id, res, context);
    if (!member) return;
    const reader = { language: context.language, timeZone: context.member.timeZone };
    const [terms, meetings, items, emails] = await Promise.all([
      this.record.terms(id, reader),
      this.record.meetings(id, reader),
      this.record.workPlanItems(id, reader),
      this.record.emails(id, reader),
    ]);
    this.session.render(res, context, 'member', member.fullName, {
      member,
      organization: member.organization ? this.texts.pick(member.organization.name, context.language) : '—',
      digest: label('digestPreference', member.digest, context.language),
      languageName: LANGUAGE_NAMES[member.language],
      ...this.record.mailboxNotes(member, reader),
      notice: saved === 'created' || saved === 'updated' ? t(SAVED[saved], context.language) : null,
      terms,
      meetings,
      items,
      emails,
    });
  }

  @Get(':id/edit')
  async editForm(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    const member = await this.find(id, res, context);
    if (!member) return;
    await this.renderForm(res, context, member, this.forms.valuesOf(member), []);
  }

  @Post(':id')
  async update(
    @PageIdParam() id: string,
    @Body() body: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const member = await this.find(id, res, context);
    if (!member) return;
    const outcome = await this.forms.save(id, body);
    if (!outcome.ok)
      return this.renderForm(res.status(outcome.status), context, member, outcome.values, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/members/${id}?saved=updated`);
  }

  private async find(id: string, res: Response, context: PageContext): Promise<Member | null> {
    try {
      return await this.members.get(id);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.session.message(res, context, HttpStatus.NOT_FOUND, t('members.notFound', context.language), [
        t('members.notFound.lead', context.language),
      ]);
      return null;
    }
  }

  private async renderForm(
    res: Response,
    context: PageContext,
    member: Member | null,
    values: MemberFormValues,
    problems: FieldProblem[],
  ) {
    const title = member
      ? t('members.editing', context.language, { name: member.fullName })
      : t('members.new', context.language);
    this.session.render(res, context, 'member-form', title, {
      ...(await this.forms.view(values, problems, context.language)),
      action: member ? `/members/${member.id}` : '/members',
      cancel: member ? `/members/${member.id}` : '/members',
      csrf: context.csrf,
    });
  }
}
