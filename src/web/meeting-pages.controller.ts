import { Body as FormBodyParam, Controller, Get, HttpException, HttpStatus, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isUUID } from 'class-validator';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../common/http/api-error';
import type { FieldProblem } from '../common/http/api-error';
import { t } from '../common/i18n/messages';
import { AgendaService } from '../meetings/agenda.service';
import { CreateAgendaItemDto, ReorderAgendaDto } from '../meetings/dto/agenda.dto';
import { AttendanceDto, InviteDto, RecordResponseDto } from '../meetings/dto/invitation.dto';
import { CreateMeetingDto, ReasonDto, UpdateMeetingDto } from '../meetings/dto/meeting.dto';
import { ApproveMinutesDto, PutMinutesDto } from '../meetings/dto/minutes.dto';
import { ConfirmMeetingDto, CreateDateOptionDto, OpenPollDto, PollAnswerDto } from '../meetings/dto/poll.dto';
import { InvitationsService } from '../meetings/invitations.service';
import { MeetingPollService } from '../meetings/meeting-poll.service';
import { MeetingsService } from '../meetings/meetings.service';
import { MinutesService } from '../meetings/minutes.service';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { readMonth, monthOf } from './calendar-month';
import { submitForm } from './form-outcome';
import { problemsOf, validateForm } from './forms';
import { agendaInput, attendanceInput, audienceInput, confirmInput, dateOptionInput, meetingInput, minutesInput, responseInput, wallTime } from './meeting-form-values';
import type { FormBody } from './meeting-form-values';
import { MeetingPagesService } from './meeting-pages.service';
import { isNotFound } from './not-found';
import type { Ending, FailedForm } from './meeting-pages.service';
import { PageSession } from './page-session';
import type { PageContext } from './page-session';

/** A step's outcome: the success sentence to show after the redirect, with its counts. */
type Done = { done: string; counts?: Record<string, number> };

/** A form value that must name a record: anything else is refused as the API refuses a bad path parameter. */
function uuidField(body: FormBody, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || !isUUID(value)) throw ApiError.field(HttpStatus.BAD_REQUEST, name, 'must be a UUID');
  return value;
}

/**
 * The secretariat's meeting pages: the list, the month calendar, a meeting with a form for each step.
 * Every form goes through the API's DTO and the same service the API calls.
 */
@ApiExcludeController()
@UseFilters(MalformedPageIdFilter)
@Controller('meetings')
export class MeetingPagesController {
  constructor(
    private readonly session: PageSession,
    private readonly pages: MeetingPagesService,
    private readonly meetings: MeetingsService,
    private readonly poll: MeetingPollService,
    private readonly invitations: InvitationsService,
    private readonly agenda: AgendaService,
    private readonly minutes: MinutesService,
  ) {}

  @Get()
  @Public()
  async list(@Req() req: Request, @Res() res: Response) {
    const context = await this.session.require(req, res);
    if (!context) return;
    this.session.render(res, context, 'meetings', t('nav.meetings', context.language), await this.pages.list(context.language, context.member.timeZone));
  }

  @Get('calendar')
  @Public()
  async calendar(@Query('month') asked: unknown, @Req() req: Request, @Res() res: Response) {
    const context = await this.session.require(req, res);
    if (!context) return;
    const zone = context.member.timeZone;
    const month = asked === undefined ? monthOf(new Date(), zone) : readMonth(asked);
    const shown = month ?? monthOf(new Date(), zone);
    const data = await this.pages.calendar(shown, context.language, zone);
    if (!month) res.status(HttpStatus.BAD_REQUEST);
    this.session.render(res, context, 'meetings-calendar', data.heading, { ...data, error: month ? null : t('mp.calendar.month.invalid', context.language) });
  }

  @Get('new')
  @Public()
  async newForm(@Req() req: Request, @Res() res: Response) {
    const context = await this.session.require(req, res);
    if (!context) return;
    await this.renderMeetingForm(res, context, null, { timeZone: context.member.timeZone });
  }

