import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EmailKind } from '../mail/email-kinds';
import type { Member } from '../members/member.entity';
import { NotificationsService } from '../notifications/notifications.service';
import type { PlannedNotification, PlannedRow } from '../notifications/notification.repository';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import type { WorkPlanItem } from '../work-plan/work-plan-item.entity';
import { WorkPlanItemRepository } from '../work-plan/work-plan-item.repository';
import { itemRecipients } from './item-recipients';
import {
  daysAfter,
  DEFAULT_ITEM_OFFSETS,
  ESCALATE_AFTER,
  OVERDUE_EVERY_DAYS,
  OVERDUE_TIMES,
  reminderMoment,
} from './reminder-policy';

const KINDS: EmailKind[] = ['item-due-soon', 'item-due-today', 'item-overdue', 'item-escalation'];

/** Whoever writes the item reads this once from its plan and body. */
export interface ItemPlanContext {
  workPlanId: string;
  bodyId: string;
  timeZone: string;
  bodyItemOffsets: string[] | null;
  escalationRecipients: Member[];
  /** Today's secretariat of the body: reminded of the items nobody else is. */
  secretariat: Member[];
}

/** `responsibleMembers`, `executorMember` and `focalPoints` (of its executing organisation) loaded. */
export type ItemWithPeople = WorkPlanItem & { responsibleMembers: Member[]; focalPoints: Member[] };

const today = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class ItemRemindersPlanner {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly items: WorkPlanItemRepository,
  ) {}

  async loadContext(manager: EntityManager, workPlanId: string): Promise<ItemPlanContext | null> {
    const found = await this.items.planContext(manager, workPlanId, today());
    if (!found) return null;
    return {
      workPlanId,
      bodyId: found.bodyId,
      timeZone: found.timeZone,
      bodyItemOffsets: found.itemOffsets,
      escalationRecipients: found.escalationRecipients,
      secretariat: found.secretariat,
    };
  }

  async plan(unit: UnitOfWorkContext, itemId: string, now = new Date()): Promise<PlannedRow[]> {
    const { manager } = unit;
    const item = await this.items.findWithRecipients(manager, itemId);
    const context = item && (await this.loadContext(manager, item.workPlanId));
    const focalPoints = item?.executorOrganizationId
      ? ((await this.items.focalPointsOf(manager, [item.executorOrganizationId])).get(item.executorOrganizationId) ??
        [])
      : [];
    if (!item || !context)
      return this.notifications.replanAfterEmailsInFlight(
        unit,
        'work_plan_item',
        itemId,
        KINDS,
        [],
        'the item no longer exists',
      );
    return this.planLoaded(unit, Object.assign(item, { focalPoints }) as ItemWithPeople, context, now);
  }

  planLoaded(
    unit: UnitOfWorkContext,
    item: ItemWithPeople,
    context: ItemPlanContext,
    now = new Date(),
  ): Promise<PlannedRow[]> {
    return this.notifications.replanAfterEmailsInFlight(
      unit,
      'work_plan_item',
      item.id,
      KINDS,
      this.desiredReminders(item, context, now),
      'the item, its deadline or its people changed',
    );
  }

  /** The reminders the item should have now; a new item's writer inserts them with the item. */
  desiredReminders(item: ItemWithPeople, context: ItemPlanContext, now = new Date()): PlannedNotification[] {
    const dueAt = item.dueAt;
    if (!dueAt || item.onRequest || item.status === 'done' || item.status === 'cancelled') return [];
    const offsets = item.reminderOffsets ?? context.bodyItemOffsets ?? DEFAULT_ITEM_OFFSETS;
    const dueKey = dueAt.getTime();
    const people = itemRecipients(item, context.secretariat).members;

    const row = (
      kind: EmailKind,
      member: Member,
      at: Date,
      suffix: string,
      payload: Record<string, unknown>,
    ): PlannedNotification => ({
      key: `item:${item.id}:${kind}:${member.id}:${dueKey}:${suffix}`,
      kind,
      subjectType: 'work_plan_item',
      subjectId: item.id,
      subjectVersion: null,
      recipientId: member.id,
      recipientEmail: member.email,
      dueAt: at,
      status: at <= now ? 'skipped' : 'scheduled',
      lastError: at <= now ? 'its moment had passed when the item was planned' : null,
      payload: { dueAt: dueAt.toISOString(), ...payload },
    });

    const desired: PlannedNotification[] = [];
    for (const member of people) {
      for (const offset of offsets) {
        const kind = offset === 'P0D' ? 'item-due-today' : 'item-due-soon';
        desired.push(row(kind, member, reminderMoment(dueAt, offset, member.timeZone), offset, { offset }));
      }
      for (let week = 1; week <= OVERDUE_TIMES; week++) {
        desired.push(
          row('item-overdue', member, daysAfter(dueAt, week * OVERDUE_EVERY_DAYS, member.timeZone), `w${week}`, {
            weeksOverdue: week,
          }),
        );
      }
    }
    for (const member of context.escalationRecipients) {
      desired.push(
        row(
          'item-escalation',
          member,
          daysAfter(dueAt, ESCALATE_AFTER * OVERDUE_EVERY_DAYS, member.timeZone),
          'escalation',
          { weeksOverdue: ESCALATE_AFTER },
        ),
      );
    }
    return desired;
  }

  /** An import's items: context and focal points read once, rows inserted in one statement. */
  async planNew(unit: UnitOfWorkContext, workPlanId: string, items: WorkPlanItem[]): Promise<void> {
    const dated = items.filter((i) => i.dueAt && !i.onRequest && i.status !== 'done' && i.status !== 'cancelled');
    if (dated.length === 0) return;
    const context = await this.loadContext(unit.manager, workPlanId);
    if (!context) return;
    const organizations = [...new Set(dated.map((i) => i.executorOrganizationId).filter((id) => id !== null))];
    const focal = await this.items.focalPointsOf(unit.manager, organizations);
    const rows = dated.flatMap((item) =>
      this.desiredReminders(
        Object.assign(item, {
          responsibleMembers: item.responsibleMembers ?? [],
          focalPoints: (item.executorOrganizationId && focal.get(item.executorOrganizationId)) || [],
        }),
        context,
      ),
    );
    await this.notifications.plan(unit, rows);
  }

  async planExecutedBy(unit: UnitOfWorkContext, organizationId: string): Promise<void> {
    for (const id of await this.items.openDatedIdsExecutedBy(unit.manager, organizationId)) await this.plan(unit, id);
  }

  async planConcerning(unit: UnitOfWorkContext, memberId: string): Promise<void> {
    for (const id of await this.items.openDatedIdsConcerning(unit.manager, memberId)) await this.plan(unit, id);
  }

  async planBody(unit: UnitOfWorkContext, bodyId: string): Promise<void> {
    for (const id of await this.items.openDatedIdsOfBody(unit.manager, bodyId)) await this.plan(unit, id);
  }
}
