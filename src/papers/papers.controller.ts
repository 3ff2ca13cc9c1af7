import { Get, Headers, HttpStatus, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiErrors } from '../common/http/openapi';
import { languageFromHeader } from '../common/i18n/languages';
import { UuidParam } from '../common/validation/params';
import { PublishedPaperResponse } from './dto/published-paper.response';
import { PaperQuery } from './dto/paper-query.dto';
import { PaperPublisher } from './paper-publisher.service';
import type { PublishedPaper } from './paper-publisher.service';
import type { PaperFile } from './papers.service';
import { PapersService } from './papers.service';

const PDF = {
  description: 'An A4 PDF',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};

/** The headers of a file only once there is one: an error stays a JSON error, not a broken download. */
export function paperDownload(file: PaperFile): StreamableFile {
  return new StreamableFile(file.body, {
    type: 'application/pdf',
    disposition: `attachment; filename="${file.filename}"`,
    length: file.body.length,
  });
}

/** 201 with the new revision, or 200 with `unchanged` when every PDF was already the current revision. */
function publishedAnswer({ document, changed }: PublishedPaper, res: Response): PublishedPaperResponse {
  res.status(changed ? HttpStatus.CREATED : HttpStatus.OK);
  return { ...document, unchanged: !changed };
}

/** A meeting's formal papers as PDFs. */
@ApiController('meetings', 'papers')
export class PapersController {
  constructor(
    private readonly papers: PapersService,
    private readonly publisher: PaperPublisher,
  ) {}

  @Get(':id/attendance-sheet.pdf')
  @ApiOperation({
    operationId: 'papers_attendanceSheet',
    summary:
      'The attendance sheet to print: everyone invited who has not declined, by country, with a signature column',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  @ApiErrors(400, 403, 404)
  async attendanceSheet(
    @UuidParam() id: string,
    @Query() query: PaperQuery,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return paperDownload(await this.papers.attendanceSheet(id, query.language ?? languageFromHeader(acceptLanguage)));
  }

  @Get(':id/participants.pdf')
  @ApiOperation({
    operationId: 'papers_participantList',
    summary: 'The list of participants: those recorded present, by country (409 before attendance is recorded)',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  @ApiErrors(400, 403, 404, 409)
  async participantList(
    @UuidParam() id: string,
    @Query() query: PaperQuery,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return paperDownload(await this.papers.participantList(id, query.language ?? languageFromHeader(acceptLanguage)));
  }

  @Get(':id/minutes.pdf')
  @ApiOperation({
    operationId: 'papers_minutes',
    summary: 'The minutes in one of the languages they exist in (404 for another): agenda, decisions, action items',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  @ApiErrors(400, 403, 404)
  async minutes(
    @UuidParam() id: string,
    @Query() query: PaperQuery,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return paperDownload(await this.papers.minutes(id, query.language, languageFromHeader(acceptLanguage)));
  }

  @Get(':id/certificates/:memberId.pdf')
  @ReadAccess()
  @ApiOperation({
    operationId: 'papers_certificate',
    summary: "A participant's certificate of attendance (404 unless recorded present; a member gets only their own)",
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  @ApiErrors(400, 404)
  async certificate(@UuidParam() id: string, @UuidParam('memberId') memberId: string, @Query() query: PaperQuery) {
    return paperDownload(await this.papers.certificate(id, memberId, query.language));
  }

  @Post(':id/papers/participants/publish')
  @ApiOperation({
    operationId: 'papers_publishParticipants',
    summary:
      "Publishes the list of participants in en, ru and kk as the meeting's document of that kind (a new revision if it exists and changed; 409 before attendance is recorded)",
  })
  @ApiCreatedResponse({ type: PublishedPaperResponse, description: 'A new revision, published' })
  @ApiOkResponse({ type: PublishedPaperResponse, description: 'Unchanged: no revision added' })
  @ApiErrors(400, 403, 404, 409)
  async publishParticipants(
    @UuidParam() id: string,
    @Res({ passthrough: true }) res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return publishedAnswer(await this.publisher.publishParticipants(id, languageFromHeader(acceptLanguage)), res);
  }

  @Post(':id/papers/minutes/publish')
  @ApiOperation({
    operationId: 'papers_publishMinutes',
    summary:
      "Publishes the approved minutes in each language they exist in as the meeting's minutes document (a new revision if it exists and changed; 409 unless approved)",
  })
  @ApiCreatedResponse({ type: PublishedPaperResponse, description: 'A new revision, published' })
  @ApiOkResponse({ type: PublishedPaperResponse, description: 'Unchanged: no revision added' })
  @ApiErrors(400, 403, 404, 409)
  async publishMinutes(
    @UuidParam() id: string,
    @Res({ passthrough: true }) res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ) {
    return publishedAnswer(await this.publisher.publishMinutes(id, languageFromHeader(acceptLanguage)), res);
  }
}
