import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { LocalizedText } from '../common/i18n/languages';
import { InboundMessage } from './inbound-message.entity';
import type { InboundStatus } from './inbound-message.entity';

/** The statuses that wait for the secretariat: the inbox's unread. */
export const OPEN_STATUSES: InboundStatus[] = ['inbox', 'flagged'];

export interface InboxRow {
  message: InboundMessage;
  memberName: string | null;
  meetingTitle: LocalizedText | null;
  itemId: string | null;
  itemActivity: LocalizedText | null;
}

/** The secretariat's inbox: what waits, what was handled, and the unknown senders' hourly allowance. */
@Injectable()
export class InboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  countOpen(): Promise<number> {
    return this.dataSource.manager
      .createQueryBuilder(InboundMessage, 'm')
      .where('m.status IN (:...open)', { open: OPEN_STATUSES })
      .getCount();
  }

  /** Newest first; `open` the unread, else those already handled or dismissed. */
  async page(open: boolean, limit: number, offset: number): Promise<{ rows: InboxRow[]; total: number }> {
    const statuses: InboundStatus[] = open ? OPEN_STATUSES : ['applied', 'dismissed'];
    const qb = this.dataSource.manager
      .createQueryBuilder(InboundMessage, 'm')
      .where('m.status IN (:...statuses)', { statuses })
      .orderBy('m.received_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit)
      .offset(offset);
    // Handled by the secretariat, not those the rules applied on their own (calendar replies).
    if (!open) qb.andWhere('m.handled_at IS NOT NULL');
    const [messages, total] = await Promise.all([qb.getMany(), qb.getCount()]);
    return { rows: await this.withNames(messages), total };
  }

  async findRow(id: string): Promise<InboxRow | null> {
    const message = await this.dataSource.manager.findOneBy(InboundMessage, { id });
    return message ? (await this.withNames([message]))[0] : null;
  }

  lock(manager: EntityManager, id: string): Promise<InboundMessage | null> {
    return manager.findOne(InboundMessage, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markHandled(
    manager: EntityManager,
    id: string,
    status: Extract<InboundStatus, 'applied' | 'dismissed'>,
    details: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(
      `UPDATE inbound_message SET status = $2, details = $3::jsonb, handled_at = now() WHERE id = $1`,
      [id, status, JSON.stringify(details)],
    );
  }

  async countIgnoredUnknownSince(since: Date): Promise<number> {
    const rows: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM inbound_message WHERE kind = 'unknown' AND status = 'ignored' AND received_at >= $1`,
      [since],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** A message over the allowance is counted, not kept: its words and attachment list go. */
  async forgetContent(manager: EntityManager, messageId: string): Promise<void> {
    await manager.query(
      `UPDATE inbound_message SET text_body = '', attachments = '[]'::jsonb, subject = '' WHERE message_id = $1`,
      [messageId],
    );
  }

  /** Unknown senders' messages kept in the inbox from this address since then (the message itself not counted). */
  async countKeptUnknownSince(manager: EntityManager, fromAddress: string, since: Date, exceptMessageId: string) {
    const rows: { n: string }[] = await manager.query(
      `SELECT count(*) AS n FROM inbound_message
        WHERE kind = 'unknown' AND status <> 'ignored' AND lower(from_address) = lower($1)
          AND received_at >= $2 AND message_id <> $3`,
      [fromAddress, since, exceptMessageId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  private async withNames(messages: InboundMessage[]): Promise<InboxRow[]> {
    const memberIds = [...new Set(messages.map((m) => m.memberId).filter((id): id is string => !!id))];
    const meetingIds = [...new Set(messages.map((m) => m.meetingId).filter((id): id is string => !!id))];
    const itemIds = [...new Set(messages.map(itemIdOf).filter((id): id is string => !!id))];
    const [members, meetings, items] = await Promise.all([
      this.names<string>(`SELECT id, full_name AS name FROM member WHERE id = ANY($1::uuid[])`, memberIds),
      this.names<LocalizedText>(`SELECT id, title AS name FROM meeting WHERE id = ANY($1::uuid[])`, meetingIds),
      this.names<LocalizedText>(`SELECT id, activity AS name FROM work_plan_item WHERE id = ANY($1::uuid[])`, itemIds),
    ]);
    return messages.map((message) => {
      const itemId = itemIdOf(message);
      return {
        message,
        memberName: message.memberId ? (members.get(message.memberId) ?? null) : null,
        meetingTitle: message.meetingId ? (meetings.get(message.meetingId) ?? null) : null,
        itemId,
        itemActivity: itemId ? (items.get(itemId) ?? null) : null,
      };
    });
  }

  private async names<T>(sql: string, ids: string[]): Promise<Map<string, T>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: T }[] = await this.dataSource.query(sql, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

/** The work-plan activity a reply is about: kept in the details, the message row names meetings only. */
export function itemIdOf(message: Pick<InboundMessage, 'details'>): string | null {
  const id = (message.details?.reply as { workPlanItemId?: unknown } | undefined)?.workPlanItemId;
  return typeof id === 'string' ? id : null;
}
