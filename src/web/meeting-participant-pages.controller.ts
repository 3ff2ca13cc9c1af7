import { Body as FormBodyParam, Controller, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AttendanceDto, InviteDto, RecordResponseDto } from '../meetings/dto/invitation.dto';
import { ChaseDto } from '../meetings/dto/chase.dto';
import { InvitationsService } from '../meetings/invitations.service';
import { MeetingChaseService } from '../meetings/meeting-chase.service';
import { MeetingsService } from '../meetings/meetings.service';
import { attendanceInput, audienceInput, responseInput } from './meeting-form-values';
import type { FormBody } from './meeting-form-values';
import { MeetingPageSteps, uuidField } from './meeting-page-steps';
import { PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import type { PageContext } from './page-session.service';

/** The participants' forms on a meeting page. */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('meetings')
export class MeetingParticipantPagesController {
  constructor(
    private readonly steps: MeetingPageSteps,
    private readonly meetings: MeetingsService,
    private readonly invitations: InvitationsService,
    private readonly chases: MeetingChaseService,
  ) {}

  @Post(':id/invite')
  invite(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'invite', async () => {
      const { invited, alreadyInvited } = await this.invitations.invite(
        id,
        await this.steps.valid(InviteDto, audienceInput(body)),
      );
      return { done: 'invited', counts: { invited, already: alreadyInvited } };
    });
  }

  @Post(':id/answers')
  answer(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'answer', async () => {
      await this.invitations.respond(
        id,
        uuidField(body, 'memberId'),
        await this.steps.valid(RecordResponseDto, responseInput(body)),
        'secretariat',
        context.language,
      );
      return { done: 'answered' };
    });
  }

  @Post(':id/attendance')
  attendance(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'attendance', async () => {
      await this.invitations.recordAttendance(
        id,
        await this.steps.valid(AttendanceDto, attendanceInput(body)),
        context.language,
      );
      return { done: 'attendance' };
    });
  }

  @Post(':id/remind')
  remind(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'remind', async () => {
      const about = typeof body.about === 'string' ? body.about : undefined;
      const { memberIds } = await this.chases.chase(id, await this.steps.valid(ChaseDto, { about }), context.language);
      return { done: 'reminded', counts: { invited: memberIds.length } };
    });
  }

  @Post(':id/held')
  held(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.steps.step(res, context, id, body, 'held', async () => {
      await this.meetings.update(id, { status: 'held' }, context.language);
      return { done: 'held' };
    });
  }
}
