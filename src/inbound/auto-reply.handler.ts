import { Injectable } from '@nestjs/common';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import { readAwayUntil } from './away-date';
import type { InboundMail, InboundOutcome } from './inbound-mail';
import { InboundRecordsRepository } from './inbound-records.repository';

/** An out-of-office or other automatic answer: noted on the member, never an answer, never answered. */
@Injectable()
export class AutoReplyHandler {
  constructor(private readonly records: InboundRecordsRepository) {}

  async receive(mail: InboundMail, unit: UnitOfWorkContext): Promise<InboundOutcome> {
    const member = mail.from ? await this.records.memberByEmail(unit.manager, mail.from.address) : null;
    if (!member) return { kind: 'auto_reply', status: 'noted', details: { reason: 'unknown_sender' } };
    const awayUntil = readAwayUntil(`${mail.subject}\n${mail.text}`, mail.receivedAt, member.timeZone);
    await this.records.memberAway(unit.manager, member.id, awayUntil, mail.receivedAt);
    return { kind: 'auto_reply', status: 'noted', memberId: member.id, details: { awayUntil } };
  }
}
