import { Body, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { ApiError } from '../common/http/api-error';
import { ApiErrors } from '../common/http/openapi';
import type { Language } from '../common/i18n/languages';
import { UuidParam } from '../common/validation/params';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { sendDocumentFile } from './document-download';
import { DocumentsService } from './documents.service';
import {
  CreateDocumentDto,
  DOCUMENT_LANGUAGE_MESSAGE,
  DocumentFileQuery,
  isDocumentLanguage,
  UpdateDocumentDto,
} from './dto/document.dto';
import { DocumentReadersResponse, DocumentResponse } from './dto/document.response';
import { readMultipartFile } from './multipart-file';

export function languageParam(value: unknown): Language {
  if (!isDocumentLanguage(value)) throw ApiError.field(HttpStatus.BAD_REQUEST, 'language', DOCUMENT_LANGUAGE_MESSAGE);
  return value;
}

export function revisionQuery(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[1-9]\d{0,5}$/.test(value))
    throw ApiError.field(HttpStatus.BAD_REQUEST, 'revision', 'revision must be a whole number from 1');
  return Number(value);
}

/** Creating a meeting's or a body's documents. */
@ApiController('meetings', 'documents')
export class MeetingDocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post(':id/documents')
  @ApiOperation({
    operationId: 'meetingDocuments_create',
    summary: 'Add a document to a meeting (a draft, no file yet)',
  })
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiErrors(400, 403, 404)
  create(@UuidParam() id: string, @Body() dto: CreateDocumentDto) {
    return this.documents.createForMeeting(id, dto);
  }
}

@ApiController('bodies', 'documents')
export class BodyDocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post(':id/documents')
  @ApiOperation({
    operationId: 'bodyDocuments_create',
    summary: "Add a document to a body's standing library (terms of reference, rules of procedure)",
  })
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiErrors(400, 403, 404)
  create(@UuidParam() id: string, @Body() dto: CreateDocumentDto) {
    return this.documents.createForBody(id, dto);
  }
}

@ApiController('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id')
  @ReadAccess()
  @ApiOperation({
    operationId: 'documents_get',
    summary: 'A document with every revision of every language (members: published ones they may read)',
  })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string) {
    return this.documents.get(id);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'documents_update', summary: "Change a document's title, kind, symbol or agenda item" })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiErrors(400, 403, 404)
  update(@UuidParam() id: string, @Body() dto: UpdateDocumentDto) {
    return this.documents.update(id, dto);
  }

  @Put(':id/files/:language')
  @ApiOperation({
    operationId: 'documents_upload',
    summary:
      "Upload a language's file (multipart field `file`): the first one, or its next revision; the type is read from the content",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiErrors(400, 403, 404, 409, 415)
  @ApiResponse({ status: 413, description: 'The file is larger than DOCUMENT_MAX_BYTES (default 50 MB)' })
  upload(@UuidParam() id: string, @Param('language') language: string, @Req() req: Request) {
    const lang = languageParam(language);
    return readMultipartFile(req, this.config.documentMaxBytes, (file) => this.documents.upload(id, lang, file));
  }

  @Get(':id/files/:language')
  @ReadAccess()
  @ApiOperation({
    operationId: 'documents_download',
    summary: "Download a language's current file, or an earlier revision with ?revision=N (a member's is recorded)",
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404)
  async download(
    @UuidParam() id: string,
    @Param('language') language: string,
    @Query() query: DocumentFileQuery,
    @Res() res: Response,
  ) {
    const found = await this.documents.download(id, languageParam(language), revisionQuery(query.revision));
    await sendDocumentFile(res, found);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ operationId: 'documents_publish', summary: 'Publish: members may now open it (needs a file)' })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiErrors(400, 403, 404)
  publish(@UuidParam() id: string) {
    return this.documents.publish(id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ operationId: 'documents_withdraw', summary: 'Withdraw: only the secretariat sees it again' })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiErrors(400, 403, 404)
  withdraw(@UuidParam() id: string) {
    return this.documents.withdraw(id);
  }

  @Get(':id/readers')
  @ApiOperation({
    operationId: 'documents_readers',
    summary: 'Who opened it, per country, among the invited (meeting) or serving (library) members',
  })
  @ApiOkResponse({ type: DocumentReadersResponse })
  @ApiErrors(400, 403, 404)
  readers(@UuidParam() id: string) {
    return this.documents.readers(id);
  }
}
