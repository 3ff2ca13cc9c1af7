import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { requestContext } from '../common/request-context';
import { UnitOfWork } from '../notifications/unit-of-work';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import { AutoReplyHandler } from './auto-reply.handler';
import { BounceHandler } from './bounce.handler';
import { CalendarReplyHandler } from './calendar-reply.handler';
import { routeOf } from './inbound-classifier';
import type { InboundMail, InboundOutcome } from './inbound-mail';
import { InboundMessageRepository } from './inbound-message.repository';
import { InboundReplyHandler } from './inbound-reply.handler';
import type { MailboxKey } from './inbound-mail.parser';

export type HandleResult = 'handled' | 'duplicate';

/** Understands one message and records it with its effect, in one transaction: twice is a no-op. */
@Injectable()
export class InboundMailService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly messages: InboundMessageRepository,
    private readonly calendarReplies: CalendarReplyHandler,
    private readonly autoReplies: AutoReplyHandler,
    private readonly bounces: BounceHandler,
    private readonly replies: InboundReplyHandler,
  ) {}

  handle(mail: InboundMail): Promise<HandleResult> {
    return requestContext.run({ requestId: `inbound-${randomUUID()}` }, () =>
      this.unitOfWork.run(async (unit) => {
        // The row first: a second reader of the same message waits on it, then finds it taken.
        const id = await this.messages.claim(unit.manager, mail, { kind: 'unknown', status: 'inbox' });
        if (id === null) return 'duplicate';
        await this.messages.settle(unit.manager, id, await this.understand(mail, unit));
        return 'handled';
      }),
    );
  }

  /** A message too large to read: recorded from its envelope only, and moved aside by the reader. */
  async oversize(key: MailboxKey, envelope: Pick<InboundMail, 'messageId' | 'from' | 'to' | 'subject'>) {
    const mail: InboundMail = {
      ...key,
      ...envelope,
      headers: new Map(),
      inReplyTo: null,
      references: [],
      text: '',
      attachments: [],
      calendarParts: [],
      report: null,
    };
    return this.unitOfWork.run(async ({ manager }) => {
      const id = await this.messages.claim(manager, mail, { kind: 'oversize', status: 'ignored' });
      return id === null ? 'duplicate' : 'handled';
    });
  }

  isRecorded(key: MailboxKey): Promise<boolean> {
    return this.messages.exists(key.mailbox, key.uidValidity, key.uid, null);
  }

  private understand(mail: InboundMail, unit: UnitOfWorkContext): Promise<InboundOutcome> {
    switch (routeOf(mail)) {
      case 'bounce':
        return this.bounces.receive(mail, unit);
      case 'calendar_reply':
        return this.calendarReplies.receive(mail, unit);
      case 'auto_reply':
        return this.autoReplies.receive(mail, unit);
      case 'reply':
        return this.replies.receive(mail, unit);
    }
  }
}
