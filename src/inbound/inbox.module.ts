import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingsModule } from '../meetings/meetings.module';
import { WorkPlanModule } from '../work-plan/work-plan.module';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { InboundMessage } from './inbound-message.entity';

/** The secretariat's inbox of replies, for the pages; every process has it, the mailbox reader or not. */
@Module({
  imports: [TypeOrmModule.forFeature([InboundMessage]), MeetingsModule, WorkPlanModule],
  providers: [InboxRepository, InboxService],
  exports: [InboxRepository, InboxService],
})
export class InboxModule {}
