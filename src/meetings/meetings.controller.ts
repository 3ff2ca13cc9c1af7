import { Body, Controller, Delete, Get, Header, Headers, HttpCode, NotFoundException, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExcludeEndpoint, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessPolicy } from '../auth/access-policy';
import { AllowRoles, Public, ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors, ApiPage } from '../common/http/openapi';
import { languageFromHeader } from '../common/i18n/languages';
import { UuidParam } from '../common/validation/params';
import { AgendaService } from './agenda.service';
import { CreateAgendaItemDto, ReorderAgendaDto, UpdateAgendaItemDto } from './dto/agenda.dto';
import { AgendaItemResponse } from './dto/agenda.response';
import { AttendanceDto, InviteDto, RecordResponseDto } from './dto/invitation.dto';
import { InviteResultResponse, ParticipantResponse, RepresentationResponse } from './dto/invitation.response';
import { CreateMeetingDto, MeetingQuery, ReasonDto, UpdateMeetingDto } from './dto/meeting.dto';
import { CalendarFeedResponse, MeetingResponse } from './dto/meeting.response';
import { ApproveMinutesDto, PutMinutesDto } from './dto/minutes.dto';
import { MinutesResponse } from './dto/minutes.response';
import { ConfirmMeetingDto, CreateDateOptionDto, OpenPollDto, PollAnswerDto } from './dto/poll.dto';
import { DateOptionResponse, PollAnswerResponse, PollMatrixResponse } from './dto/poll.response';
import { InvitationsService } from './invitations.service';
import { MeetingCalendarService } from './meeting-calendar.service';
import { MeetingPollService } from './meeting-poll.service';
import { MeetingsService } from './meetings.service';
import { MinutesService } from './minutes.service';

