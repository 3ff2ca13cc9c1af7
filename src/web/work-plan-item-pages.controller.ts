import { Controller, Get, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { MeetingPageSteps } from './meeting-page-steps';
import { MemberMeetingService } from './member-meeting.service';
import { MyPageService } from './my-page.service';
import { MemberPage, PageSession } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

/** One activity of the work plan, where the reminders about it link: for those responsible, the secretariat and its body. */
@ApiExcludeController()
@MemberPage()
@UseFilters(MalformedPageIdFilter)
@Controller('work-plan/items')
export class WorkPlanItemPagesController {
  constructor(
    private readonly session: PageSessionService,
    private readonly steps: MeetingPageSteps,
    private readonly myPage: MyPageService,
    private readonly meetings: MemberMeetingService,
  ) {}

  @Get(':id')
  async item(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    const data = await this.steps.found(res, context, () =>
      this.meetings.hidden(() => this.myPage.item(id, context.member, context.language)),
    );
    if (data)
      this.session.render(res, context, 'work-plan-item', data.activity, {
        ...data,
        secretariat: context.role === 'secretariat',
        csrf: context.csrf,
      });
  }
}
