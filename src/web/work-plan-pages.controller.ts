import { CachedPage } from './cached-page.interceptor';
import { labelledProblems } from './form-problems';
import {
  Body as FormBodyParam,
  Catch,
  Controller,
  Get,
  Header,
  HttpStatus,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { FieldProblem } from '../common/http/api-error';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { CreateWorkPlanDto, UpdateWorkPlanDto } from '../work-plan/dto/work-plan.dto';
import { UpdateWorkPlanItemDto, WorkPlanItemQuery } from '../work-plan/dto/work-plan-item.dto';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import { WorkPlanExportService } from '../work-plan/import-export/work-plan-export.service';
import { WorkPlanImportService } from '../work-plan/import-export/work-plan-import.service';
import type { WorkPlan } from '../work-plan/work-plan.entity';
import { WorkPlansService } from '../work-plan/work-plans.service';
import { MalformedPageIdFilter, PageIdParam } from './page-id';
import { typedFilters } from './filter-form';
import { blankToUndefined, byField, problemsOf, validateForm } from './forms';
import { ImportUploadStore } from './import-upload-store';
import type { KeptUpload } from './import-upload-store';
import { CsrfCheckedInHandler, PageSession, SecretariatPage } from './page-access';
import { PageSessionService } from './page-session.service';
import type { PageContext } from './page-session.service';
import { attempt, submitForm } from './form-outcome';
import { listOf } from './meeting-form-values';
import type { FormBody } from './meeting-form-values';
import { DEADLINE_PREVIEW_SCRIPT } from './deadline-preview-script';
import { formProblems, ITEM_FIELDS, planInput, statusInput } from './work-plan-form-values';
import { WorkPlanFormsService } from './work-plan-forms.service';
import { FILTER_FIELDS, WorkPlanPageService } from './work-plan-page.service';
import type { ItemFilters } from './work-plan-page.service';
import { ContentTexts } from '../common/i18n/content-texts';

/** The same limit as the API's import. */
const IMPORT_FILE_LIMIT = 10 * 1024 * 1024;
const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DONE = ['plan_created', 'plan_updated', 'item_created', 'item_updated', 'bulk'];

/** Multer refuses a too large file before the handler runs: the import page then says so beside the field. */
@Catch(PayloadTooLargeException)
class UploadTooLargeFilter implements ExceptionFilter {
  catch(_exception: PayloadTooLargeException, host: ArgumentsHost) {
    const request = host.switchToHttp().getRequest<Request>();
    host.switchToHttp().getResponse<Response>().redirect(HttpStatus.SEE_OTHER, `${request.path}?problem=too_large`);
  }
}

@ApiExcludeController()
@SecretariatPage()
@UseFilters(MalformedPageIdFilter)
@Controller('work-plan')
export class WorkPlanPagesController {
  constructor(
    private readonly texts: ContentTexts,
    private readonly session: PageSessionService,
    private readonly view: WorkPlanPageService,
    private readonly plans: WorkPlansService,
    private readonly importer: WorkPlanImportService,
    private readonly exporter: WorkPlanExportService,
    private readonly uploads: ImportUploadStore,
    private readonly forms: WorkPlanFormsService,
    private readonly items: WorkPlanItemsService,
  ) {}

  @CachedPage()
  @Get()
  async index(@PageSession() context: PageContext, @Req() req: Request, @Res() res: Response) {
    return this.workPlan(undefined, context, req, res);
  }

  @Get('new')
  async newPlanForm(@PageSession() context: PageContext, @Res() res: Response) {
    await this.renderPlanForm(res, context, null, {});
  }

  @Post('new')
  async createPlan(@FormBodyParam() body: FormBody, @PageSession() context: PageContext, @Res() res: Response) {
    const outcome = await submitForm(CreateWorkPlanDto, planInput(body, false), (dto) => this.plans.create(dto));
    if (!outcome.ok) return this.renderPlanForm(res.status(outcome.status), context, null, body, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/work-plan/${outcome.value.id}?done=plan_created`);
  }

  @Get('deadline-preview')
  deadlinePreview(@Query('text') text: unknown, @Query('plan') plan: unknown, @PageSession() context: PageContext) {
    const typed = typeof text === 'string' ? text.slice(0, 300) : '';
    const planId = typeof plan === 'string' && UUID.test(plan) ? plan : null;
    return this.forms.deadlinePreview(typed, planId, context.member.timeZone, context.language);
  }

  @Get('assets/deadline-preview.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  deadlinePreviewScript() {
    return DEADLINE_PREVIEW_SCRIPT;
  }

  @Get(':planId/edit')
  async editPlanForm(@PageIdParam('planId') planId: string, @PageSession() context: PageContext, @Res() res: Response) {
    const plan = await this.findPlan(planId, res, context);
    if (plan) await this.renderPlanForm(res, context, plan, this.forms.planValues(plan));
  }

  @Post(':planId/edit')
  async editPlan(
    @PageIdParam('planId') planId: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    const plan = await this.findPlan(planId, res, context);
    if (!plan) return;
    const outcome = await submitForm(UpdateWorkPlanDto, planInput(body, true), (dto) => this.plans.update(planId, dto));
    if (!outcome.ok) return this.renderPlanForm(res.status(outcome.status), context, plan, body, outcome.problems);
    res.redirect(HttpStatus.SEE_OTHER, `/work-plan/${planId}?done=plan_updated`);
  }

  @Post(':planId/close')
  async closePlan(@PageIdParam('planId') planId: string, @PageSession() context: PageContext, @Res() res: Response) {
    if (!(await this.findPlan(planId, res, context))) return;
    await this.plans.update(planId, { status: 'closed' });
    res.redirect(HttpStatus.SEE_OTHER, `/work-plan/${planId}?done=plan_updated`);
  }

  @Post(':planId/bulk')
  async bulk(
    @PageIdParam('planId') planId: string,
    @FormBodyParam() body: FormBody,
    @PageSession() context: PageContext,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    if (!(await this.findPlan(planId, res, context))) return;
    const ids = listOf(body.itemIds);
    const input =
      body.action === 'responsible' ? { responsibleMemberIds: listOf(body.responsibleMemberIds) } : statusInput(body);
    const checked = await validateForm(UpdateWorkPlanItemDto, input);
    // Choosing nobody would take everyone off the selected activities: asked for, not assumed.
    const nobody = body.action === 'responsible' && listOf(body.responsibleMemberIds).length === 0;
    const problems = checked.ok ? [] : [...checked.problems];
    if (nobody) problems.push({ field: 'responsibleMemberIds', message: 'choose at least one member' });
    if (!ids.length || !checked.ok || problems.length) {
      const { summary } = formProblems(problems, ITEM_FIELDS, context.language);
      return this.renderPlan(res.status(HttpStatus.BAD_REQUEST), context, planId, req, {
        bulkProblems: ids.length ? summary : [t('wpp.bulk.none', context.language)],
      });
    }
    for (const id of ids) {
      const outcome = await attempt(() => this.items.update(id, checked.value));
      if (!outcome.ok) {
        const { summary } = formProblems(outcome.problems, ITEM_FIELDS, context.language);
        return this.renderPlan(res.status(outcome.status), context, planId, req, { bulkProblems: summary });
      }
    }
    res.redirect(HttpStatus.SEE_OTHER, `/work-plan/${planId}?done=bulk&count=${ids.length}`);
  }

  @CachedPage()
  @Get(':planId')
  async workPlan(
    @PageIdParam('planId', true) planId: string | undefined,
    @PageSession() context: PageContext,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.renderPlan(res, context, planId, req, {});
  }

  private async renderPlan(
    res: Response,
    context: PageContext,
    planId: string | undefined,
    req: Request,
    extra: Record<string, unknown>,
  ) {
    const typed = typedFilters(req.query, FILTER_FIELDS);
    const checked = await validateForm(WorkPlanItemQuery, blankToUndefined(typed));
    const filters: ItemFilters = checked.ok ? checked.value : {};
    const problems = checked.ok
      ? []
      : labelledProblems(
          checked.problems,
          Object.fromEntries(
            (['due', 'executor', 'country', 'topic', 'status', 'responsible'] as const).map((field) => [
              field === 'responsible' ? 'responsibleMemberId' : field,
              t(`wpp.filter.${field}`, context.language),
            ]),
          ),
          context.language,
        );
    if (planId && !(await this.findPlan(planId, res, context))) return;
    const data = await this.view.plan(planId, filters, typed, problems, context.language, context.member.timeZone);
    const { language } = context;
    const count = typeof req.query.count === 'string' && /^\d{1,4}$/.test(req.query.count) ? req.query.count : '0';
    const done = typeof req.query.done === 'string' && DONE.includes(req.query.done) ? req.query.done : null;
    const imported =
      typeof req.query.imported === 'string' && /^\d{1,6}$/.test(req.query.imported)
        ? t('wpp.import.done', language, { count: Number(req.query.imported) })
        : done
          ? t(`wpp.done.${done}` as MessageKey, language, { count })
          : null;
    if (res.statusCode === Number(HttpStatus.OK)) res.status(problems.length ? HttpStatus.BAD_REQUEST : HttpStatus.OK);
    this.session.render(res, context, 'work-plan', t('wp.title', language), {
      ...data,
      imported,
      csrf: context.csrf,
      bulkProblems: [],
      ...extra,
    });
  }

  private async renderPlanForm(
    res: Response,
    context: PageContext,
    plan: WorkPlan | null,
    values: FormBody,
    problems: FieldProblem[] = [],
  ) {
    const { language } = context;
    const form = await this.forms.planForm(language, values, problems, plan);
    this.session.render(
      res,
      context,
      'work-plan-form',
      t(plan ? 'wpp.plan.edit.title' : 'wpp.plan.new.title', language),
      {
        ...form,
        id: plan?.id ?? null,
        plan: plan ? this.texts.pick(plan.title, language) : null,
        csrf: context.csrf,
      },
    );
  }

  @Get(':planId/export.:format')
  async export(
    @PageIdParam('planId') planId: string,
    @Param('format') format: string,
    @PageSession() context: PageContext,
    @Res() res: Response,
  ) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format))
      return this.message(res, context, HttpStatus.NOT_FOUND, t('wpp.plan.missing', context.language));
    if (!(await this.findPlan(planId, res, context))) return;
    const file = await this.exporter.export(planId, format as (typeof EXPORT_FORMATS)[number]);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.send(file.body);
  }

  @Get(':planId/import')
  async importForm(
    @PageIdParam('planId') planId: string,
    @PageSession() context: PageContext,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const tooLarge = req.query.problem === 'too_large';
    await this.renderImport(res, context, planId, tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.OK, {
      errors: tooLarge ? { file: t('wpp.import.too_large', context.language) } : {},
    });
  }

  /** Step one: a dry run of the uploaded file; nothing is written, the file is kept for step two. */
  @Post(':planId/import')
  @CsrfCheckedInHandler()
  @UseFilters(UploadTooLargeFilter)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_FILE_LIMIT, files: 1 } }))
  async preview(
    @PageIdParam('planId') planId: string,
    @UploadedFile() file: KeptUpload | undefined,
    @PageSession() context: PageContext,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    if (!this.session.checkCsrf(context, req.body)) return this.session.refuseCsrf(res, context);
    const { language } = context;
    if (!file || file.buffer.length === 0) {
      return this.renderImport(res, context, planId, HttpStatus.BAD_REQUEST, {
        errors: { file: t('wpp.import.no_file', language) },
      });
    }
    let report;
    try {
      report = await this.importer.import(planId, file, true);
    } catch (error) {
      return this.refuse(res, context, planId, error);
    }
    const uploadId = await this.uploads.keep(context.session.id, planId, file);
    await this.renderImport(res, context, planId, HttpStatus.OK, {
      preview: this.view.preview(report, file.originalname, language, context.member.timeZone),
      uploadId,
    });
  }

  /** Step two: the real import of the very file previewed, all rows or none. */
  @Post(':planId/import/confirm')
  async confirm(
    @PageIdParam('planId') planId: string,
    @PageSession() context: PageContext,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { upload } = (req.body ?? {}) as { upload?: unknown };
    const uploadId = typeof upload === 'string' ? upload : '';
    const file = await this.uploads.find(context.session.id, planId, uploadId);
    if (!file)
      return this.renderImport(res, context, planId, HttpStatus.GONE, {
        errors: { file: t('wpp.import.expired', context.language) },
      });
    let report;
    try {
      report = await this.importer.import(planId, file, false);
    } catch (error) {
      return this.refuse(res, context, planId, error);
    }
    await this.uploads.forget(context.session.id, uploadId);
    res.redirect(HttpStatus.SEE_OTHER, `/work-plan/${planId}?imported=${report.imported ?? 0}`);
  }

  private async refuse(res: Response, context: PageContext, planId: string, error: unknown) {
    const problems = problemsOf(error);
    if (!problems) throw error;
    const status = (error as { getStatus(): number }).getStatus();
    if (status === Number(HttpStatus.NOT_FOUND))
      return this.message(res, context, status, t('wpp.plan.missing', context.language));
    const lines =
      (error as { getResponse(): { details?: { rows?: { line: number; errors: FieldProblem[] }[] } } }).getResponse()
        .details?.rows ?? [];
    const reason = problems.map((p) => p.message).join('; ');
    await this.renderImport(res, context, planId, status, {
      errors: lines.length ? {} : byField(problems.map((p) => ({ field: 'file', message: p.message }))),
      refused: lines.length ? t('wpp.import.refused', context.language, { reason }) : null,
      problems: this.view.problemSentences(lines, context.language),
    });
  }

  private async renderImport(
    res: Response,
    context: PageContext,
    planId: string,
    status: number,
    data: Record<string, unknown>,
  ) {
    const plan = await this.findPlan(planId, res, context);
    if (!plan) return;
    res.status(status);
    this.session.render(res, context, 'work-plan-import', t('wpp.import.title', context.language), {
      planId,
      plan: this.texts.pick(plan.title, context.language),
      csrf: context.csrf,
      errors: {},
      ...data,
    });
  }

  /** A plan id that names nothing gets a page saying so (404), not the API's JSON. */
  private async findPlan(planId: string, res: Response, context: PageContext): Promise<WorkPlan | null> {
    try {
      return await this.plans.get(planId);
    } catch (error) {
      if (problemsOf(error) === null) throw error;
      this.message(res, context, HttpStatus.NOT_FOUND, t('wpp.plan.missing', context.language));
      return null;
    }
  }

  private message(res: Response, context: PageContext, status: number, line: string) {
    res.status(status);
    this.session.render(res, context, 'message', line, { lines: [] });
  }
}
