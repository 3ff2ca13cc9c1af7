import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { PagesModule } from '../pages/pages.module';
import { SessionsModule } from '../sessions/sessions.module';
import { WorkPlanModule } from '../work-plan/work-plan.module';
import { DashboardService } from './dashboard.service';
import { PageSession } from './page-session';
import { WebPagesController } from './web-pages.controller';

/** The secretariat's web pages (server-rendered). */
@Module({
  imports: [PagesModule, SessionsModule, MeetingsModule, WorkPlanModule],
  controllers: [WebPagesController],
  providers: [PageSession, DashboardService],
})
export class WebModule {}