  @Post('new')
  @Public()
  async create(@FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const context = await this.guard(req, res, body);
    if (!context) return;
    const outcome = await submitForm(CreateMeetingDto, meetingInput(body), (dto) => this.meetings.create(dto));
    if (!outcome.ok) return this.renderMeetingForm(res.status(outcome.status), context, null, body, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/meetings/${outcome.value.id}?done=created`);
  }

  @Get(':id')
  @Public()
  async meeting(@PageIdParam() id: string, @Req() req: Request, @Res() res: Response) {
    const context = await this.session.require(req, res);
    if (!context) return;
    await this.renderMeeting(res, context, id, req.query);
  }

  @Get(':id/edit')
  @Public()
  async editForm(@PageIdParam() id: string, @Req() req: Request, @Res() res: Response) {
    const context = await this.session.require(req, res);
    if (!context) return;
    const meeting = await this.found(res, context, () => this.meetings.get(id));
    if (meeting) await this.renderMeetingForm(res, context, id, this.pages.editValues(meeting));
  }

  @Post(':id/edit')
  @Public()
  async edit(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const context = await this.guard(req, res, body);
    if (!context) return;
    const meeting = await this.found(res, context, () => this.meetings.get(id));
    if (!meeting) return;
    const current = { startsAt: wallTime(meeting.startsAt, meeting.timeZone), endsAt: wallTime(meeting.endsAt, meeting.timeZone) };
    const outcome = await submitForm(UpdateMeetingDto, meetingInput(body, current), (dto) => this.meetings.update(id, dto));
    if (!outcome.ok) return this.renderMeetingForm(res.status(outcome.status), context, id, body, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}?done=updated`);
  }

