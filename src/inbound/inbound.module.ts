import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { MembersModule } from '../members/members.module';
import { AutoReplyHandler } from './auto-reply.handler';
import { BounceHandler } from './bounce.handler';
import { CalendarReplyHandler } from './calendar-reply.handler';
import { InboxModule } from './inbox.module';
import { InboundMailService } from './inbound-mail.service';
import { InboundMessage } from './inbound-message.entity';
import { InboundMessageRepository } from './inbound-message.repository';
import { InboundRecordsRepository } from './inbound-records.repository';
import { InboundReplyHandler } from './inbound-reply.handler';
import { MailboxLockRepository } from './mailbox-lock.repository';
import { MailboxReader } from './mailbox-reader';

/** The mailbox members answer to: calendar replies, replies, auto-replies and bounces. */
@Module({})
export class InboundModule {
  /** The reader runs only in processes that take background work (ROLE worker or all). */
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: InboundModule,
      imports: [TypeOrmModule.forFeature([InboundMessage]), MeetingsModule, MembersModule, MailModule, InboxModule],
      providers: [
        InboundMessageRepository,
        InboundRecordsRepository,
        MailboxLockRepository,
        InboundReplyHandler,
        CalendarReplyHandler,
        AutoReplyHandler,
        BounceHandler,
        InboundMailService,
        ...(options.workers ? [MailboxReader] : []),
      ],
      exports: [InboundMessageRepository, InboundReplyHandler, InboundMailService],
    };
  }
}
