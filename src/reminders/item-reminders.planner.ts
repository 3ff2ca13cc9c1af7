import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rowToEntity } from '../common/database/update-returning';
import type { EmailKind } from '../mail/email-kinds';
import { Member } from '../members/member.entity';
import { escalationMembersSql, secretariatMembersSql } from '../members/member.repository';
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

/** What planning an item's reminders needs from its plan and body; whoever writes the item reads it once. */
export interface ItemPlanContext {
  workPlanId: string;
  bodyId: string;
  timeZone: string;
  /** The body's offsets for items; null: the defaults. */
  bodyItemOffsets: string[] | null;
  escalationRecipients: Member[];
  /** Today's secretariat of the body: reminded of the items nobody else is. */
  secretariat: Member[];
}

/**
 * An item with the people its reminders go to: `responsibleMembers` loaded, `executorMember` loaded when
 * it has one, and `focalPoints`, those of its executing organisation.
 */
export type ItemWithPeople = WorkPlanItem & { responsibleMembers: Member[]; focalPoints: Member[] };

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Plans a work-plan item's reminders for its current deadline: before it is due, on the day, weekly
 * while overdue, and an escalation to the body's chair and the secretariat. Done, cancelled and
 * on-request items get none.
 */
@Injectable()
export class ItemRemindersPlanner {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly items: WorkPlanItemRepository,
  ) {}

  /** The plan's body, its zone and offsets, and today's escalation recipients, in one statement; null when no such plan. */
  async loadContext(manager: EntityManager, workPlanId: string): Promise<ItemPlanContext | null> {
    const rows: {
      body_id: string;
      time_zone: string;
      reminder_offsets: { items?: string[] | null } | null;
      escalation: Record<string, unknown>[];
      secretariat: Record<string, unknown>[];
    }[] = await manager.query(
      `SELECT p.body_id, b.time_zone, b.reminder_offsets,
              coalesce((SELECT json_agg(row_to_json(e)) FROM (${escalationMembersSql('p.body_id', '$2')}) e), '[]') AS escalation,
              coalesce((SELECT json_agg(row_to_json(s)) FROM (${secretariatMembersSql('p.body_id', '$2')}) s), '[]') AS secretariat
       FROM work_plan p JOIN body b ON b.id = p.body_id WHERE p.id = $1`,
      [workPlanId, today()],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      workPlanId,
      bodyId: row.body_id,
      timeZone: row.time_zone,
      bodyItemOffsets: row.reminder_offsets?.items ?? null,
      escalationRecipients: row.escalation.map((member) => rowToEntity(manager.connection, Member, member)),
      secretariat: row.secretariat.map((member) => rowToEntity(manager.connection, Member, member)),
    };
  }

  /** Loads the item and its plan's context, then plans (for callers that hold only the id). */
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

  /** Plans from what the caller already loaded: the item with its people and its plan's context. */
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

  /**
   * The reminders of items just written together (an import): the plan's context and the focal points
   * read once, the rows inserted in one statement. No row of these items can exist yet.
   */
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

  /** After an organisation's focal points changed: its open items that nobody is named on are planned again. */
  async planExecutedBy(unit: UnitOfWorkContext, organizationId: string): Promise<void> {
    for (const id of await this.items.openDatedIdsExecutedBy(unit.manager, organizationId)) await this.plan(unit, id);
  }

  /** After a member was deactivated or came back: the items they may be reminded of find their people again. */
  async planConcerning(unit: UnitOfWorkContext, memberId: string): Promise<void> {
    for (const id of await this.items.openDatedIdsConcerning(unit.manager, memberId)) await this.plan(unit, id);
  }

  /** After the body's chair or secretariat changed: every open item of the body is planned again. */
  async planBody(unit: UnitOfWorkContext, bodyId: string): Promise<void> {
    for (const id of await this.items.openDatedIdsOfBody(unit.manager, bodyId)) await this.plan(unit, id);
  }
}
