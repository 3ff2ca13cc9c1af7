import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Membership } from '../bodies/membership.entity';
import type { EmailKind } from '../mail/email-kinds';
import { Member } from '../members/member.entity';
import { NotificationsService } from '../notifications/notifications.service';
import type { PlannedNotification, PlannedRow } from '../notifications/notifications.service';
import { WorkPlanItem } from '../work-plan/work-plan-item.entity';
import { WorkPlan } from '../work-plan/work-plan.entity';
import { daysAfter, DEFAULT_ITEM_OFFSETS, ESCALATE_AFTER, OVERDUE_EVERY_DAYS, OVERDUE_TIMES, reminderMoment } from './reminder-policy';

const KINDS: EmailKind[] = ['item-due-soon', 'item-due-today', 'item-overdue', 'item-escalation'];

/**
 * Plans a work-plan item's reminders for its current deadline: before it is due, on the day, weekly
 * while overdue, and an escalation to the body's chair and the secretariat. Done, cancelled and
 * on-request items get none.
 */
@Injectable()
export class ItemRemindersPlanner {
  constructor(private readonly notifications: NotificationsService) {}

  async plan(manager: EntityManager, itemId: string, now = new Date()): Promise<PlannedRow[]> {
    const item = await manager.findOne(WorkPlanItem, { where: { id: itemId }, relations: { responsibleMembers: true, executorMember: true } });
    const desired: PlannedNotification[] = [];
    if (item && item.dueAt && !item.onRequest && item.status !== 'done' && item.status !== 'cancelled') {
      const plan = await manager.findOneByOrFail(WorkPlan, { id: item.workPlanId });
      const body = await manager.findOneByOrFail(Body, { id: plan.bodyId });
      const offsets = item.reminderOffsets ?? body.reminderOffsets?.items ?? DEFAULT_ITEM_OFFSETS;
      const dueAt = item.dueAt;
      const dueKey = dueAt.getTime();
      const people = new Map<string, Member>();
      for (const m of [...(item.responsibleMembers ?? []), ...(item.executorMember ? [item.executorMember] : [])]) if (m.active) people.set(m.id, m);

      const row = (kind: EmailKind, member: Member, at: Date, suffix: string, payload: Record<string, unknown>): PlannedNotification => ({
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

      for (const member of people.values()) {
        for (const offset of offsets) {
          const kind = offset === 'P0D' ? 'item-due-today' : 'item-due-soon';
          desired.push(row(kind, member, reminderMoment(dueAt, offset, member.timeZone), offset, { offset }));
        }
        for (let week = 1; week <= OVERDUE_TIMES; week++) {
          desired.push(row('item-overdue', member, daysAfter(dueAt, week * OVERDUE_EVERY_DAYS, member.timeZone), `w${week}`, { weeksOverdue: week }));
        }
      }
      for (const member of await this.escalationRecipients(manager, body.id)) {
        desired.push(row('item-escalation', member, daysAfter(dueAt, ESCALATE_AFTER * OVERDUE_EVERY_DAYS, member.timeZone), 'escalation', { weeksOverdue: ESCALATE_AFTER }));
      }
    }
    return this.notifications.replan(manager, 'work_plan_item', itemId, KINDS, desired, 'the item, its deadline or its people changed');
  }

  /** After the body's chair or secretariat changed: every open item of the body is planned again. */
  async planBody(manager: EntityManager, bodyId: string): Promise<void> {
    const items: { id: string }[] = await manager.query(
      `SELECT i.id FROM work_plan_item i JOIN work_plan p ON p.id = i.work_plan_id
       WHERE p.body_id = $1 AND i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at IS NOT NULL`,
      [bodyId],
    );
    for (const item of items) await this.plan(manager, item.id);
  }

  /** Whether the member still is, today, one of those an escalation about the body goes to. */
  async isEscalationRecipient(manager: EntityManager, bodyId: string, memberId: string): Promise<boolean> {
    return (await this.escalationRecipients(manager, bodyId)).some((m) => m.id === memberId);
  }

  /** The body's chair(s) and its secretariat, serving today. */
  private async escalationRecipients(manager: EntityManager, bodyId: string): Promise<Member[]> {
    const today = new Date().toISOString().slice(0, 10);
    return manager
      .createQueryBuilder(Member, 'm')
      .innerJoin(Membership, 's', 's.member_id = m.id')
      .where("s.body_id = :bodyId AND s.role IN ('chair', 'secretariat') AND s.start_date <= :today AND (s.end_date IS NULL OR s.end_date >= :today) AND m.active", { bodyId, today })
      .distinct(true)
      .getMany();
  }
}
