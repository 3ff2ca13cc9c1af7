import { Body as FormBodyParam, Controller, Get, HttpStatus, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isUUID } from 'class-validator';
import type { FieldProblem } from '../common/http/api-error';
import { ContentTexts } from '../common/i18n/content-texts';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { InboxService } from '../inbound/inbox.service';
import { CreateWorkPlanItemDto, UpdateWorkPlanItemDto } from '../work-plan/dto/work-plan-item.dto';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import { WorkPlansService } from '../work-plan/work-plans.service';
import { submitForm } from './form-outcome';
import { problemsOf } from './forms';
import type { FormBody } from './meeting-form-values';
import { MeetingPageSteps } from './meeting-page-steps';
import { MemberMeetingService } from './member-meeting.service';
import { MyPageService } from './my-page.service';
import { MemberPage, PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';
import { itemInput, statusInput } from './work-plan-form-values';
import { WorkPlanFormsService } from './work-plan-forms.service';

const DONE = ['item_created', 'item_updated', 'status'];

@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('work-plan')
export class WorkPlanItemPagesController {
  constructor(
    private readonly session: PageSessionService,
    private readonly forms: WorkPlanFormsService,
    private readonly plans: WorkPlansService,
    private readonly items: WorkPlanItemsService,
    private readonly steps: MeetingPageSteps,
    private readonly myPage: MyPageService,
    private readonly meetings: MemberMeetingService,
    private readonly texts: ContentTexts,
    private readonly inbox: InboxService,
  ) {}

  @Get(':planId/items/new')
  async newForm(@PageIdParam('planId') planId: string, @PageSession() context: PageContext, @Res() res: Response) {
    await this.renderItemForm(res, context, planId, null, {});
  }

  @Post(':planId/items/new')
  async create(
    @PageIdParam('planId') planId: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    if (body.check !== undefined) return this.renderItemForm(res, context, planId, null, body);
    const outcome = await submitForm(CreateWorkPlanItemDto, itemInput(body, false), (dto) =>
      this.items.create(planId, dto),
    );
    if (!outcome.ok)
      return this.renderItemForm(res.status(outcome.status), context, planId, null, body, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/work-plan/items/${outcome.value.id}?done=item_created`);
  }

  /** Where the reminders link: the secretariat's page of the activity, or what a member may see and do there. */
  @Get('items/:itemId')
  @MemberPage()
  async item(
    @PageIdParam('itemId') itemId: string,
    @PageSession() context: PageContext,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    if (context.role !== 'secretariat') return this.memberItem(itemId, context, res);
    const done = typeof req.query.done === 'string' && DONE.includes(req.query.done) ? req.query.done : null;
    // Opened from the inbox for a reply asking for more time: the reply shown, the status note filled in.
    const fromReply =
      typeof req.query.fromReply === 'string' && isUUID(req.query.fromReply) ? req.query.fromReply : null;
    const reply = fromReply ? await this.inbox.replyText(fromReply) : null;
    const statusValues = reply
      ? { changeNote: t('inbox.moreTime.note', context.language, { officer: context.member.fullName }) }
      : {};
    const replyView = reply
      ? { lead: t('inbox.moreTime', context.language, { name: reply.memberName ?? '—' }), text: reply.text }
      : null;
    await this.renderItem(res, context, itemId, statusValues, [], done, replyView);
  }

  @Post('items/:itemId/status')
  async status(
    @PageIdParam('itemId') itemId: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const outcome = await submitForm(UpdateWorkPlanItemDto, statusInput(body), (dto) => this.items.update(itemId, dto));
    if (!outcome.ok) {
      if (outcome.status === Number(HttpStatus.NOT_FOUND)) return this.missing(res, context);
      return this.renderItem(res.status(outcome.status), context, itemId, body, outcome.problems, null);
    }
    res.redirect(HttpStatus.SEE_OTHER, `/work-plan/items/${itemId}?done=status`);
  }

  @Get('items/:itemId/edit')
  async editForm(@PageIdParam('itemId') itemId: string, @PageSession() context: PageContext, @Res() res: Response) {
    const values = await this.forms.itemValues(itemId);
    if (!values) return this.missing(res, context);
    const item = await this.items.get(itemId);
    await this.renderItemForm(res, context, item.workPlanId, itemId, values);
  }

  @Post('items/:itemId/edit')
  async edit(
    @PageIdParam('itemId') itemId: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const current = await this.forms.itemValues(itemId);
    if (!current) return this.missing(res, context);
    const { workPlanId } = await this.items.get(itemId);
    if (body.check !== undefined) return this.renderItemForm(res, context, workPlanId, itemId, body);
    const outcome = await submitForm(UpdateWorkPlanItemDto, itemInput(body, true), (dto) =>
      this.items.update(itemId, dto),
    );
    if (!outcome.ok)
      return this.renderItemForm(res.status(outcome.status), context, workPlanId, itemId, body, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/work-plan/items/${itemId}?done=item_updated`);
  }

  private async memberItem(id: string, context: PageContext, res: Response) {
    const data = await this.steps.found(res, context, () =>
      this.meetings.hidden(() => this.myPage.item(id, context.member, context.language)),
    );
    if (data)
      this.session.render(res, context, 'work-plan-item-member', data.activity, { ...data, csrf: context.csrf });
  }

  private async renderItem(
    res: Response,
    context: PageContext,
    itemId: string,
    statusValues: FormBody,
    problems: FieldProblem[],
    done: string | null,
    reply: { lead: string; text: string } | null = null,
  ) {
    const { language } = context;
    let data;
    try {
      data = await this.forms.itemPage(itemId, language, context.member.timeZone, statusValues, problems);
    } catch (error) {
      if (problemsOf(error) === null) throw error;
      return this.missing(res, context);
    }
    this.session.render(res, context, 'work-plan-item', data.item.activity, {
      ...data,
      csrf: context.csrf,
      done: done ? t(`wpp.done.${done}` as MessageKey, language) : null,
      reply,
    });
  }

  private async renderItemForm(
    res: Response,
    context: PageContext,
    planId: string,
    itemId: string | null,
    values: FormBody,
    problems: FieldProblem[] = [],
  ) {
    const { language } = context;
    let plan;
    try {
      plan = await this.plans.get(planId);
    } catch (error) {
      if (problemsOf(error) === null) throw error;
      return this.session.message(res, context, HttpStatus.NOT_FOUND, t('wpp.plan.missing', language), []);
    }
    const form = await this.forms.itemForm(planId, language, context.member.timeZone, values, problems);
    this.session.render(
      res,
      context,
      'work-plan-item-form',
      t(itemId ? 'wpp.item.edit' : 'wpp.item.new.title', language),
      { ...form, planId, itemId, plan: this.texts.pick(plan.title, language), csrf: context.csrf },
    );
  }

  private missing(res: Response, context: PageContext) {
    this.session.message(res, context, HttpStatus.NOT_FOUND, t('wpp.item.missing', context.language), []);
  }
}
