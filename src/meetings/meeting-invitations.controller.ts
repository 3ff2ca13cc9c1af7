import { Body, Get, Headers, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AllowRoles, ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { languageFromHeader } from '../common/i18n/languages';
import { ChaseDto, ChaseResponse } from './dto/chase.dto';
import { AttendanceDto, InviteDto, RecordResponseDto } from './dto/invitation.dto';
import { MeetingChaseService } from './meeting-chase.service';
import { InviteResultResponse, ParticipantResponse, RepresentationResponse } from './dto/invitation.response';
import { InvitationsService } from './invitations.service';

/** The participants: invitations, their answers, attendance and how each country is represented. */
@ApiController('meetings')
export class MeetingInvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly chases: MeetingChaseService,
  ) {}

  @Post(':id/invitations')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'meetingInvitations_create',
    summary: 'Invite members (memberIds, or fromBody: everyone serving in the body on the meeting day)',
  })
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
  listInvitations(@UuidParam() id: string) {
    return this.invitations.list(id);
  }

  @Put(':id/invitations/:memberId')
  @AllowRoles('secretariat', 'member')
  @ApiOperation({
    operationId: 'meetingInvitations_answer',
    summary: 'Record an answer, also one received by phone or letter',
    description:
      'A member names as substitute one of the active colleagues of their country (the secretariat: any active member); a new substitute withdraws the previous one. The substitute of one invitation changes at most 5 times in 24 hours (429 with Retry-After).',
  })
  @ApiOkResponse({ type: ParticipantResponse })
  @ApiErrors(400, 403, 404, 409, 429)
  respond(
    @UuidParam() id: string,
    @UuidParam('memberId') memberId: string,
    @Body() dto: RecordResponseDto,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return this.invitations.respondAsActor(id, memberId, dto, languageFromHeader(acceptLanguage));
  }

  @Put(':id/attendance')
  @ApiOperation({ operationId: 'meetingAttendance_record', summary: 'Record who attended' })
  @ApiOkResponse({ type: [ParticipantResponse] })
  @ApiErrors(400, 403, 404, 409)
  attendance(@UuidParam() id: string, @Body() dto: AttendanceDto, @Headers('accept-language') acceptLanguage?: string) {
    return this.invitations.recordAttendance(id, dto, languageFromHeader(acceptLanguage));
  }

  @Post(':id/reminders')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'meetingReminders_send',
    summary: 'Remind now those who have not answered the poll or the invitation',
    description:
      'Plans one chase (poll-chase or meeting-rsvp-chase) to exactly those who have not answered, sent at once. A second chase of the same kind within REMIND_NOW_INTERVAL_MINUTES is refused (429 with Retry-After).',
  })
  @ApiOkResponse({ type: ChaseResponse })
  @ApiErrors(400, 403, 404, 409, 429)
  remind(@UuidParam() id: string, @Body() dto: ChaseDto, @Headers('accept-language') acceptLanguage?: string) {
    return this.chases.chase(id, dto, languageFromHeader(acceptLanguage));
  }

  @Get(':id/representation')
  @ReadAccess()
  @ApiOperation({
    operationId: 'meetingRepresentation_get',
    summary: 'Per country (and EU): invited, accepted, attended; flags Central Asian countries with nobody accepted',
  })
  @ApiOkResponse({ type: RepresentationResponse })
  @ApiErrors(400, 404)
  representation(@UuidParam() id: string) {
    return this.invitations.representation(id);
  }
}
