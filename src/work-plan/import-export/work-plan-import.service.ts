import { HttpStatus, Injectable } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { ApiError, FieldProblem } from '../../common/http/api-error';
import { languageOf } from '../../common/i18n/languages';
import type { LocalizedText } from '../../common/i18n/languages';
import { t } from '../../common/i18n/messages';
import { COUNTRY_CODES } from '../../common/validation/country-codes';
import type { Member } from '../../members/member.entity';
import type { Organization, OrganizationKind } from '../../organizations/organization.entity';
import { UnitOfWork } from '../../notifications/unit-of-work';
import type { UnitOfWorkContext } from '../../notifications/unit-of-work';
import { ItemRemindersPlanner } from '../../reminders/item-reminders.planner';
import { DeadlineReader, ReadDeadline } from '../deadline/deadline-reader';
import { ITEM_STATUSES, ItemStatus, WorkPlanItem } from '../work-plan-item.entity';
import { WorkPlanItemRepository } from '../work-plan-item.repository';
import { WorkPlansService } from '../work-plans.service';
import { readTable, ReadTable, TableFormatError, TableRow } from './work-plan-table';

const STATUS_WORDS: Record<string, ItemStatus> = {
  ...Object.fromEntries(ITEM_STATUSES.map((s) => [s, s])),
  'in progress': 'in_progress',
  запланировано: 'planned',
  'в работе': 'in_progress',
  выполняется: 'in_progress',
  выполнено: 'done',
  отменено: 'cancelled',
  отложено: 'postponed',
  жоспарланған: 'planned',
  орындалуда: 'in_progress',
  орындалды: 'done',
  'күші жойылды': 'cancelled',
  шегерілді: 'postponed',
};

export interface ImportRowResult {
  line: number;
  activity: LocalizedText;
  deadline: {
    text: string;
    kind: string;
    windows: { start: string; end: string }[];
    dueAt: string | null;
    onRequest: boolean;
  } | null;
  executor: { name: string; match: 'organization' | 'member' | 'new_organization'; id: string | null } | null;
  errors: FieldProblem[];
}

export interface ImportReport {
  dryRun: boolean;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  ignoredColumns: string[];
  summary: { rows: number; valid: number; invalid: number; newExecutors: string[] };
  rows: ImportRowResult[];
  imported?: number;
}

interface PlannedRow {
  result: ImportRowResult;
  read: ReadDeadline | null;
  activity: LocalizedText;
  executorOrganizationId: string | null;
  executorMemberId: string | null;
  newExecutorKey: string | null;
  responsibleIds: string[];
  named: { responsible: Member[]; executor: Member | null };
  countries: string[];
  topics: string[];
  status: ItemStatus;
  notes: string | null;
}

const ON_REQUEST_MARK = /[[(]\s*(по запросу|on request|сұраныс бойынша)\s*[\])]\s*$/i;
const nameKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');
const splitList = (value: string | undefined) =>
  (value ?? '')
    .split(/[;,]/)
    .map((v) => v.trim())
    .filter(Boolean);

const INSERT_CHUNK = 500;
const ROWS_PER_TURN = 100;
const NUL = '\u0000';

@Injectable()
export class WorkPlanImportService {
  constructor(
    private readonly plans: WorkPlansService,
    private readonly deadlines: DeadlineReader,
    private readonly audit: AuditService,
    private readonly unitOfWork: UnitOfWork,
    private readonly reminders: ItemRemindersPlanner,
    private readonly items: WorkPlanItemRepository,
  ) {}

