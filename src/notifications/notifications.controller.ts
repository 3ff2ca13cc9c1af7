import { Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../common/http/api-controller.decorator';
import { JSON_CONTENT_TYPE } from '../common/http/json-text';
import { ApiErrors } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { NotificationPage } from './dto/notification-page.dto';
import { NotificationQuery } from './dto/notification-query.dto';
import { NotificationResponse } from './dto/notification.response';
import { NotificationsService } from './notifications.service';

@ApiController('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Every email planned or sent: status, attempts, last error, Message-ID, SMTP response' })
  @ApiOkResponse({ type: NotificationPage })
  @ApiErrors(400, 403)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  list(@Query() query: NotificationQuery) {
    return this.notifications.listJson(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One notification' })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiErrors(400, 403, 404)
  get(@UuidParam() id: string) {
    return this.notifications.get(id);
  }

  @Post(':id/resend')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Send the same email again now, as a new notification (new Message-ID); the original stays for the record',
  })
  @ApiCreatedResponse({ type: NotificationResponse })
  @ApiErrors(400, 403, 404)
  resend(@UuidParam() id: string) {
    return this.notifications.resend(id);
  }
}
