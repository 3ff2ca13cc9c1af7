import { Body as FormBodyParam, Controller, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ConfirmMeetingDto, CreateDateOptionDto, OpenPollDto, PollAnswerDto } from '../meetings/dto/poll.dto';
import { MeetingPollService } from '../meetings/meeting-poll.service';
import { audienceInput, confirmInput, dateOptionInput } from './meeting-form-values';
import type { FormBody } from './meeting-form-values';
import { MeetingPageSteps, uuidField } from './meeting-page-steps';
import { PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import type { PageContext } from './page-session.service';

/** The date poll's forms on a meeting page: the dates offered, opening the poll, answers taken by phone. */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('meetings')
export class MeetingPollPagesController {
  constructor(
    private readonly steps: MeetingPageSteps,
    private readonly poll: MeetingPollService,
  ) {}

  @Post(':id/options')
  addOption(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'options', async (zone) => {
      await this.poll.addOption(id, await this.steps.valid(CreateDateOptionDto, dateOptionInput(body, zone)));
      return { done: 'option_added' };
    });
  }

  @Post(':id/options/remove')
  removeOption(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'options', async () => {
      await this.poll.removeOption(id, uuidField(body, 'optionId'), context.language);
      return { done: 'option_removed' };
    });
  }

  @Post(':id/poll')
  openPoll(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'poll', async (zone) => {
      await this.poll.open(id, await this.steps.valid(OpenPollDto, audienceInput(body, zone)));
      return { done: 'poll_opened' };
    });
  }

  @Post(':id/poll/answers')
  pollAnswer(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'pollAnswer', async () => {
      const memberId = uuidField(body, 'memberId');
      const optionId = uuidField(body, 'optionId');
      await this.poll.answer(id, optionId, memberId, await this.steps.valid(PollAnswerDto, { answer: body.answer }));
      return { done: 'poll_answered' };
    });
  }

  @Post(':id/confirm')
  confirm(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'confirm', async (zone) => {
      await this.poll.confirm(id, await this.steps.valid(ConfirmMeetingDto, confirmInput(body, zone)));
      return { done: 'confirmed' };
    });
  }
}
