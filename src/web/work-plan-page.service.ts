import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { todayIn } from '../common/time/dates';
import { formatDate, formatDateTimeInZone } from '../common/time/format';
import { DUE_FILTERS } from '../work-plan/dto/work-plan-item.dto';
import type { WorkPlanItemQuery } from '../work-plan/dto/work-plan-item.dto';
import type { ImportReport } from '../work-plan/import-export/work-plan-import.service';
import { ITEM_STATUSES } from '../work-plan/work-plan-item.entity';
import type { WorkPlanItemView } from '../work-plan/work-plan-item.view';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import { WorkPlansService } from '../work-plan/work-plans.service';
import { WorkPlanItemRepository } from '../work-plan/work-plan-item.repository';
import { BodiesService } from '../bodies/bodies.service';
import { MemberRepository } from '../members/member.repository';
import { filterOption } from './filter-form';
import { byField } from './forms';
import { ganttSvg } from './gantt';
import { ContentTexts } from '../common/i18n/content-texts';

const PLAN_ITEMS_LIMIT = 200;
export type ItemFilters = Pick<
  WorkPlanItemQuery,
  'due' | 'executor' | 'country' | 'topic' | 'status' | 'responsibleMemberId'
>;
export const FILTER_FIELDS = ['due', 'executor', 'country', 'topic', 'status', 'responsibleMemberId'] as const;

/** A parsed window in the reader's language: "1 February 2019 – 28 February 2019". */
export function windowText(windows: { start: string; end: string }[], language: Language): string {
  const day = (iso: string) => formatDate(`${iso}T00:00:00Z`, 'UTC', language);
  return windows.map((w) => (w.start === w.end ? day(w.start) : `${day(w.start)} – ${day(w.end)}`)).join('; ');
}

