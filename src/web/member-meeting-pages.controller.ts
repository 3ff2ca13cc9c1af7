import { CachedPage } from './cached-page.interceptor';
import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { t } from '../common/i18n/messages';
import { MeetingCalendarService } from '../meetings/meeting-calendar.service';
import { afterForm } from './form-outcome';
import { MeetingPageSteps } from './meeting-page-steps';
import { DocumentPagesService } from './document-pages.service';
import { MemberMeetingService } from './member-meeting.service';
import { MyPageService } from './my-page.service';
import type { MyPageFailure } from './my-page.service';
import { MemberPage, PageSession } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

const DONE = { answer: 'my.answer.saved', poll: 'my.poll.saved' } as const;
const doneSentence = (done: unknown, context: PageContext) =>
  done === 'answer' || done === 'poll' ? t(DONE[done], context.language) : null;

/** The secretariat keeps its own meeting page; an invited member, or one of its body, sees the member's view. */
@ApiExcludeController()
@MemberPage()
@UseFilters(MalformedPageIdFilter)
@Controller('meetings')
export class MemberMeetingPagesController {
  constructor(
    private readonly session: PageSessionService,
    private readonly steps: MeetingPageSteps,
    private readonly view: MemberMeetingService,
    private readonly myPage: MyPageService,
    private readonly calendar: MeetingCalendarService,
    private readonly documentPages: DocumentPagesService,
  ) {}

  @CachedPage()
  @Get(':id')
  async meeting(
    @PageIdParam() id: string,
    @PageSession() context: PageContext,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    if (context.role === 'secretariat') return this.steps.renderMeeting(res, context, id, req.query);
    await this.renderMeeting(res, context, id, doneSentence(req.query.done, context));
  }

  @Post(':id/my-answer')
  async answer(
    @PageIdParam() id: string,
    @Body() body: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    if (!(await this.steps.found(res, context, () => this.view.visible(id)))) return;
    await afterForm(
      res,
      await this.myPage.answer(context.member, id, body, context.language),
      () => `/meetings/${id}?done=answer#answer`,
      (again, problems) => this.renderMeeting(again, context, id, null, { form: 'answer', id, typed: body, problems }),
    );
  }

  @Get(':id/poll')
  async poll(
    @PageIdParam() id: string,
    @Query('done') done: unknown,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    await this.renderPoll(res, context, id, doneSentence(done, context));
  }

  @Post(':id/poll/mine')
  async pollAnswers(
    @PageIdParam() id: string,
    @Body() body: Record<string, unknown>,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    if (!(await this.steps.found(res, context, () => this.view.visible(id)))) return;
    await afterForm(
      res,
      await this.myPage.answerPoll(context.member, id, body),
      () => `/meetings/${id}/poll?done=poll`,
      (again, problems) => this.renderPoll(again, context, id, null, { form: 'poll', id, typed: body, problems }),
    );
  }

  @Get(':id/calendar.ics')
  async ics(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    if (!(await this.steps.found(res, context, () => this.view.visible(id)))) return;
    const file = await this.calendar.meetingFile(id);
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="meeting-${id}.ics"`);
    res.send(file);
  }

  private renderMeeting(
    res: Response,
    context: PageContext,
    id: string,
    notice: string | null,
    failure?: MyPageFailure,
  ) {
    return this.renderView(res, context, notice, 'member-meeting', async () => {
      const data = await this.view.meeting(id, context.member, context.language, failure);
      const documents = await this.documentPages.memberList(id, context.member, context.language);
      return { title: data.title, data: { ...data, meetingDocuments: documents } };
    });
  }

  private renderPoll(res: Response, context: PageContext, id: string, notice: string | null, failure?: MyPageFailure) {
    return this.renderView(res, context, notice, 'member-poll', async () => {
      const data = await this.view.pollPage(id, context.member, context.language, failure);
      return { title: data.heading, data };
    });
  }

  private async renderView(
    res: Response,
    context: PageContext,
    notice: string | null,
    template: string,
    load: () => Promise<{ title: string; data: object }>,
  ) {
    const page = await this.steps.found(res, context, load);
    if (page) this.session.render(res, context, template, page.title, { ...page.data, notice, csrf: context.csrf });
  }
}
