import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { DocumentDistributionService } from './document-distribution.service';
import { DocumentDeadlinesResponse, LateDocumentResponse } from './dto/document-deadlines.response';

/** Deadlines of meeting documents per language, and the documents behind them. */
@ApiController('document-deadlines', 'documents')
export class DocumentDeadlinesController {
  constructor(private readonly distribution: DocumentDistributionService) {}

  @Get('meetings/:id')
  @ApiOperation({
    operationId: 'documentDeadlines_ofMeeting',
    summary: "Each document's state per language against the meeting's deadlines: on_time, late, missing or due",
  })
  @ApiOkResponse({ type: [DocumentDeadlinesResponse] })
  @ApiErrors(400, 403)
  async deadlines(@UuidParam() id: string): Promise<DocumentDeadlinesResponse[]> {
    const documents = await this.distribution.meetingDeadlines(id);
    return documents.map(({ timeZone: _zone, ...d }) => ({
      ...d,
      languages: d.languages.map((l) => ({
        ...l,
        dueAt: l.dueAt?.toISOString() ?? null,
        availableAt: l.availableAt?.toISOString() ?? null,
      })),
    }));
  }

  @Get('late')
  @ApiOperation({
    operationId: 'documentDeadlines_late',
    summary: 'Documents of coming meetings missing a required language past its deadline',
  })
  @ApiOkResponse({ type: [LateDocumentResponse] })
  @ApiErrors(403)
  async late(): Promise<LateDocumentResponse[]> {
    const late = await this.distribution.lateDocuments();
    return late.map((d) => ({ ...d, meetingStartsAt: d.meetingStartsAt.toISOString() }));
  }
}
