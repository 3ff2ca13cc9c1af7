import { emailCommon } from '../mail/email-kinds';
import { Inject, Injectable } from '@nestjs/common';
import { ActionLinks } from '../actions/action-links';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { ItemView } from '../mail/email-kinds';
import type { Member } from '../members/member.entity';
import { MemberRepository } from '../members/member.repository';
import { ComposesNotifications } from '../notifications/notification-composer';
import type { Composition, NotificationComposer } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';
import type { WorkPlanItem } from '../work-plan/work-plan-item.entity';
import { WorkPlanItemRepository } from '../work-plan/work-plan-item.repository';
import { isRemindedOf } from './item-recipients';
import { calendarDaysBetween } from './reminder-policy';
import { ContentTexts } from '../common/i18n/content-texts';

const skip = (reason: string): Composition => ({ send: false, reason });

@Injectable()
@ComposesNotifications('work_plan_item')
export class ItemEmailComposer implements NotificationComposer {
  constructor(
    private readonly texts: ContentTexts,
    private readonly items: WorkPlanItemRepository,
    private readonly members: MemberRepository,
    private readonly links: ActionLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(notification: Notification, recipient: Member): Promise<Composition> {
    const item = await this.items.findWithPeople(notification.subjectId!);
    if (!item) return skip('the item no longer exists');
    if (item.status === 'done' || item.status === 'cancelled') return skip(`the item is ${item.status}`);
    if (item.onRequest) return skip('the item is on request');
    if (!item.dueAt || item.dueAt.toISOString() !== notification.payload.dueAt)
      return skip('the deadline changed after this was planned');
    if (notification.kind !== 'item-escalation' && !(await isRemindedOf(this.items, item, recipient.id)))
      return skip('the recipient is no longer responsible for the item');
    if (notification.kind === 'item-escalation') {
      const plan = await this.items.planOrFail(item.workPlanId);
      if (!(await this.members.isEscalationRecipient(plan.bodyId, recipient.id, new Date().toISOString().slice(0, 10))))
        return skip('the recipient no longer chairs the body or serves in its secretariat');
    }

    const common = {
      ...emailCommon(recipient, this.config.appUrl, this.links.preferences(recipient)),
      item: this.view(item, recipient),
    };
    const links = this.links.item(recipient, item.id);
    switch (notification.kind) {
      case 'item-due-soon':
        return {
          send: true,
          kind: 'item-due-soon',
          data: { ...common, daysLeft: calendarDaysBetween(new Date(), item.dueAt, recipient.timeZone), links },
        };
      case 'item-due-today':
        return { send: true, kind: 'item-due-today', data: { ...common, links } };
      case 'item-overdue':
        return {
          send: true,
          kind: 'item-overdue',
          data: { ...common, weeksOverdue: Number(notification.payload.weeksOverdue ?? 1), links },
        };
      case 'item-escalation':
        return {
          send: true,
          kind: 'item-escalation',
          data: {
            ...common,
            weeksOverdue: Number(notification.payload.weeksOverdue ?? 2),
            responsible: (item.responsibleMembers ?? []).map((m) => `${m.fullName} (${m.countryCode})`),
          },
        };
      default:
        return skip(`no item email of kind ${notification.kind}`);
    }
  }

  view(item: WorkPlanItem, reader: Pick<Member, 'language'>): ItemView {
    return {
      activity: this.texts.pick(item.activity, reader.language),
      deadlineText: item.deadlineText,
      dueAt: item.dueAt?.toISOString() ?? null,
      executor: item.executorOrganization
        ? this.texts.pick(item.executorOrganization.name, reader.language)
        : (item.executorMember?.fullName ?? null),
      countries: item.countries,
      url: `${this.config.appUrl}/work-plan/items/${item.id}`,
    };
  }
}