  /** Reads the table and checks every row; with dryRun nothing is written, otherwise all rows or none are. */
  async import(
    workPlanId: string,
    file: { buffer: Buffer; originalname: string; mimetype: string },
    dryRun: boolean,
  ): Promise<ImportReport> {
    let table: ReadTable;
    try {
      table = await readTable(file.buffer, file.originalname, file.mimetype);
    } catch (error) {
      if (error instanceof TableFormatError) throw ApiError.field(error.status, 'file', error.message);
      throw error;
    }
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      const { plan, timeZone } = await this.plans.getForUpdate(manager, workPlanId);
      const planned = await this.planRows(manager, table.rows, timeZone);
      const report = this.report(table, planned, dryRun);
      if (dryRun) return report;
      if (report.summary.invalid > 0) {
        throw new ApiError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          t('import.refused.rows', 'en', { invalid: report.summary.invalid, rows: report.summary.rows }),
          { rows: report.rows.filter((r) => r.errors.length > 0).map((r) => ({ line: r.line, errors: r.errors })) },
        );
      }
      report.imported = await this.write(unit, plan.id, planned);
      await this.audit.record(manager, 'import', 'work_plan', plan.id, null, {
        rows: report.imported,
        format: table.format,
        newExecutors: report.summary.newExecutors,
      });
      return report;
    });
  }

  private async planRows(manager: EntityManager, rows: TableRow[], timeZone: string): Promise<PlannedRow[]> {
    const organizations = await this.items.allOrganizations(manager);
    const byName = new Map<string, Organization>();
    for (const organization of organizations) {
      for (const name of Object.values(organization.name)) if (name) byName.set(nameKey(name), organization);
    }
    const emails = new Set(
      rows.flatMap((row) =>
        [...splitList(row.cells.responsible), row.cells.executor ?? '']
          .filter((v) => v.includes('@') && !v.includes(NUL))
          .map((e) => e.toLowerCase()),
      ),
    );
    const members = emails.size ? await this.items.membersByEmails(manager, [...emails]) : [];
    const memberByEmail = new Map(members.map((m) => [m.email.toLowerCase(), m]));
    const planned: PlannedRow[] = [];
    for (const row of rows) {
      planned.push(this.planRow(row, timeZone, byName, memberByEmail));
      if (planned.length % ROWS_PER_TURN === 0) await nextTurn();
    }
    return planned;
  }

  private planRow(
    row: TableRow,
    timeZone: string,
    organizations: Map<string, Organization>,
    members: Map<string, Member>,
  ): PlannedRow {
    const { cells } = row;
    // PostgreSQL cannot store U+0000 in text: refused here, or only the real import would fail on it.
    const errors: FieldProblem[] = Object.entries(cells)
      .filter(([, value]) => value.includes(NUL))
      .map(([field]) => ({ field, message: 'contains a NUL character (U+0000), which cannot be stored; remove it' }));

    const activity: LocalizedText = {};
    if (cells.activity) activity[languageOf(cells.activity)] = cells.activity;
    if (cells.activity_en) activity.en = cells.activity_en;
    if (cells.activity_ru) activity.ru = cells.activity_ru;
    if (cells.activity_kk) activity.kk = cells.activity_kk;
    if (Object.keys(activity).length === 0) errors.push({ field: 'activity', message: 'is empty' });
    for (const [language, text] of Object.entries(activity)) {
      if (text.length > 2000)
        errors.push({ field: `activity_${language}`, message: 'is longer than 2,000 characters' });
    }

    // The documents mark on-request activities in the activity itself ("… [по запросу]").
    const onRequestMark = Object.values(activity).some((text) => ON_REQUEST_MARK.test(text));
    let read: ReadDeadline | null = null;
    const deadlineText = cells.deadline ?? '';
    if (deadlineText.length > 300) {
      errors.push({ field: 'deadline', message: 'is longer than 300 characters' });
    } else {
      try {
        read = this.deadlines.read(deadlineText, timeZone);
        if (onRequestMark) read = { ...read, onRequest: true };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        errors.push({
          field: 'deadline',
          message: ((error.getResponse() as { message: FieldProblem[] }).message[0] ?? { message: 'could not be read' })
            .message,
        });
      }
    }

    let executor: ImportRowResult['executor'] = null;
    let executorOrganizationId: string | null = null;
    let executorMemberId: string | null = null;
    let newExecutorKey: string | null = null;
    const executorName = cells.executor ?? '';
    if (executorName.length > 300) errors.push({ field: 'executor', message: 'is longer than 300 characters' });
    else if (executorName) {
      const member = executorName.includes('@') ? members.get(executorName.toLowerCase()) : undefined;
      const organization = organizations.get(nameKey(executorName));
      if (member) {
        executorMemberId = member.id;
        executor = { name: member.fullName, match: 'member', id: member.id };
      } else if (organization) {
        executorOrganizationId = organization.id;
        executor = { name: executorName, match: 'organization', id: organization.id };
      } else {
        newExecutorKey = nameKey(executorName);
        executor = { name: executorName, match: 'new_organization', id: null };
      }
    }

    const responsible = new Map<string, Member>();
    for (const email of splitList(cells.responsible)) {
      const member = members.get(email.toLowerCase());
      if (member) responsible.set(member.id, member);
      else errors.push({ field: 'responsible', message: `no member has the email ${email}` });
    }

    const countries = splitList(cells.countries).map((c) => c.toUpperCase());
    const unknownCountries = countries.filter((c) => !COUNTRY_CODES.has(c));
    if (unknownCountries.length)
      errors.push({
        field: 'countries',
        message: t('import.countries.unknown', 'en', {
          codes: unknownCountries.join(', '),
          count: unknownCountries.length,
        }),
      });

    const topics = splitList(cells.topics).map((t) => t.toLowerCase());
    if (topics.some((t) => t.length > 60))
      errors.push({ field: 'topics', message: 'each topic must be at most 60 characters' });

    let status: ItemStatus = 'planned';
    if (cells.status) {
      const known = STATUS_WORDS[cells.status.trim().toLowerCase()];
      if (known) status = known;
      else
        errors.push({
          field: 'status',
          message: `"${cells.status}" is not a status (use ${ITEM_STATUSES.join(', ')})`,
        });
    }
    const notes = cells.notes ? cells.notes : null;
    if (notes && notes.length > 5000) errors.push({ field: 'notes', message: 'is longer than 5,000 characters' });

    return {
      result: {
        line: row.line,
        activity,
        deadline: read && {
          text: read.text,
          kind: read.kind,
          windows: read.windows,
          dueAt: read.dueAt?.toISOString() ?? null,
          onRequest: read.onRequest,
        },
        executor,
        errors,
      },
      read,
      activity,
      executorOrganizationId,
      executorMemberId,
      newExecutorKey,
      responsibleIds: [...responsible.keys()],
      named: {
        responsible: [...responsible.values()],
        executor: executorMemberId ? (members.get(executorName.toLowerCase()) ?? null) : null,
      },
      countries: [...new Set(countries)],
      topics: [...new Set(topics)],
      status,
      notes,
    };
  }

  private report(table: ReadTable, planned: PlannedRow[], dryRun: boolean): ImportReport {
    const newExecutors = [
      ...new Map(
        planned.filter((p) => p.newExecutorKey).map((p) => [p.newExecutorKey!, p.result.executor!.name]),
      ).values(),
    ];
    const invalid = planned.filter((p) => p.result.errors.length > 0).length;
    return {
      dryRun,
      format: table.format,
      encoding: table.encoding,
      ignoredColumns: table.ignoredColumns,
      summary: { rows: planned.length, valid: planned.length - invalid, invalid, newExecutors },
      rows: planned.map((p) => p.result),
    };
  }

  /** Inserts in chunks: a 10,000-row plan is a few dozen statements, not tens of thousands. */
  private async write(unit: UnitOfWorkContext, workPlanId: string, planned: PlannedRow[]): Promise<number> {
    const { manager } = unit;
    const created = new Map<string, string>();
    for (const row of planned) {
      if (!row.newExecutorKey || created.has(row.newExecutorKey)) continue;
      const name = row.result.executor!.name;
      const kind: OrganizationKind = /wecoop|project|проект|жоба/i.test(name) ? 'project' : 'other';
      const organization = await this.items.createOrganization(manager, {
        name: { [languageOf(name)]: name },
        kind,
        countryCode: null,
      });
      await this.audit.record(manager, 'create', 'organization', organization.id, null, organization);
      created.set(row.newExecutorKey, organization.id);
    }
    const start = await this.items.takePositions(manager, workPlanId, planned.length);
    for (let offset = 0; offset < planned.length; offset += INSERT_CHUNK) {
      const chunk = planned.slice(offset, offset + INSERT_CHUNK);
      const values = chunk.map((row, i) => ({
        workPlanId,
        position: start + offset + i + 1,
        activity: row.activity,
        deadlineText: row.read!.text,
        deadlineKind: row.read!.kind,
        deadlineWindows: row.read!.windows,
        onRequest: row.read!.onRequest,
        dueAt: row.read!.dueAt,
        startsOn: row.read!.startsOn,
        executorOrganizationId: row.newExecutorKey ? created.get(row.newExecutorKey)! : row.executorOrganizationId,
        executorMemberId: row.executorMemberId,
        countries: row.countries,
        topics: row.topics,
        status: row.status,
        notes: row.notes,
        meetingId: null,
      }));
      const ids = await this.items.insertMany(manager, values);
      const links = ids.flatMap((id, i) =>
        chunk[i].responsibleIds.map((memberId) => ({ item_id: id, member_id: memberId })),
      );
      if (links.length) await this.items.linkResponsible(manager, links);
      // Every dated open item is reminded to someone: those named, else focal points, else the secretariat.
      await this.reminders.planNew(
        unit,
        workPlanId,
        ids.map((id, i) =>
          Object.assign(manager.create(WorkPlanItem, values[i]), {
            id,
            responsibleMembers: chunk[i].named.responsible,
            executorMember: chunk[i].named.executor,
          }),
        ),
      );
    }
    return planned.length;
  }
}
