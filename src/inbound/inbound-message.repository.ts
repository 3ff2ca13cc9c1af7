import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { InboundMail, InboundOutcome } from './inbound-mail';
import { InboundMessage } from './inbound-message.entity';

@Injectable()
export class InboundMessageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the message for this transaction: false when a row for its mailbox key or Message-ID exists
   * (or is being written by another transaction, which this one waits for).
   */
  async claim(manager: EntityManager, mail: InboundMail, outcome: InboundOutcome): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO inbound_message (mailbox, uid_validity, uid, message_id, from_address, from_name, to_address,
              subject, received_at, size, kind, status, text_body, attachments, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        mail.mailbox,
        mail.uidValidity,
        mail.uid,
        mail.messageId,
        mail.from?.address ?? '',
        mail.from?.name ?? null,
        mail.to.map((to) => to.address).join(', '),
        mail.subject,
        mail.receivedAt,
        mail.size,
        outcome.kind,
        outcome.status,
        mail.text,
        JSON.stringify(mail.attachments),
        JSON.stringify(outcome.details ?? {}),
      ],
    );
    return rows[0]?.id ?? null;
  }

  async settle(manager: EntityManager, id: string, outcome: InboundOutcome): Promise<void> {
    await manager.query(
      `UPDATE inbound_message
          SET kind = $2, status = $3, member_id = $4, meeting_id = $5, notification_id = $6, details = $7::jsonb
        WHERE id = $1`,
      [
        id,
        outcome.kind,
        outcome.status,
        outcome.memberId ?? null,
        outcome.meetingId ?? null,
        outcome.notificationId ?? null,
        JSON.stringify(outcome.details ?? {}),
      ],
    );
  }

  async exists(mailbox: string, uidValidity: string, uid: string, messageId: string | null): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM inbound_message
        WHERE (mailbox = $1 AND uid_validity = $2 AND uid = $3) OR message_id = $4 LIMIT 1`,
      [mailbox, uidValidity, uid, messageId ?? ''],
    );
    return rows.length > 0;
  }

  findOne(id: string): Promise<InboundMessage | null> {
    return this.dataSource.manager.findOneBy(InboundMessage, { id });
  }
}
