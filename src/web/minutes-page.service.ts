import { ContentTexts } from '../common/i18n/content-texts';
import { Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/languages';
import type { MinutesView } from '../meetings/minutes.service';
import { MemberRepository } from '../members/member.repository';
import { OrganizationsService } from '../organizations/organizations.service';
import { WorkPlansService } from '../work-plan/work-plans.service';
import { listOf } from './meeting-form-values';
import type { FormBody } from './meeting-form-values';

type Section = { values: FormBody; errors: Record<string, string> };
interface Row {
  index: number;
}

/**
 * The parts of the minutes forms that name people and plans: each action item's executor and
 * responsible members, and, when the body has no open work plan, the offer to create or choose one.
 */
@Injectable()
export class MinutesPageService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly organizations: OrganizationsService,
    private readonly members: MemberRepository,
    private readonly plans: WorkPlansService,
  ) {}

  /** The minutes form's rows with their executor and responsible members, as typed or as stored. */
  async withPeople<T extends Row>(
    rows: T[],
    minutes: MinutesView | null,
    { values: typed, errors }: Section,
    language: Language,
  ) {
    const [organizations, members] = await Promise.all([
      this.organizations.list({ limit: 200, offset: 0 }),
      this.members.activeByCountry(),
    ]);
    const wasTyped = Object.keys(typed).length > 0;
    return rows.map((row) => {
      const i = row.index;
      const stored = minutes?.decisions[i]?.actionItems[0];
      const executor = wasTyped
        ? String((typed[`decisions.${i}.actionItems.0.executor`] as string | undefined) ?? '')
        : (stored?.executor ?? '');
      const responsible = new Set(
        wasTyped
          ? listOf(typed[`decisions.${i}.actionItems.0.responsibleMemberIds`])
          : (stored?.responsibleMemberIds ?? []),
      );
      return {
        ...row,
        executorOrganizations: organizations.items.map((o) => ({
          id: o.id,
          label: this.texts.pick(o.name, language),
          selected: o.id === executor,
        })),
        executorMembers: members.map((m) => ({
          id: m.id,
          label: `${m.fullName} (${m.countryCode})`,
          selected: m.id === executor,
        })),
        responsibleMembers: members.map((m) => ({
          id: m.id,
          label: `${m.fullName} (${m.countryCode})`,
          selected: responsible.has(m.id),
        })),
        executorError: errors[`decisions.${i}.actionItems.0.executor`] ?? null,
        responsibleError: errors[`decisions.${i}.actionItems.0.responsibleMemberIds`] ?? null,
      };
    });
  }

  /**
   * The approval form: when the minutes hold action items and the body has no open work plan, it offers
   * a new plan (title and period) or one of the open plans of other bodies, on the same form.
   */
  async approveForm(bodyId: string, minutes: MinutesView | null, { values, errors }: Section, language: Language) {
    const hasActions = minutes?.decisions.some((d) => d.actionItems.length > 0) ?? false;
    if (!hasActions || minutes?.status !== 'draft') return { needsPlan: false };
    const open = (await this.plans.list({ limit: 200, offset: 0 })).items.filter((p) => p.status !== 'closed');
    if (open.some((p) => p.bodyId === bodyId)) return { needsPlan: false };
    const typed = (name: string) => (typeof values[name] === 'string' ? values[name] : '');
    return {
      needsPlan: true,
      plans: open.map((p) => ({
        id: p.id,
        label: `${this.texts.pick(p.title, language)} (${p.period})`,
        selected: p.id === values.workPlanId,
      })),
      title: typed('newWorkPlan.title'),
      period: typed('newWorkPlan.period'),
      errors: {
        plan: errors.workPlanId ?? errors.newWorkPlan ?? null,
        title: errors['newWorkPlan.title'] ?? null,
        period: errors['newWorkPlan.period'] ?? null,
      },
    };
  }
}
