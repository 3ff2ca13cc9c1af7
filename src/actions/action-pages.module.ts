import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { MembersModule } from '../members/members.module';
import { PagesModule } from '../pages/pages.module';
import { WorkPlanModule } from '../work-plan/work-plan.module';
import { ActionPagesController } from './action-pages.controller';
import { ActionRepository } from './action.repository';
import { ActionService } from './action.service';

@Module({
  imports: [MeetingsModule, WorkPlanModule, MembersModule, PagesModule],
  controllers: [ActionPagesController],
  providers: [ActionService, ActionRepository],
})
export class ActionPagesModule {}
