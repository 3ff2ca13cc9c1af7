import {
  Body as FormBodyParam,
  Controller,
  Get,
  Header,
  HttpStatus,
  Post,
  Query,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { FieldProblem } from '../common/http/api-error';
import { t } from '../common/i18n/messages';
import { CreateMeetingDto, ReasonDto, UpdateMeetingDto } from '../meetings/dto/meeting.dto';
import { MeetingsService } from '../meetings/meetings.service';
import { readMonth, monthOf } from './calendar-month';
import { submitForm } from './form-outcome';
import { meetingInput, wallTime } from './meeting-form-values';
import type { FormBody } from './meeting-form-values';
import { MeetingPageSteps } from './meeting-page-steps';
import { MEETING_ZONE_SCRIPT } from './meeting-zone-script';
import { MeetingPagesService } from './meeting-pages.service';
import type { Ending } from './meeting-pages.service';
import { PageSession, SecretariatPage } from './page-access';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';

/** The secretariat's meeting pages: list, calendar, create, edit, cancel, postpone; a meeting's own page is MemberMeetingPagesController's. */
@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('meetings')
export class MeetingPagesController {
  constructor(
    private readonly session: PageSessionService,
    private readonly pages: MeetingPagesService,
    private readonly steps: MeetingPageSteps,
    private readonly meetings: MeetingsService,
  ) {}

  @Get()
  async list(@PageSession() context: PageContext, @Res() res: Response) {
    this.session.render(
      res,
      context,
      'meetings',
      t('nav.meetings', context.language),
      await this.pages.list(context.language, context.member.timeZone),
    );
  }

  @Get('calendar')
  async calendar(@Query('month') asked: unknown, @PageSession() context: PageContext, @Res() res: Response) {
    const zone = context.member.timeZone;
    const month = asked === undefined ? monthOf(new Date(), zone) : readMonth(asked);
    const shown = month ?? monthOf(new Date(), zone);
    const data = await this.pages.calendar(shown, context.language, zone);
    if (!month) res.status(HttpStatus.BAD_REQUEST);
    this.session.render(res, context, 'meetings-calendar', data.heading, {
      ...data,
      error: month ? null : t('mp.calendar.month.invalid', context.language),
    });
  }

  @Get('assets/meeting-zone.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  zoneScript() {
    return MEETING_ZONE_SCRIPT;
  }

  /** A new meeting starts in its body's zone: the body given by ?body=, or the only one there is. */
  @Get('new')
  async newForm(@Query('body') asked: unknown, @PageSession() context: PageContext, @Res() res: Response) {
    const body = await this.pages.defaultBody(typeof asked === 'string' ? asked : null);
    await this.renderMeetingForm(res, context, null, body ? { bodyId: body.id, timeZone: body.timeZone } : {});
  }

  @Post('new')
  async create(@FormBodyParam() body: FormBody, @PageSession() context: PageContext, @Res() res: Response) {
    // A zone left blank is the body's, as the form says.
    const zone = await this.pages.bodyZone(body.bodyId);
    if (zone && (typeof body.timeZone !== 'string' || body.timeZone.trim() === '')) body = { ...body, timeZone: zone };
    const outcome = await submitForm(CreateMeetingDto, meetingInput(body), (dto) => this.meetings.create(dto));
    if (!outcome.ok) return this.renderMeetingForm(res.status(outcome.status), context, null, body, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/meetings/${outcome.value.id}?done=created`);
  }

  @Get(':id/edit')
  async editForm(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    const meeting = await this.steps.found(res, context, () => this.meetings.get(id));
    if (meeting) await this.renderMeetingForm(res, context, id, this.pages.editValues(meeting));
  }

  @Post(':id/edit')
  async edit(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const meeting = await this.steps.found(res, context, () => this.meetings.get(id));
    if (!meeting) return;
    const current = {
      startsAt: wallTime(meeting.startsAt, meeting.timeZone),
      endsAt: wallTime(meeting.endsAt, meeting.timeZone),
    };
    const outcome = await submitForm(UpdateMeetingDto, meetingInput(body, current), (dto) =>
      this.meetings.update(id, dto),
    );
    if (!outcome.ok) return this.renderMeetingForm(res.status(outcome.status), context, id, body, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}?done=updated`);
  }

  @Get(':id/cancel')
  cancelForm(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    return this.endingForm(res, context, id, 'cancel');
  }

  @Get(':id/postpone')
  postponeForm(@PageIdParam() id: string, @PageSession() context: PageContext, @Res() res: Response) {
    return this.endingForm(res, context, id, 'postpone');
  }

  @Post(':id/cancel')
  cancel(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.end(res, context, id, body, 'cancel');
  }

  @Post(':id/postpone')
  postpone(
    @PageIdParam() id: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    return this.end(res, context, id, body, 'postpone');
  }

  /** Cancelling or postponing asks first, on a page saying who is told and how. */
  private async endingForm(
    res: Response,
    context: PageContext,
    id: string,
    ending: Ending,
    values: FormBody = {},
    problems: FieldProblem[] = [],
  ) {
    const data = await this.steps.found(res, context, () =>
      this.pages.endingForm(id, ending, context.language, context.member.timeZone, values, problems),
    );
    if (data) this.session.render(res, context, 'meeting-ending', data.heading, { ...data, csrf: context.csrf });
  }

  /** The confirmed cancellation or postponement, through the API's DTO and service. */
  private async end(res: Response, context: PageContext, id: string, body: FormBody, ending: Ending) {
    if (!(await this.steps.found(res, context, () => this.meetings.get(id)))) return;
    const input = typeof body.reason === 'string' && body.reason.trim() !== '' ? { reason: body.reason } : {};
    const outcome = await submitForm(ReasonDto, input, (dto) =>
      ending === 'cancel' ? this.meetings.cancel(id, dto) : this.meetings.postpone(id, dto),
    );
    if (!outcome.ok) return this.endingForm(res.status(outcome.status), context, id, ending, body, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}?done=${ending === 'cancel' ? 'cancelled' : 'postponed'}`);
  }

  private async renderMeetingForm(
    res: Response,
    context: PageContext,
    id: string | null,
    values: FormBody,
    problems: FieldProblem[] = [],
  ) {
    const { language } = context;
    const form = await this.pages.meetingForm(language, values, problems);
    this.session.render(res, context, 'meeting-form', t(id ? 'mp.edit.title' : 'mp.new.title', language), {
      ...form,
      id,
      csrf: context.csrf,
    });
  }
}
