import { Body, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AllowRoles, ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { CreateDateOptionDto, OpenPollDto, PollAnswerDto } from './dto/poll.dto';
import { DateOptionResponse, PollAnswerResponse, PollMatrixResponse } from './dto/poll.response';
import { MeetingPollService } from './meeting-poll.service';

/** Finding a date: the tentative dates, the poll and each participant's answers. */
@ApiController('meetings')
export class MeetingPollController {
  constructor(private readonly poll: MeetingPollService) {}

  @Post(':id/date-options')
  @ApiOperation({
    operationId: 'meetingDateOptions_create',
    summary: 'Add a tentative date: times, or a text such as "early December 2019"',
  })
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
  options(@UuidParam() id: string) {
    return this.poll.options(id);
  }

  @Delete(':id/date-options/:optionId')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'meetingDateOptions_delete',
    summary: 'Remove a tentative date nobody has answered yet',
  })
  @ApiErrors(400, 403, 404, 409)
  removeOption(@UuidParam() id: string, @UuidParam('optionId') optionId: string) {
    return this.poll.removeOption(id, optionId);
  }

  @Post(':id/poll')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'meetingPolls_open',
    summary: 'Ask participants (memberIds or fromBody) to answer each option; a chase goes 3 days before closesAt',
  })
  @ApiOkResponse({ type: PollMatrixResponse })
  @ApiErrors(400, 403, 404, 409)
  openPoll(@UuidParam() id: string, @Body() dto: OpenPollDto) {
    return this.poll.open(id, dto);
  }

  @Get(':id/poll')
  @ReadAccess()
  @ApiOperation({
    operationId: 'meetingPolls_get',
    summary: 'The poll matrix: people × options; per option people and countries that can come',
  })
  @ApiOkResponse({ type: PollMatrixResponse })
  @ApiErrors(400, 404)
  pollMatrix(@UuidParam() id: string) {
    return this.poll.matrix(id);
  }

  @Put(':id/date-options/:optionId/answers/:memberId')
  @AllowRoles('secretariat', 'member')
  @ApiOperation({
    operationId: 'meetingPollAnswers_record',
    summary: "Record a participant's answer to one option: yes, if_need_be or no",
  })
  @ApiOkResponse({ type: PollAnswerResponse })
  @ApiErrors(400, 403, 404, 409)
  answer(
    @UuidParam() id: string,
    @UuidParam('optionId') optionId: string,
    @UuidParam('memberId') memberId: string,
    @Body() dto: PollAnswerDto,
  ) {
    return this.poll.answer(id, optionId, memberId, dto);
  }
}
