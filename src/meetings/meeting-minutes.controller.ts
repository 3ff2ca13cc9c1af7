import { Body, Get, Headers, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { languageFromHeader } from '../common/i18n/languages';
import { ApproveMinutesDto, PutMinutesDto } from './dto/minutes.dto';
import { MinutesResponse } from './dto/minutes.response';
import { MinutesService } from './minutes.service';

/** The minutes and their numbered decisions. */
@ApiController('meetings')
export class MeetingMinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get(':id/minutes')
  @ReadAccess()
  @ApiOperation({ operationId: 'meetingMinutes_get', summary: 'The minutes and numbered decisions ("9/3")' })
  @ApiOkResponse({ type: MinutesResponse })
  @ApiErrors(400, 404)
  getMinutes(@UuidParam() id: string) {
    return this.minutes.get(id);
  }

  @Put(':id/minutes')
  @ApiOperation({
    operationId: 'meetingMinutes_write',
    summary: 'Write the minutes: text and decisions with action items (a draft until approved)',
  })
  @ApiOkResponse({ type: MinutesResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  putMinutes(@UuidParam() id: string, @Body() dto: PutMinutesDto) {
    return this.minutes.put(id, dto);
  }

  @Post(':id/minutes/approve')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'meetingMinutes_approve',
    summary: 'Approve: each action item becomes a work-plan item linked to the meeting; participants are told',
  })
  @ApiOkResponse({ type: MinutesResponse })
  @ApiErrors(400, 403, 404, 409, 422)
  approveMinutes(
    @UuidParam() id: string,
    @Body() dto: ApproveMinutesDto,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return this.minutes.approve(id, dto, languageFromHeader(acceptLanguage));
  }
}
