import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { t } from '../common/i18n/messages';
import { MeetingCalendarService } from '../meetings/meeting-calendar.service';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import type { FormOutcome } from './form-outcome';
import { MyPageService } from './my-page.service';
import type { MyPageFailure } from './my-page.service';
import { MemberPage, PageSession } from './page-access';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

const DONE = {
  answer: 'my.answer.saved',
  poll: 'my.poll.saved',
  item: 'my.item.saved',
  preferences: 'prefs.saved',
  feedRevoked: 'my.feed.revoked',
} as const;
type Done = keyof typeof DONE;

/** The page of whoever is signed in, secretariat or not: their meetings, items and preferences, and sign-out. */
@ApiExcludeController()
@MemberPage()
@UseFilters(MalformedPageIdFilter)
@Controller('me')
export class MyPageController {
  constructor(
    private readonly session: PageSessionService,
    private readonly myPage: MyPageService,
    private readonly calendar: MeetingCalendarService,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async show(@Query('done') done: unknown, @PageSession() context: PageContext, @Res() res: Response) {
    await this.render(res, context, typeof done === 'string' && done in DONE ? (done as Done) : null);
  }

  @Post('meetings/:meetingId/answer')
  async answer(
    @PageIdParam('meetingId') meetingId: string,
    @Body() body: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const outcome = await this.myPage.answer(context.member, meetingId, body, context.language);
    await this.finish(res, context, outcome, 'answer', { form: 'answer', id: meetingId, typed: body });
  }

  @Post('meetings/:meetingId/poll')
  async pollAnswers(
    @PageIdParam('meetingId') meetingId: string,
    @Body() body: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const outcome = await this.myPage.answerPoll(context.member, meetingId, body);
    await this.finish(res, context, outcome, 'poll', { form: 'poll', id: meetingId, typed: body });
  }

  @Post('items/:itemId/status')
  async itemStatus(
    @PageIdParam('itemId') itemId: string,
    @Body() body: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const outcome = await this.myPage.setItemStatus(itemId, body);
    await this.finish(res, context, outcome, 'item', { form: 'item', id: itemId });
  }

  /** A new secret feed address, shown once on the page that answers this form. */
  @Post('calendar-feed')
  @HttpCode(HttpStatus.OK)
  async subscribe(@PageSession() context: PageContext, @Res() res: Response) {
    const { url } = await this.calendar.issueFeed(context.member.id);
    await this.render(res, context, null, undefined, url);
  }

  @Post('calendar-feed/revoke')
  async revokeFeed(@PageSession() context: PageContext, @Res() res: Response) {
    if (await this.calendar.feedIssuedAt(context.member.id)) await this.calendar.revokeFeed(context.member.id);
    res.redirect(HttpStatus.SEE_OTHER, '/me?done=feedRevoked#calendar');
  }

  @Post('preferences')
  async preferences(@Body() body: Record<string, unknown>, @PageSession() context: PageContext, @Res() res: Response) {
    const outcome = await this.myPage.savePreferences(context.member, body);
    // The language just chosen becomes the pages' language too.
    const language = outcome.ok ? `&lang=${outcome.value.language}` : '';
    await this.finish(res, context, outcome, 'preferences', { form: 'preferences', typed: body }, language);
  }

  /** Success: back to the page (POST-redirect-GET) with a sentence. */
  private async finish(
    res: Response,
    context: PageContext,
    outcome: FormOutcome<unknown>,
    done: Done,
    failure: Omit<MyPageFailure, 'problems'>,
    query = '',
  ) {
    if (outcome.ok) return res.redirect(HttpStatus.SEE_OTHER, `/me?done=${done}${query}`);
    if (outcome.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
    res.status(outcome.status);
    await this.render(res, context, null, { ...failure, problems: outcome.problems });
  }

  private async render(
    res: Response,
    context: PageContext,
    done: Done | null,
    failure?: MyPageFailure,
    feedUrl?: string,
  ) {
    const view = await this.myPage.view(context.member, context.language, failure, feedUrl);
    this.session.render(res, context, 'me', context.member.fullName, {
      ...view,
      notice: done ? t(DONE[done], context.language) : null,
      problem: failure ? t('my.problems', context.language) : null,
      csrf: context.csrf,
    });
  }
}
