import { Headers, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { languageFromHeader } from '../common/i18n/languages';
import { UuidParam } from '../common/validation/params';
import { DocumentDistributionService } from './document-distribution.service';
import { DocumentChaseResponse } from './dto/document-deadlines.response';

/** Chasing the members who have not opened a document. */
@ApiController('documents')
export class DocumentChaseController {
  constructor(private readonly distribution: DocumentDistributionService) {}

  @Post(':id/reminders')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'documentReminders_send',
    summary: 'Remind now the invited members who have not opened the document',
    description:
      'One email (document-chase) to exactly the members told of the document who have not downloaded it. A second within REMIND_NOW_INTERVAL_MINUTES is refused (429 with Retry-After).',
  })
  @ApiOkResponse({ type: DocumentChaseResponse })
  @ApiErrors(400, 403, 404, 409, 429)
  remind(@UuidParam() id: string, @Headers('accept-language') acceptLanguage?: string) {
    return this.distribution.chase(id, languageFromHeader(acceptLanguage));
  }
}
