import { Body as FormBodyParam, Controller, Get, HttpStatus, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { FieldProblem } from '../common/http/api-error';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { InboxService } from '../inbound/inbox.service';
import { SUGGESTED_ACTIONS } from '../inbound/reply-intent';
import { attempt } from './form-outcome';
import { InboxPageService } from './inbox-page.service';
import type { FormBody } from './meeting-form-values';
import { PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

const DONE = ['applied', 'dismissed'];

/** The secretariat's inbox: replies with a suggested answer applied in one click, unknown senders, dismissing. */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('inbox')
export class InboxPagesController {
  constructor(
    private readonly session: PageSessionService,
    private readonly view: InboxPageService,
    private readonly inbox: InboxService,
  ) {}

  @Get()
  async list(@PageSession() context: PageContext, @Req() req: Request, @Res() res: Response) {
    await this.render(res, context, req.query, []);
  }

  @Post(':id/apply')
  async apply(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const action = typeof body.action === 'string' ? body.action : '';
    const outcome = await attempt(() => this.inbox.apply(id, action, context.language));
    if (!outcome.ok) return this.refused(res.status(outcome.status), context, outcome.problems);
    const { value } = outcome;
    // "Need more time" changes nothing here: the activity opens with the reply, to set the new deadline there.
    if (value.action === 'more_time' && value.itemId)
      return res.redirect(HttpStatus.SEE_OTHER, `/work-plan/items/${value.itemId}?fromReply=${id}`);
    res.redirect(HttpStatus.SEE_OTHER, `/inbox?done=applied&action=${value.action}`);
  }

  @Post(':id/dismiss')
  async dismiss(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    const outcome = await attempt(() => this.inbox.dismiss(id));
    if (!outcome.ok) return this.refused(res.status(outcome.status), context, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, '/inbox?done=dismissed');
  }

  private refused(res: Response, context: PageContext, problems: FieldProblem[]) {
    if (res.statusCode === Number(HttpStatus.NOT_FOUND))
      return this.session.message(res, context, HttpStatus.NOT_FOUND, t('inbox.missing', context.language), []);
    return this.render(res, context, {}, problems);
  }

  private async render(res: Response, context: PageContext, query: Request['query'], problems: FieldProblem[]) {
    const { language } = context;
    const open = query.show !== 'handled';
    const pageText = typeof query.page === 'string' ? query.page : '1';
    const page = /^[1-9]\d{0,5}$/.test(pageText) ? Number(pageText) : 1;
    const data = await this.view.list(open, page, language, context.member.timeZone);
    const done = typeof query.done === 'string' && DONE.includes(query.done) ? query.done : null;
    const action =
      typeof query.action === 'string' && (SUGGESTED_ACTIONS as readonly string[]).includes(query.action)
        ? query.action
        : null;
    const notice =
      done === 'applied' && action
        ? t('inbox.done.applied', language, { action: t(`inbox.suggested.${action}` as MessageKey, language) })
        : done === 'dismissed'
          ? t('inbox.done.dismissed', language)
          : null;
    this.session.render(res, context, 'inbox', t('inbox.title', language), {
      ...data,
      notice,
      problems: problems.map((p) => p.message),
      csrf: context.csrf,
    });
  }
}