@ApiController('meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly poll: MeetingPollService,
    private readonly invitations: InvitationsService,
    private readonly agenda: AgendaService,
    private readonly minutes: MinutesService,
    private readonly calendar: MeetingCalendarService,
    private readonly access: AccessPolicy,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a meeting: tentative without startsAt, scheduled with it' })
  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 409, 413)
  create(@Body() dto: CreateMeetingDto) {
    return this.meetings.create(dto);
  }

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'Meetings, soonest first; filters bodyId, kind, status, from, to, memberId' })
  @ApiPage(MeetingResponse)
  @ApiErrors(400)
  list(@Query() query: MeetingQuery) {
    return this.meetings.list(query);
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One meeting; times as instants and as local time where it happens' })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 404)
  async get(@UuidParam() id: string) {
    await this.access.assertMeetingVisible(id);
    return this.meetings.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a meeting; a new time or place raises SEQUENCE and sends updates to the invited' })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404, 409, 413)
  update(@UuidParam() id: string, @Body() dto: UpdateMeetingDto) {
    return this.meetings.update(id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel: stops every planned email and tells the participants (calendar CANCEL)' })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404, 409)
  cancel(@UuidParam() id: string, @Body() dto: ReasonDto) {
    return this.meetings.cancel(id, dto);
  }

  @Post(':id/postpone')
  @HttpCode(200)
  @ApiOperation({ summary: 'Postpone: the date is off until confirmed again; participants are told' })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404, 409)
  postpone(@UuidParam() id: string, @Body() dto: ReasonDto) {
    return this.meetings.postpone(id, dto);
  }

  @Post(':id/date-options')
  @ApiOperation({ operationId: 'meetingDateOptions_create', summary: 'Add a tentative date: times, or a text such as "early December 2019"' })
  @ApiCreatedResponse({ type: DateOptionResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  addOption(@UuidParam() id: string, @Body() dto: CreateDateOptionDto) {
    return this.poll.addOption(id, dto);
  }

  @Get(':id/date-options')
  @ReadAccess()
  @ApiOperation({ operationId: 'meetingDateOptions_list', summary: 'The tentative dates' })
  @ApiOkResponse({ type: [DateOptionResponse] })
  @ApiErrors(400, 404)
  async options(@UuidParam() id: string) {
    await this.access.assertMeetingVisible(id);
    return this.poll.options(id);
  }

  @Delete(':id/date-options/:optionId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'meetingDateOptions_delete', summary: 'Remove a tentative date nobody has answered yet' })
  @ApiErrors(400, 403, 404, 409)
  removeOption(@UuidParam() id: string, @UuidParam('optionId') optionId: string) {
    return this.poll.removeOption(id, optionId);
  }

  @Post(':id/poll')
  @HttpCode(200)
  @ApiOperation({ operationId: 'meetingPolls_open', summary: 'Ask participants (memberIds or fromBody) to answer each option; a chase goes 3 days before closesAt' })
  @ApiOkResponse({ type: PollMatrixResponse })
  @ApiErrors(400, 403, 404, 409)
  openPoll(@UuidParam() id: string, @Body() dto: OpenPollDto) {
    return this.poll.open(id, dto);
  }

  @Get(':id/poll')
  @ReadAccess()
  @ApiOperation({ operationId: 'meetingPolls_get', summary: 'The poll matrix: people × options; per option people and countries that can come' })
  @ApiOkResponse({ type: PollMatrixResponse })
  @ApiErrors(400, 404)
  async pollMatrix(@UuidParam() id: string) {
    await this.access.assertMeetingVisible(id);
    return this.poll.matrix(id);
  }

  @Put(':id/date-options/:optionId/answers/:memberId')
  @AllowRoles('secretariat', 'member')
  @ApiOperation({ operationId: 'meetingPollAnswers_record', summary: "Record a participant's answer to one option: yes, if_need_be or no" })
  @ApiOkResponse({ type: PollAnswerResponse })
  @ApiErrors(400, 403, 404, 409)
  answer(@UuidParam() id: string, @UuidParam('optionId') optionId: string, @UuidParam('memberId') memberId: string, @Body() dto: PollAnswerDto) {
    this.access.assertSelf(memberId);
    return this.poll.answer(id, optionId, memberId, dto);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Fix the date (dateOptionId or explicit times): the meeting becomes scheduled and participants are invited' })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404, 409)
  confirm(@UuidParam() id: string, @Body() dto: ConfirmMeetingDto) {
    return this.poll.confirm(id, dto);
  }

  @Post(':id/invitations')
  @HttpCode(200)
  @ApiOperation({ operationId: 'meetingInvitations_create', summary: 'Invite members (memberIds, or fromBody: everyone serving in the body on the meeting day)' })
  @ApiOkResponse({ type: InviteResultResponse })
  @ApiErrors(400, 403, 404, 409)
  invite(@UuidParam() id: string, @Body() dto: InviteDto) {
    return this.invitations.invite(id, dto);
  }

  @Get(':id/invitations')
  @ReadAccess()
  @ApiOperation({ operationId: 'meetingInvitations_list', summary: 'Participants with their answers and attendance' })
  @ApiOkResponse({ type: [ParticipantResponse] })
  @ApiErrors(400, 404)
  async listInvitations(@UuidParam() id: string) {
    await this.access.assertMeetingVisible(id);
    const participants = await this.invitations.list(id);
    // A member sees who else takes part, not their addresses.
    const me = this.access.member();
    return me === null ? participants : participants.map(({ email, ...p }) => (p.memberId === me ? { ...p, email } : p));
  }

  @Put(':id/invitations/:memberId')
  @AllowRoles('secretariat', 'member')
  @ApiOperation({
    operationId: 'meetingInvitations_answer',
    summary: 'Record an answer, also one received by phone or letter',
    description: 'A member names as substitute one of the active colleagues of their country (the secretariat: any active member); a new substitute withdraws the previous one. The substitute of one invitation changes at most 5 times in 24 hours (429 with Retry-After).',
  })
  @ApiOkResponse({ type: ParticipantResponse })
  @ApiErrors(400, 403, 404, 409, 429)
  respond(@UuidParam() id: string, @UuidParam('memberId') memberId: string, @Body() dto: RecordResponseDto, @Headers('accept-language') acceptLanguage?: string) {
    this.access.assertSelf(memberId);
    return this.invitations.respond(id, memberId, dto, this.access.member() === null ? 'secretariat' : 'member', languageFromHeader(acceptLanguage));
  }

  @Put(':id/attendance')
  @ApiOperation({ operationId: 'meetingAttendance_record', summary: 'Record who attended' })
  @ApiOkResponse({ type: [ParticipantResponse] })
  @ApiErrors(400, 403, 404, 409)
  attendance(@UuidParam() id: string, @Body() dto: AttendanceDto) {
    return this.invitations.recordAttendance(id, dto);
  }

  @Get(':id/representation')
  @ReadAccess()
  @ApiOperation({ operationId: 'meetingRepresentation_get', summary: 'Per country (and EU): invited, accepted, attended; flags Central Asian countries with nobody accepted' })
  @ApiOkResponse({ type: RepresentationResponse })
  @ApiErrors(400, 404)
  async representation(@UuidParam() id: string) {
    await this.access.assertMeetingVisible(id);
    return this.invitations.representation(id);
  }

  @Get(':id/agenda')
  @ReadAccess()
  @ApiOperation({ operationId: 'meetingAgenda_list', summary: 'The agenda, in order' })
  @ApiOkResponse({ type: [AgendaItemResponse] })
  @ApiErrors(400, 404)
  async listAgenda(@UuidParam() id: string) {
    await this.access.assertMeetingVisible(id);
    return this.agenda.list(id);
  }

  @Post(':id/agenda')
  @ApiOperation({ operationId: 'meetingAgenda_create', summary: 'Add an agenda item at the end' })
  @ApiCreatedResponse({ type: AgendaItemResponse })
  @ApiErrors(400, 403, 404)
  addAgenda(@UuidParam() id: string, @Body() dto: CreateAgendaItemDto) {
    return this.agenda.add(id, dto);
  }

  @Put(':id/agenda/order')
  @ApiOperation({ operationId: 'meetingAgenda_reorder', summary: 'Reorder: every agenda item id, in the new order' })
  @ApiOkResponse({ type: [AgendaItemResponse] })
  @ApiErrors(400, 403, 404)
  reorderAgenda(@UuidParam() id: string, @Body() dto: ReorderAgendaDto) {
    return this.agenda.reorder(id, dto);
  }

  @Patch(':id/agenda/:itemId')
  @ApiOperation({ operationId: 'meetingAgenda_update', summary: 'Change an agenda item' })
  @ApiOkResponse({ type: AgendaItemResponse })
  @ApiErrors(400, 403, 404)
  updateAgenda(@UuidParam() id: string, @UuidParam('itemId') itemId: string, @Body() dto: UpdateAgendaItemDto) {
    return this.agenda.update(id, itemId, dto);
  }

  @Delete(':id/agenda/:itemId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'meetingAgenda_delete', summary: 'Remove an agenda item' })
  @ApiErrors(400, 403, 404)
  removeAgenda(@UuidParam() id: string, @UuidParam('itemId') itemId: string) {
    return this.agenda.remove(id, itemId);
  }

  @Get(':id/minutes')
  @ReadAccess()
  @ApiOperation({ operationId: 'meetingMinutes_get', summary: 'The minutes and numbered decisions ("9/3")' })
  @ApiOkResponse({ type: MinutesResponse })
  @ApiErrors(400, 404)
  async getMinutes(@UuidParam() id: string) {
    await this.access.assertMeetingVisible(id);
    return this.minutes.get(id);
  }

  @Put(':id/minutes')
  @ApiOperation({ operationId: 'meetingMinutes_write', summary: 'Write the minutes: text and decisions with action items (a draft until approved)' })
  @ApiOkResponse({ type: MinutesResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  putMinutes(@UuidParam() id: string, @Body() dto: PutMinutesDto) {
    return this.minutes.put(id, dto);
  }

  @Post(':id/minutes/approve')
  @HttpCode(200)
  @ApiOperation({ operationId: 'meetingMinutes_approve', summary: 'Approve: each action item becomes a work-plan item linked to the meeting; participants are told' })
  @ApiOkResponse({ type: MinutesResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  approveMinutes(@UuidParam() id: string, @Body() dto: ApproveMinutesDto) {
    return this.minutes.approve(id, dto);
  }

  @Get(':id/ics')
  @ReadAccess()
  @ApiOperation({ operationId: 'meetingCalendarFiles_get', summary: 'The meeting as an iCalendar file' })
  @ApiOkResponse({ description: 'An iCalendar file (RFC 5545)', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiErrors(400, 404, 409)
  async ics(@UuidParam() id: string, @Res({ passthrough: true }) response: Response) {
    await this.access.assertMeetingVisible(id);
    // The file's headers only once there is a file: an error stays a JSON error, not an .ics download.
    const file = await this.calendar.meetingFile(id);
    response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="meeting-${id}.ics"`);
    return file;
  }
}

@ApiController('members', 'calendars')
export class CalendarFeedsController {
  constructor(private readonly calendar: MeetingCalendarService) {}

  @Post(':id/calendar-feed')
  @ApiOperation({ summary: "Issue the member's secret calendar-feed URL (shown once); a new one replaces the old" })
  @ApiCreatedResponse({ type: CalendarFeedResponse })
  @ApiErrors(400, 403, 404)
  issue(@UuidParam() id: string) {
    return this.calendar.issueFeed(id);
  }

  @Delete(':id/calendar-feed')
  @HttpCode(204)
  @ApiOperation({ summary: "Revoke the member's calendar feed" })
  @ApiErrors(400, 403, 404)
  revoke(@UuidParam() id: string) {
    return this.calendar.revokeFeed(id);
  }
}

/** The feed itself: no login, the secret in the URL is the access (calendar programs cannot sign in). */
@Controller('calendar')
export class PublicCalendarController {
  constructor(private readonly calendar: MeetingCalendarService) {}

  @Get(':file')
  @Public()
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'private, max-age=300')
  async feed(@Param('file') file: string, @Res({ passthrough: true }) response: Response) {
    const token = /^(cal_[A-Za-z0-9_-]{20,80})\.ics$/.exec(file)?.[1];
    const body = token ? await this.calendar.feed(token) : null;
    if (body === null) throw new NotFoundException('No calendar at this address (it may have been replaced or revoked)');
    response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    return body;
  }
}
