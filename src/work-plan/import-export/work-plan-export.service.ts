import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { pickText } from '../../common/i18n/content-text';
import { WorkPlanItemsService } from '../work-plan-items.service';
import { WorkPlansService } from '../work-plans.service';
import type { WorkPlanItemView } from '../work-plan-item.view';
import { Column, EXPORT_COLUMNS, writeCsv } from './work-plan-table';

const PAGE = 200;

/** The documents' table again, with the deadline as written beside its parsed windows. */
@Injectable()
export class WorkPlanExportService {
  constructor(
    private readonly plans: WorkPlansService,
    private readonly items: WorkPlanItemsService,
  ) {}

  async export(
    workPlanId: string,
    format: 'csv' | 'xlsx',
  ): Promise<{ filename: string; contentType: string; body: Buffer }> {
    const plan = await this.plans.get(workPlanId);
    const rows = (await this.allItems(workPlanId)).map((item) => this.row(item));
    const base = `work-plan-${plan.period.replace(/[^\w.-]+/g, '_')}`;
    if (format === 'csv') {
      return {
        filename: `${base}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: Buffer.from(writeCsv(rows), 'utf8'),
      };
    }
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(
      pickText(plan.title, 'en')
        .slice(0, 31)
        .replace(/[*?:\\/[\]]/g, ' ') || 'Work plan',
    );
    sheet.addRow(EXPORT_COLUMNS);
    // Strings are written as strings: a spreadsheet never runs them as formulas.
    for (const row of rows) sheet.addRow(EXPORT_COLUMNS.map((c) => row[c]));
    sheet.getRow(1).font = { bold: true };
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    return {
      filename: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body,
    };
  }

  private async allItems(workPlanId: string): Promise<WorkPlanItemView[]> {
    const all: WorkPlanItemView[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.items.list({ workPlanId, limit: PAGE, offset });
      all.push(...page.items);
      if (all.length >= page.total || page.items.length === 0) break;
    }
    return all.sort((a, b) => a.position - b.position);
  }

  private row(item: WorkPlanItemView): Record<Column, string> {
    const windows = item.deadline.windows.map((w) => (w.start === w.end ? w.start : `${w.start}..${w.end}`)).join('; ');
    return {
      activity: '',
      activity_en: item.activity.en ?? '',
      activity_ru: item.activity.ru ?? '',
      activity_kk: item.activity.kk ?? '',
      deadline: item.deadline.text,
      parsed_windows: windows,
      due_at: item.deadline.dueAt ?? '',
      on_request: item.deadline.onRequest ? 'yes' : '',
      executor: item.executor ? (item.executor.email ?? pickText(item.executor.name, 'en')) : '',
      responsible: item.responsibleMembers.map((m) => m.email).join('; '),
      countries: item.countries.join('; '),
      topics: item.topics.join('; '),
      status: item.status,
      notes: item.notes ?? '',
    };
  }
}
