import { emailCommon } from '../mail/email-kinds';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActionLinks } from '../actions/action-links';
import { pickLocalized } from '../common/i18n/languages';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { ItemView } from '../mail/email-kinds';
import type { Member } from '../members/member.entity';
import { ComposesNotifications } from '../notifications/notification-composer';
import type { Composition, NotificationComposer } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';
import { WorkPlanItem } from '../work-plan/work-plan-item.entity';
import { WorkPlan } from '../work-plan/work-plan.entity';
import { ItemRemindersPlanner } from './item-reminders.planner';
import { calendarDaysBetween } from './reminder-policy';

const skip = (reason: string): Composition => ({ send: false, reason });

/** Composes the reminders about a work-plan item, after checking they are still true. */
@Injectable()
@ComposesNotifications('work_plan_item')
export class ItemEmailComposer implements NotificationComposer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly planner: ItemRemindersPlanner,
    private readonly links: ActionLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(notification: Notification, recipient: Member): Promise<Composition> {
    const item = await this.dataSource.manager.findOne(WorkPlanItem, {
      where: { id: notification.subjectId! },
      relations: { responsibleMembers: true, executorOrganization: true, executorMember: true },
    });
    if (!item) return skip('the item no longer exists');
    if (item.status === 'done' || item.status === 'cancelled') return skip(`the item is ${item.status}`);
    if (item.onRequest) return skip('the item is on request');
    if (!item.dueAt || item.dueAt.toISOString() !== notification.payload.dueAt) return skip('the deadline changed after this was planned');
    const concerned = (item.responsibleMembers ?? []).some((m) => m.id === recipient.id) || item.executorMemberId === recipient.id;
    if (notification.kind !== 'item-escalation' && !concerned) return skip('the recipient is no longer responsible for the item');
    if (notification.kind === 'item-escalation') {
      const plan = await this.dataSource.manager.findOneByOrFail(WorkPlan, { id: item.workPlanId });
      if (!(await this.planner.isEscalationRecipient(this.dataSource.manager, plan.bodyId, recipient.id))) return skip("the recipient no longer chairs the body or serves in its secretariat");
    }

    const common = { ...emailCommon(recipient, this.config.appUrl, this.links.preferences(recipient)), item: this.view(item, recipient) };
    const links = this.links.item(recipient, item.id);
    switch (notification.kind) {
      case 'item-due-soon':
        return { send: true, kind: 'item-due-soon', data: { ...common, daysLeft: calendarDaysBetween(new Date(), item.dueAt, recipient.timeZone), links } };
      case 'item-due-today':
        return { send: true, kind: 'item-due-today', data: { ...common, links } };
      case 'item-overdue':
        return { send: true, kind: 'item-overdue', data: { ...common, weeksOverdue: Number(notification.payload.weeksOverdue ?? 1), links } };
      case 'item-escalation':
        return {
          send: true,
          kind: 'item-escalation',
          data: { ...common, weeksOverdue: Number(notification.payload.weeksOverdue ?? 2), responsible: (item.responsibleMembers ?? []).map((m) => `${m.fullName} (${m.countryCode})`) },
        };
      default:
        return skip(`no item email of kind ${notification.kind}`);
    }
  }

  view(item: WorkPlanItem, reader: Pick<Member, 'language'>): ItemView {
    return {
      activity: pickLocalized(item.activity, reader.language),
      deadlineText: item.deadlineText,
      dueAt: item.dueAt?.toISOString() ?? null,
      executor: item.executorOrganization ? pickLocalized(item.executorOrganization.name, reader.language) : (item.executorMember?.fullName ?? null),
      countries: item.countries,
      url: `${this.config.appUrl}/work-plan/items/${item.id}`,
    };
  }
}