  @Post(':id/options')
  @Public()
  addOption(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'options', async (zone) => {
      await this.poll.addOption(id, await this.valid(CreateDateOptionDto, dateOptionInput(body, zone)));
      return { done: 'option_added' };
    });
  }

  @Post(':id/options/remove')
  @Public()
  removeOption(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'options', async () => {
      await this.poll.removeOption(id, uuidField(body, 'optionId'));
      return { done: 'option_removed' };
    });
  }

  @Post(':id/poll')
  @Public()
  openPoll(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'poll', async (zone) => {
      await this.poll.open(id, await this.valid(OpenPollDto, audienceInput(body, zone)));
      return { done: 'poll_opened' };
    });
  }

  @Post(':id/poll/answers')
  @Public()
  pollAnswer(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'pollAnswer', async () => {
      const memberId = uuidField(body, 'memberId');
      const optionId = uuidField(body, 'optionId');
      await this.poll.answer(id, optionId, memberId, await this.valid(PollAnswerDto, { answer: body.answer }));
      return { done: 'poll_answered' };
    });
  }

  @Post(':id/confirm')
  @Public()
  confirm(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'confirm', async (zone) => {
      await this.poll.confirm(id, await this.valid(ConfirmMeetingDto, confirmInput(body, zone)));
      return { done: 'confirmed' };
    });
  }

  @Post(':id/invite')
  @Public()
  invite(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'invite', async () => {
      const { invited, alreadyInvited } = await this.invitations.invite(id, await this.valid(InviteDto, audienceInput(body)));
      return { done: 'invited', counts: { invited, already: alreadyInvited } };
    });
  }

  @Post(':id/answers')
  @Public()
  answer(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'answer', async () => {
      await this.invitations.respond(id, uuidField(body, 'memberId'), await this.valid(RecordResponseDto, responseInput(body)), 'secretariat');
      return { done: 'answered' };
    });
  }

  @Post(':id/attendance')
  @Public()
  attendance(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'attendance', async () => {
      await this.invitations.recordAttendance(id, await this.valid(AttendanceDto, attendanceInput(body)));
      return { done: 'attendance' };
    });
  }

  @Post(':id/held')
  @Public()
  held(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'held', async () => {
      await this.meetings.update(id, { status: 'held' });
      return { done: 'held' };
    });
  }

  @Get(':id/cancel')
  @Public()
  cancelForm(@PageIdParam() id: string, @Req() req: Request, @Res() res: Response) {
    return this.endingForm(req, res, id, 'cancel');
  }

  @Get(':id/postpone')
  @Public()
  postponeForm(@PageIdParam() id: string, @Req() req: Request, @Res() res: Response) {
    return this.endingForm(req, res, id, 'postpone');
  }

  @Post(':id/cancel')
  @Public()
  cancel(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.end(req, res, id, body, 'cancel');
  }

  @Post(':id/postpone')
  @Public()
  postpone(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.end(req, res, id, body, 'postpone');
  }

  @Post(':id/agenda')
  @Public()
  addAgenda(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'agenda', async () => {
      await this.agenda.add(id, await this.valid(CreateAgendaItemDto, agendaInput(body)));
      return { done: 'agenda_added' };
    });
  }

  @Post(':id/agenda/order')
  @Public()
  reorderAgenda(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'agenda', async () => {
      const order = typeof body.order === 'string' ? body.order.split(',') : body.order;
      await this.agenda.reorder(id, await this.valid(ReorderAgendaDto, { order }));
      return { done: 'agenda_moved' };
    });
  }

  @Post(':id/agenda/remove')
  @Public()
  removeAgenda(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'agenda', async () => {
      await this.agenda.remove(id, uuidField(body, 'itemId'));
      return { done: 'agenda_removed' };
    });
  }

  @Post(':id/minutes')
  @Public()
  writeMinutes(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'minutes', async () => {
      await this.minutes.put(id, await this.valid(PutMinutesDto, minutesInput(body)));
      return { done: 'minutes_saved' };
    });
  }

  @Post(':id/minutes/approve')
  @Public()
  approveMinutes(@PageIdParam() id: string, @FormBodyParam() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return this.step(req, res, id, body, 'approve', async () => {
      await this.minutes.approve(id, await this.valid(ApproveMinutesDto, {}));
      return { done: 'minutes_approved' };
    });
  }

  /** Cancelling or postponing asks first, on a page saying who is told and how. */
  private async endingForm(req: Request, res: Response, id: string, ending: Ending, values: FormBody = {}, problems: FieldProblem[] = []) {
    const context = await this.session.require(req, res);
    if (!context) return;
    const data = await this.found(res, context, () => this.pages.endingForm(id, ending, context.language, context.member.timeZone, values, problems));
    if (data) this.session.render(res, context, 'meeting-ending', data.heading, { ...data, csrf: context.csrf });
  }

  /** The confirmed cancellation or postponement, through the API's DTO and service (which send the METHOD:CANCEL emails). */
  private async end(req: Request, res: Response, id: string, body: FormBody, ending: Ending) {
    const context = await this.guard(req, res, body);
    if (!context) return;
    if (!(await this.found(res, context, () => this.meetings.get(id)))) return;
    const input = typeof body.reason === 'string' && body.reason.trim() !== '' ? { reason: body.reason } : {};
    const outcome = await submitForm(ReasonDto, input, (dto) => (ending === 'cancel' ? this.meetings.cancel(id, dto) : this.meetings.postpone(id, dto)));
    if (!outcome.ok) return this.endingForm(req, res.status(outcome.status), id, ending, body, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}?done=${ending === 'cancel' ? 'cancelled' : 'postponed'}`);
  }

  /** Signed in as the secretariat, with the form's CSRF token; else the refusal is already sent. */
  private async guard(req: Request, res: Response, body: FormBody): Promise<PageContext | null> {
    const context = await this.session.require(req, res);
    if (!context) return null;
    if (!this.session.checkCsrf(context, body)) {
      this.session.refuseCsrf(res, context);
      return null;
    }
    return context;
  }

  /**
   * One step of the meeting page: run it, then back to the page with the success sentence; a refusal
   * (the DTO's or the service's) shows the page again with the messages beside the fields and what was typed.
   */
  private async step(req: Request, res: Response, id: string, body: FormBody, form: string, run: (meetingZone: string) => Promise<Done>) {
    const context = await this.guard(req, res, body);
    if (!context) return;
    const meeting = await this.found(res, context, () => this.meetings.get(id));
    if (!meeting) return;
    try {
      const { done, counts } = await run(meeting.timeZone);
      const query = new URLSearchParams({ done, ...Object.fromEntries(Object.entries(counts ?? {}).map(([k, v]) => [k, String(v)])) });
      res.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}?${query}#${form}`);
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      if (error instanceof ApiError && error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      res.status((error as HttpException).getStatus());
      await this.renderMeeting(res, context, id, {}, { form, values: body, problems });
    }
  }

  private async valid<T extends object>(dto: Type<T>, input: FormBody): Promise<T> {
    const result = await validateForm(dto, input);
    if (!result.ok) throw new ApiError(HttpStatus.BAD_REQUEST, result.problems);
    return result.value;
  }

  /** The meeting, or a page saying there is none (404). */
  private async found<T>(res: Response, context: PageContext, load: () => Promise<T>): Promise<T | null> {
    try {
      return await load();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.session.message(res, context, HttpStatus.NOT_FOUND, t('mp.notFound', context.language), [t('mp.notFound.lead', context.language)]);
      return null;
    }
  }

  private async renderMeeting(res: Response, context: PageContext, id: string, query: Record<string, unknown>, failed?: FailedForm) {
    const { language } = context;
    const data = await this.found(res, context, () => this.pages.meeting(id, language, context.member.timeZone, failed));
    if (!data) return;
    this.session.render(res, context, 'meeting', data.title, { ...data, done: this.pages.doneSentence(query, language), csrf: context.csrf });
  }

  private async renderMeetingForm(res: Response, context: PageContext, id: string | null, values: FormBody, problems: FieldProblem[] = []) {
    const { language } = context;
    const form = await this.pages.meetingForm(language, values, problems);
    this.session.render(res, context, 'meeting-form', t(id ? 'mp.edit.title' : 'mp.new.title', language), { ...form, id, csrf: context.csrf, problems });
  }
}
