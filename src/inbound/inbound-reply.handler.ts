import { Injectable } from '@nestjs/common';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import type { InboundMail, InboundOutcome } from './inbound-mail';

/**
 * A plain reply: neither a calendar reply, an auto-reply nor a bounce. Runs in the transaction that
 * records the message; never changes data on its own, only files the message for the secretariat.
 */
@Injectable()
export class InboundReplyHandler {
  // eslint-disable-next-line @typescript-eslint/require-await
  async receive(message: InboundMail, _unit: UnitOfWorkContext): Promise<InboundOutcome> {
    return { kind: message.inReplyTo || message.references.length > 0 ? 'reply' : 'unknown', status: 'inbox' };
  }
}