@Injectable()
export class WorkPlanPageService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly plans: WorkPlansService,
    private readonly items: WorkPlanItemsService,
    private readonly itemRows: WorkPlanItemRepository,
    private readonly bodies: BodiesService,
    private readonly members: MemberRepository,
  ) {}

  async plan(
    planId: string | undefined,
    filters: ItemFilters,
    typed: Record<string, string>,
    problems: FieldProblem[],
    language: Language,
    zone: string,
  ) {
    const plans = await this.plans.list({ limit: 100, offset: 0 });
    // A body's current plan: its latest one (by period) not closed.
    const current = new Map<string, string>();
    for (const p of plans.items) if (p.status !== 'closed' && !current.has(p.bodyId)) current.set(p.bodyId, p.id);
    const chosen = planId
      ? await this.plans.get(planId)
      : (plans.items.find((p) => current.get(p.bodyId) === p.id) ?? plans.items[0]);
    const [unnamed, bodies, members] = chosen
      ? await Promise.all([
          this.itemRows.unnamedItems(chosen.id),
          this.bodies.list({ limit: 200, offset: 0 }),
          this.members.activeByCountry(),
        ])
      : [[], { items: [] }, []];
    const fallback = new Map(unnamed.map((u) => [u.id, u.focal]));
    const bodyName = (id: string) => {
      const body = bodies.items.find((b) => b.id === id);
      return body ? this.texts.pick(body.name, language) : '';
    };
    const all = chosen ? await this.planItems(chosen.id, {}) : [];
    const shown =
      chosen && problems.length === 0 && Object.values(filters).some((v) => v !== undefined)
        ? await this.planItems(chosen.id, filters)
        : all;
    const name = (item: WorkPlanItemView) => this.texts.pick(item.activity, language);
    const executors = new Map(
      all.filter((i) => i.executor).map((i) => [i.executor!.id, this.texts.pick(i.executor!.name, language)]),
    );
    const pick = (field: string) => typed[field] ?? '';
    return {
      planId: chosen?.id ?? null,
      plan: chosen ? this.texts.pick(chosen.title, language) : null,
      planFacts: chosen
        ? t('wpp.plan.facts', language, {
            body: bodyName(chosen.bodyId),
            period: chosen.period,
            status: label('workPlanStatus', chosen.status, language),
          })
        : null,
      planIsCurrent: chosen ? current.get(chosen.bodyId) === chosen.id : false,
      planClosed: chosen?.status === 'closed',
      plans: plans.items.map((p) => ({
        id: p.id,
        title: this.texts.pick(p.title, language),
        shown: p.id === chosen?.id,
        current: current.get(p.bodyId) === p.id,
        closed: p.status === 'closed',
      })),
      statuses: ITEM_STATUSES.map((value) => ({ value, label: label('itemStatus', value, language) })),
      members: members.map((m) => ({ id: m.id, name: `${m.fullName} (${m.countryCode})` })),
      filters: {
        due: DUE_FILTERS.map((d) => filterOption(d, t(`wpp.due.${d}` as MessageKey, language), pick('due'))),
        executor: [...executors]
          .sort((a, b) => a[1].localeCompare(b[1]))
          .map(([id, label]) => filterOption(id, label, pick('executor'))),
        country: [...new Set(all.flatMap((i) => i.countries))]
          .sort()
          .map((c) => filterOption(c, c, pick('country').toUpperCase())),
        topic: [...new Set(all.flatMap((i) => i.topics))]
          .sort()
          .map((topic) => filterOption(topic, topic, pick('topic').toLowerCase())),
        status: ITEM_STATUSES.map((s) => filterOption(s, label('itemStatus', s, language), pick('status'))),
        responsible: [
          ...new Map(all.flatMap((i) => i.responsibleMembers).map((m) => [m.id, `${m.fullName} (${m.countryCode})`])),
        ]
          .sort((a, b) => a[1].localeCompare(b[1]))
          .map(([id, name]) => filterOption(id, name, pick('responsibleMemberId'))),
        active: Object.values(typed).some(Boolean),
        invalid: problems.length > 0,
        errors: byField(problems),
      },
      count: t('wpp.filter.count', language, { shown: shown.length, total: all.length }),
      hasItems: all.length > 0,
      gantt: ganttSvg(
        shown.map((i) => ({ label: name(i), windows: i.deadline.windows, overdue: i.overdue })),
        todayIn(zone),
        { title: t('wp.timeline', language), today: t('wp.today', language), locale: language },
      ),
      items: shown.map((i) => ({
        id: i.id,
        select: t('wpp.select.item', language, { activity: name(i).slice(0, 80) }),
        nobody: fallback.get(i.id) === false,
        focal:
          fallback.get(i.id) === true && i.executor
            ? t('wpp.focal', language, { organization: this.texts.pick(i.executor.name, language) })
            : null,
        activity: name(i),
        deadline: i.deadline.text || '—',
        window:
          windowText(i.deadline.windows, language) || (i.deadline.onRequest ? t('wpp.on_request', language) : '—'),
        due: i.deadline.dueAt ? formatDateTimeInZone(i.deadline.dueAt, zone, language) : null,
        executor: i.executor ? this.texts.pick(i.executor.name, language) : '—',
        responsible: i.responsibleMembers.map((m) => m.fullName).join(', ') || '—',
        status: label('itemStatus', i.status, language),
        overdue: i.overdue,
      })),
    };
  }

  preview(report: ImportReport, fileName: string, language: Language, zone: string) {
    const { rows, valid, invalid, newExecutors } = report.summary;
    return {
      summary: t('wpp.preview.summary', language, {
        rows,
        valid,
        invalid,
        file: fileName,
      }),
      ignored: report.ignoredColumns.length
        ? t('wpp.preview.ignored', language, { columns: report.ignoredColumns.join(', ') })
        : null,
      newExecutors: newExecutors.length
        ? t('wpp.preview.new_executors', language, { names: newExecutors.join(', ') })
        : null,
      importable: invalid === 0 && rows > 0,
      confirm: t('wpp.preview.confirm', language, { count: rows }),
      refused: invalid > 0 ? t('wpp.preview.refused', language, { invalid, rows }) : null,
      problems: rows > 0 ? this.problemSentences(report.rows, language) : [],
      rows: report.rows.map((row) => ({
        line: row.line,
        activity: this.texts.pick(row.activity, language) || '—',
        deadline: row.deadline?.text || '—',
        window: row.deadline
          ? windowText(row.deadline.windows, language) || (row.deadline.onRequest ? t('wpp.on_request', language) : '—')
          : '—',
        due: row.deadline?.dueAt ? formatDateTimeInZone(row.deadline.dueAt, zone, language) : null,
        executor: row.executor
          ? `${row.executor.name}${row.executor.match === 'new_organization' ? ` ${t('wpp.preview.executor.new', language)}` : ''}`
          : '—',
        errors: row.errors.map((e) => `${e.field}: ${e.message}`),
      })),
    };
  }

  /** "Line 4, column “deadline”: …" for every problem of every row (also what a refused import reports). */
  problemSentences(rows: { line: number; errors: FieldProblem[] }[], language: Language): string[] {
    return rows.flatMap((row) =>
      row.errors.map((e) =>
        t('wpp.preview.problem', language, {
          line: String(row.line),
          field: e.field,
          message: e.message.replace(/\.$/, ''),
        }),
      ),
    );
  }

  private async planItems(workPlanId: string, filters: ItemFilters): Promise<WorkPlanItemView[]> {
    const page = await this.items.list({ ...filters, workPlanId, limit: PLAN_ITEMS_LIMIT, offset: 0 });
    return page.items.sort((a, b) => a.position - b.position);
  }
}
