import {
  Body,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Inject,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { ApiError } from '../common/http/api-error';
import { AllowRoles, ReadAccess } from '../auth/auth.decorators';
import { ApiController } from '../common/http/api-controller.decorator';
import { JSON_CONTENT_TYPE } from '../common/http/json-text';
import { ApiErrors, ApiPage } from '../common/http/openapi';
import { UuidParam } from '../common/validation/params';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { DeadlineReader } from './deadline/deadline-reader';
import { ParsedDeadlineResponse } from './dto/deadline.response';
import { ImportReportResponse } from './dto/import.response';
import { CreateWorkPlanDto, UpdateWorkPlanDto, WorkPlanQuery } from './dto/work-plan.dto';
import {
  CreateWorkPlanItemDto,
  ParseDeadlineDto,
  UpdateWorkPlanItemDto,
  WorkPlanItemQuery,
} from './dto/work-plan-item.dto';
import { WorkPlanItemResponse } from './dto/work-plan-item.response';
import { ExportQuery, ImportQuery } from './dto/transfer.dto';
import { WorkPlanExportService } from './import-export/work-plan-export.service';
import { WorkPlanImportService } from './import-export/work-plan-import.service';
import { WorkPlanItemChange } from './work-plan-item-change.entity';
import { WorkPlanItemsService } from './work-plan-items.service';
import { WorkPlan } from './work-plan.entity';
import { WorkPlansService } from './work-plans.service';

const IMPORT_FILE_LIMIT = 10 * 1024 * 1024;

interface UploadedTable {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
}

@ApiController('work-plans')
export class WorkPlansController {
  constructor(
    private readonly plans: WorkPlansService,
    private readonly items: WorkPlanItemsService,
  ) {}

  @Post()
  @ApiOperation({ summary: "Create a body's work plan for a period" })
  @ApiCreatedResponse({ type: WorkPlan })
  @ApiErrors(400, 403, 413)
  create(@Body() dto: CreateWorkPlanDto) {
    return this.plans.create(dto);
  }

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'List work plans' })
  @ApiPage(WorkPlan)
  @ApiErrors(400)
  list(@Query() query: WorkPlanQuery) {
    return this.plans.list(query);
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One work plan' })
  @ApiOkResponse({ type: WorkPlan })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string) {
    return this.plans.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a work plan (title, period, status, adopting meeting)' })
  @ApiOkResponse({ type: WorkPlan })
  @ApiErrors(400, 403, 404, 413)
  update(@UuidParam() id: string, @Body() dto: UpdateWorkPlanDto) {
    return this.plans.update(id, dto);
  }

  @Post(':id/items')
  @ApiOperation({
    operationId: 'workPlanItems_create',
    summary: 'Add an item; its deadline is read from the text (422 when it cannot be read)',
  })
  @ApiCreatedResponse({ type: WorkPlanItemResponse })
  @ApiErrors(400, 403, 404, 413, 422)
  addItem(@UuidParam() id: string, @Body() dto: CreateWorkPlanItemDto) {
    return this.items.create(id, dto);
  }
}

@ApiController('work-plan-items', 'work-plans')
export class WorkPlanItemsController {
  constructor(private readonly items: WorkPlanItemsService) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'Items across plans, sorted by due moment, with filters' })
  @ApiPage(WorkPlanItemResponse)
  @ApiErrors(400)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  list(@Query() query: WorkPlanItemQuery): Promise<string> {
    return this.items.listJson(query);
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One item' })
  @ApiOkResponse({ type: WorkPlanItemResponse })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string) {
    return this.items.get(id);
  }

  @Patch(':id')
  @AllowRoles('secretariat', 'member')
  @ApiOperation({
    summary:
      'Change an item; status and deadline changes are kept in its history. Members: status, deadline and notes of their own items',
  })
  @ApiOkResponse({ type: WorkPlanItemResponse })
  @ApiErrors(400, 403, 404, 413, 422)
  update(@UuidParam() id: string, @Body() dto: UpdateWorkPlanItemDto) {
    return this.items.update(id, dto);
  }

  @Get(':id/history')
  @ReadAccess()
  @ApiOperation({
    operationId: 'workPlanItemChanges_list',
    summary: 'Every change of status or deadline, oldest first, with who and when',
  })
  @ApiOkResponse({ type: [WorkPlanItemChange] })
  @ApiErrors(400, 404)
  history(@UuidParam() id: string) {
    return this.items.history(id);
  }
}

@ApiController('deadlines', 'work-plans')
export class DeadlinesController {
  constructor(
    private readonly deadlines: DeadlineReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('parse')
  @HttpCode(200)
  @ReadAccess()
  @ApiOperation({ summary: 'Read a deadline as written, for previews: {text, kind, windows, dueAt, onRequest}' })
  @ApiOkResponse({ type: ParsedDeadlineResponse })
  @ApiErrors(400, 422)
  parse(@Body() dto: ParseDeadlineDto) {
    const read = this.deadlines.read(dto.text, dto.timeZone ?? this.config.defaultTimeZone, 'text');
    return {
      text: read.text,
      kind: read.kind,
      windows: read.windows,
      dueAt: read.dueAt?.toISOString() ?? null,
      onRequest: read.onRequest,
      startsOn: read.startsOn,
    };
  }
}

@ApiController('work-plans', 'work-plans')
export class WorkPlanTransferController {
  constructor(
    private readonly importer: WorkPlanImportService,
    private readonly exporter: WorkPlanExportService,
  ) {}

  @Post(':id/import')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_FILE_LIMIT, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'CSV (UTF-8, UTF-16 or Windows-1251; , ; or tab) or XLSX; at most 10 MB and 20,000 rows (413 beyond), an XLSX unpacking to at most 50 MB with no part packed more than 100:1 (413)',
        },
      },
    },
  })
  @ApiQuery({
    name: 'dryRun',
    required: false,
    type: Boolean,
    description: 'Check every row and show the result without writing',
  })
  @ApiOperation({
    operationId: 'workPlans_import',
    summary:
      "Import items from the documents' table (activity / deadline / executor in en, ru or kk); all rows or none",
  })
  @ApiOkResponse({
    description: 'Per-row result: parsed deadline, matched executor, errors',
    type: ImportReportResponse,
  })
  @ApiErrors(400, 403, 404, 413, 415, 422)
  import(@UuidParam() id: string, @UploadedFile() file: UploadedTable | undefined, @Query() query: ImportQuery) {
    if (!file)
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'file', 'attach the table as a multipart field named "file"');
    return this.importer.import(id, file, query.dryRun ?? false);
  }

  @Get(':id/export')
  @ReadAccess()
  @ApiOperation({
    operationId: 'workPlans_export',
    summary: 'The plan as CSV or XLSX: the same columns, the deadline as written and its parsed windows',
  })
  @ApiOkResponse({
    description: 'The file, as an attachment',
    content: {
      'text/csv': { schema: { type: 'string', format: 'binary' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiErrors(400, 404)
  async export(@UuidParam() id: string, @Query() query: ExportQuery, @Res({ passthrough: true }) response: Response) {
    const file = await this.exporter.export(id, query.format ?? 'csv');
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return new StreamableFile(file.body);
  }
}
