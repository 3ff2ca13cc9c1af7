import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { MembersModule } from '../members/members.module';
import { WorkPlanModule } from '../work-plan/work-plan.module';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { InboundMessage } from './inbound-message.entity';
import { InboundMessageRepository } from './inbound-message.repository';
import { InboundReplyHandler } from './inbound-reply.handler';

/** The mailbox members answer to: calendar replies, replies, auto-replies and bounces; the secretariat's inbox. */
@Module({
  imports: [TypeOrmModule.forFeature([InboundMessage]), MailModule, MembersModule, MeetingsModule, WorkPlanModule],
  providers: [InboundMessageRepository, InboundReplyHandler, InboxRepository, InboxService],
  exports: [InboundMessageRepository, InboundReplyHandler, InboxService],
})
export class InboundModule {}
