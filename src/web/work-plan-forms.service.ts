import { ContentTexts } from '../common/i18n/content-texts';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { FieldProblem } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { formatDateTime } from '../common/time/format';
import { BodiesService } from '../bodies/bodies.service';
import { MemberRepository } from '../members/member.repository';
import { OrganizationsService } from '../organizations/organizations.service';
import { itemRecipients } from '../reminders/item-recipients';
import { DeadlineReader } from '../work-plan/deadline/deadline-reader';
import { ITEM_STATUSES } from '../work-plan/work-plan-item.entity';
import { WorkPlanItemRepository } from '../work-plan/work-plan-item.repository';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import { WORK_PLAN_STATUSES } from '../work-plan/work-plan.entity';
import type { WorkPlan } from '../work-plan/work-plan.entity';
import { WorkPlansService } from '../work-plan/work-plans.service';
import { listOf } from './meeting-form-values';
import type { FormBody } from './meeting-form-values';
import { formProblems, ITEM_FIELDS, offsetsText, PLAN_FIELDS } from './work-plan-form-values';
import { windowText } from './work-plan-page.service';

/** Fields an edit of an activity may change, as the history names them. */
const EDITED_FIELDS: Record<string, MessageKey> = {
  activity: 'wpp.item.activity',
  executorOrganizationId: 'wpp.item.executor',
  executorMemberId: 'wpp.item.executor',
  responsibleMemberIds: 'wpp.responsible',
  topics: 'wpp.item.topics',
  countries: 'wpp.item.countries',
  notes: 'wpp.item.notes',
  reminderOffsets: 'wpp.item.offsets',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What the work-plan forms show: a plan's form, an activity's form and page with its history, and a deadline read live. */
@Injectable()
export class WorkPlanFormsService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly plans: WorkPlansService,
    private readonly items: WorkPlanItemsService,
    private readonly itemRows: WorkPlanItemRepository,
    private readonly bodies: BodiesService,
    private readonly organizations: OrganizationsService,
    private readonly members: MemberRepository,
    private readonly deadlines: DeadlineReader,
    private readonly audit: AuditService,
  ) {}

  async planForm(language: Language, values: FormBody, problems: FieldProblem[], plan: WorkPlan | null) {
    const { errors, summary } = formProblems(problems, PLAN_FIELDS, language);
    const bodies = plan ? [] : (await this.bodies.list({ limit: 200, offset: 0 })).items;
    return {
      values,
      errors,
      problems: summary,
      bodies: bodies.map((b) => ({
        id: b.id,
        name: this.texts.pick(b.name, language),
        selected: b.id === values.bodyId,
      })),
      statuses: WORK_PLAN_STATUSES.map((s) => ({
        value: s,
        label: label('workPlanStatus', s, language),
        selected: s === (values.status ?? 'draft'),
      })),
    };
  }

  planValues(plan: WorkPlan): FormBody {
    return {
      'title.en': plan.title.en ?? '',
      'title.ru': plan.title.ru ?? '',
      'title.kk': plan.title.kk ?? '',
      period: plan.period,
      status: plan.status,
    };
  }

  async itemForm(planId: string, language: Language, zone: string, values: FormBody, problems: FieldProblem[]) {
    const { errors, summary } = formProblems(problems, ITEM_FIELDS, language);
    const [organizations, members] = await Promise.all([
      this.organizations.list({ limit: 200, offset: 0 }),
      this.members.activeByCountry(),
    ]);
    const responsible = new Set(listOf(values.responsibleMemberIds));
    const deadline = typeof values.deadline === 'string' ? values.deadline : '';
    return {
      values,
      errors,
      problems: summary,
      preview: await this.deadlinePreview(deadline, planId, zone, language),
      organizations: organizations.items
        .map((o) => ({ id: o.id, name: this.texts.pick(o.name, language), selected: o.id === values.executor }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      executorMembers: members.map((m) => ({
        id: m.id,
        name: `${m.fullName} (${m.countryCode})`,
        selected: m.id === values.executor,
      })),
      members: members.map((m) => ({
        id: m.id,
        name: `${m.fullName} (${m.countryCode})`,
        checked: responsible.has(m.id),
      })),
    };
  }

  async itemValues(itemId: string): Promise<FormBody | null> {
    const item = await this.itemRows.findWithRelations(itemId);
    if (!item) return null;
    return {
      'activity.en': item.activity.en ?? '',
      'activity.ru': item.activity.ru ?? '',
      'activity.kk': item.activity.kk ?? '',
      deadline: item.deadlineText,
      executor: item.executorOrganizationId ?? item.executorMemberId ?? '',
      responsibleMemberIds: (item.responsibleMembers ?? []).map((m) => m.id),
      topics: item.topics.join(', '),
      countries: item.countries.join(', '),
      notes: item.notes ?? '',
      reminderOffsets: offsetsText(item.reminderOffsets),
    };
  }

  async deadlinePreview(
    text: string,
    planId: string | null,
    zone: string,
    language: Language,
  ): Promise<{ ok: boolean; lines: string[] }> {
    if (text.trim() === '') return { ok: true, lines: [t('wpp.item.deadline.none', language)] };
    // Due at the end of the window where the plan's body is; shown in the reader's zone.
    const bodyZone = planId ? await this.bodyZone(planId).catch(() => zone) : zone;
    try {
      const read = this.deadlines.read(text, bodyZone);
      if (read.onRequest) return { ok: true, lines: [t('wpp.item.deadline.on_request', language)] };
      const window = windowText(read.windows, language);
      const lines = [
        window ? t('wpp.item.deadline.reads', language, { window }) : t('wpp.item.deadline.none', language),
      ];
      if (read.dueAt)
        lines.push(
          t('wpp.item.deadline.due', language, {
            due: `${formatDateTime(read.dueAt.toISOString(), zone, language)} (${zone})`,
          }),
        );
      return { ok: true, lines };
    } catch {
      return { ok: false, lines: [t('wpp.error.deadline', language)] };
    }
  }

  private async bodyZone(planId: string): Promise<string> {
    const plan = await this.plans.get(planId);
    return (await this.bodies.get(plan.bodyId)).timeZone;
  }

  async itemPage(itemId: string, language: Language, zone: string, statusValues: FormBody, problems: FieldProblem[]) {
    const item = await this.items.get(itemId);
    const plan = await this.plans.get(item.workPlanId);
    const entity = (await this.itemRows.findWithRelations(itemId))!;
    const { focalPoints, secretariat } = await this.itemRows.fallbackPeople(
      itemId,
      new Date().toISOString().slice(0, 10),
    );
    const reminded = itemRecipients(
      { responsibleMembers: entity.responsibleMembers ?? [], executorMember: entity.executorMember, focalPoints },
      secretariat,
    );
    const names = reminded.members.map((m) => m.fullName).join(', ');
    const { errors, summary } = formProblems(problems, ITEM_FIELDS, language);
    return {
      item: {
        id: item.id,
        activity: this.texts.pick(item.activity, language),
        deadline: item.deadline.text || '—',
        window:
          windowText(item.deadline.windows, language) ||
          (item.deadline.onRequest ? t('wpp.on_request', language) : '—'),
        due: item.deadline.dueAt ? `${formatDateTime(item.deadline.dueAt, zone, language)} (${zone})` : null,
        executor: item.executor ? this.texts.pick(item.executor.name, language) : '—',
        responsible: item.responsibleMembers.map((m) => m.fullName).join(', ') || '—',
        topics: item.topics.join(', ') || '—',
        countries: item.countries.join(', ') || '—',
        notes: item.notes,
        status: label('itemStatus', item.status, language),
        overdue: item.overdue,
      },
      reminded: {
        nobody: reminded.audience === 'secretariat' || reminded.audience === 'nobody',
        focal:
          reminded.audience === 'focal_points'
            ? t('wpp.focal', language, {
                organization: item.executor ? this.texts.pick(item.executor.name, language) : '',
              })
            : null,
        names: names || '—',
      },
      planId: plan.id,
      plan: this.texts.pick(plan.title, language),
      statuses: ITEM_STATUSES.map((s) => ({
        value: s,
        label: label('itemStatus', s, language),
        selected: s === (statusValues.status ?? item.status),
      })),
      statusValues,
      errors,
      problems: summary,
      history: await this.history(itemId, language, zone),
    };
  }

  private async history(itemId: string, language: Language, zone: string) {
    const [changes, audit] = await Promise.all([
      this.items.history(itemId),
      this.audit.list({ entity: 'work_plan_item', id: itemId, limit: 200, offset: 0 }),
    ]);
    const statusWord = (value: string | null) => (value ? label('itemStatus', value, language) : '—');
    const rows: { at: Date; who: string; what: string; comment: string | null }[] = changes.map((c) => ({
      at: c.at,
      who: c.actorName,
      what:
        c.field === 'status'
          ? t('wpp.history.status', language, { from: statusWord(c.oldValue), to: statusWord(c.newValue) })
          : t('wpp.history.deadline', language, { from: c.oldValue || '—', to: c.newValue || '—' }),
      comment: c.note,
    }));
    for (const entry of audit.items) {
      if (entry.action === 'create') {
        rows.push({ at: entry.at, who: entry.actorName, what: t('wpp.history.created', language), comment: null });
        continue;
      }
      const before = entry.before ?? {};
      const after = entry.after ?? {};
      const fields = [
        ...new Set(
          Object.entries(EDITED_FIELDS)
            .filter(([key]) => !same(before[key], after[key]))
            .map(([, key]) => t(key, language)),
        ),
      ];
      if (fields.length)
        rows.push({
          at: entry.at,
          who: entry.actorName,
          what: t('wpp.history.edited', language, { fields: fields.join(', ') }),
          comment: null,
        });
    }
    return rows
      .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
      .map((r) => ({ ...r, at: `${formatDateTime(new Date(r.at).toISOString(), zone, language)} (${zone})` }));
  }
}
