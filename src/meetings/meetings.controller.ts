import { Body, HttpCode, Headers, Patch, Post, Get, Query } from '@nestjs/common';
import { languageFromHeader } from '../common/i18n/languages';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors, ApiPage } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { CreateMeetingDto, MeetingQuery, ReasonDto, UpdateMeetingDto } from './dto/meeting.dto';
import { MeetingResponse } from './dto/meeting.response';
import { ConfirmMeetingDto } from './dto/poll.dto';
import { MeetingPollService } from './meeting-poll.service';
import { MeetingsService } from './meetings.service';

/** The meeting itself and its course: created, changed, confirmed, cancelled or postponed. */
@ApiController('meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly poll: MeetingPollService,
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
  get(@UuidParam() id: string) {
    return this.meetings.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a meeting; a new time or place raises SEQUENCE and sends updates to the invited' })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404, 409, 413)
  update(@UuidParam() id: string, @Body() dto: UpdateMeetingDto, @Headers('accept-language') acceptLanguage?: string) {
    return this.meetings.update(id, dto, languageFromHeader(acceptLanguage));
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

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Fix the date (dateOptionId or explicit times): the meeting becomes scheduled and participants are invited',
  })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404, 409)
  confirm(@UuidParam() id: string, @Body() dto: ConfirmMeetingDto) {
    return this.poll.confirm(id, dto);
  }
}
