import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { PagesModule } from '../pages/pages.module';
import { SessionsModule } from '../sessions/sessions.module';
import { WorkPlanModule } from '../work-plan/work-plan.module';
import { DashboardService } from './dashboard.service';
import { EmailPreviewService } from './email-preview.service';
import { ImportUploadStore } from './import-upload-store';
import { MeetingPagesController } from './meeting-pages.controller';
import { MeetingPagesService } from './meeting-pages.service';
import { OutboxPageService } from './outbox-page.service';
import { OutboxPagesController } from './outbox-pages.controller';
import { PageSession } from './page-session';
import { WebPagesController } from './web-pages.controller';
import { WorkPlanPageService } from './work-plan-page.service';
import { WorkPlanPagesController } from './work-plan-pages.controller';

/** The secretariat's web pages (server-rendered). */
@Module({
  imports: [PagesModule, SessionsModule, MeetingsModule, WorkPlanModule, MailModule],
  controllers: [WebPagesController, MeetingPagesController, WorkPlanPagesController, OutboxPagesController],
  providers: [PageSession, DashboardService, MeetingPagesService, WorkPlanPageService, ImportUploadStore, OutboxPageService, EmailPreviewService],
})
export class WebModule {}
