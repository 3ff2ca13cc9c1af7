import { Controller, Delete, Get, Header, HttpCode, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExcludeEndpoint, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { CalendarFeedResponse } from './dto/meeting.response';
import { MeetingCalendarService } from './meeting-calendar.service';

/** One meeting as an iCalendar file. */
@ApiController('meetings')
export class MeetingCalendarFilesController {
  constructor(private readonly calendar: MeetingCalendarService) {}

  @Get(':id/ics')
  @ReadAccess()
  @ApiOperation({ operationId: 'meetingCalendarFiles_get', summary: 'The meeting as an iCalendar file' })
  @ApiOkResponse({
    description: 'An iCalendar file (RFC 5545)',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiErrors(400, 404, 409)
  async ics(@UuidParam() id: string, @Res({ passthrough: true }) response: Response) {
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
    if (body === null)
      throw new NotFoundException('No calendar at this address (it may have been replaced or revoked)');
    response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    return body;
  }
}
