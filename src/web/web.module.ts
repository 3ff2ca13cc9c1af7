import { DocumentDistributionModule } from '../document-distribution/document-distribution.module';
import { DocumentChasePagesController } from './document-chase-pages.controller';
import { LibraryPagesController } from './library-pages.controller';
import { LibraryPageService } from './library-page.service';
import { DocumentPagesController } from './document-pages.controller';
import { DocumentPagesService } from './document-pages.service';
import { DocumentsModule } from '../documents/documents.module';
import { DocumentLinkController } from './document-link.controller';
import { Module } from '@nestjs/common';
import { BodiesModule } from '../bodies/bodies.module';
import { LettersModule } from '../letters/letters.module';
import { InboxModule } from '../inbound/inbox.module';
import { MailModule } from '../mail/mail.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { MembersModule } from '../members/members.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PapersModule } from '../papers/papers.module';
import { PagesModule } from '../pages/pages.module';
import { SessionsModule } from '../sessions/sessions.module';
import { WorkPlanModule } from '../work-plan/work-plan.module';
import { BodyFormService } from './body-form.service';
import { BodyOverviewService } from './body-overview.service';
import { OrganizationFormService } from './organization-form.service';
import { OrganizationPagesController } from './organization-pages.controller';
import { TokenPageService } from './token-page.service';
import { TokenPagesController } from './token-pages.controller';
import { BodyPagesController } from './body-pages.controller';
import { DashboardService } from './dashboard.service';
import { EmailPreviewService } from './email-preview.service';
import { ImportUploadStore } from './import-upload-store';
import { InboxPageService } from './inbox-page.service';
import { InboxPagesController } from './inbox-pages.controller';
import { MeetingAgendaPagesController } from './meeting-agenda-pages.controller';
import { MeetingPageSteps } from './meeting-page-steps';
import { LetterSettingsPagesController } from './letter-settings-pages.controller';
import { MeetingLetterPagesController } from './meeting-letter-pages.controller';
import { MeetingLetterPagesService } from './meeting-letter-pages.service';
import { MeetingPaperPagesController } from './meeting-paper-pages.controller';
import { MeetingPagesController } from './meeting-pages.controller';
import { MeetingParticipantPagesController } from './meeting-participant-pages.controller';
import { MeetingPollPagesController } from './meeting-poll-pages.controller';
import { MeetingPagesService } from './meeting-pages.service';
import { MemberDirectoryService } from './member-directory.service';
import { MemberMeetingPagesController } from './member-meeting-pages.controller';
import { MemberMeetingService } from './member-meeting.service';
import { MinutesPageService } from './minutes-page.service';
import { MemberFormService } from './member-form.service';
import { MemberPagesController } from './member-pages.controller';
import { MemberRecordService } from './member-record.service';
import { MyPageController } from './my-page.controller';
import { MyPageService } from './my-page.service';
import { OutboxPageService } from './outbox-page.service';
import { OutboxPagesController } from './outbox-pages.controller';
import { PageGuard } from './page-access';
import { PageSessionService } from './page-session.service';
import { SubstituteProposalPagesController } from './substitute-proposal-pages.controller';
import { SubstituteProposalPagesService } from './substitute-proposal-pages.service';
import { WebPagesController } from './web-pages.controller';
import { WorkPlanItemPagesController } from './work-plan-item-pages.controller';
import { WorkPlanPageService } from './work-plan-page.service';
import { WorkPlanFormsService } from './work-plan-forms.service';
import { WorkPlanPagesController } from './work-plan-pages.controller';

/** The secretariat's web pages (server-rendered). */
@Module({
  imports: [
    DocumentDistributionModule,
    PagesModule,
    SessionsModule,
    MeetingsModule,
    WorkPlanModule,
    MembersModule,
    BodiesModule,
    OrganizationsModule,
    MailModule,
    PapersModule,
    LettersModule,
    DocumentsModule,
    InboxModule,
  ],
  controllers: [
    WebPagesController,
    MeetingPagesController,
    MeetingPollPagesController,
    MeetingParticipantPagesController,
    SubstituteProposalPagesController,
    MeetingAgendaPagesController,
    MeetingPaperPagesController,
    MeetingLetterPagesController,
    LetterSettingsPagesController,
    // After the secretariat's meeting routes: /meetings/new and /meetings/calendar are not meeting ids.
    MemberMeetingPagesController,
    MemberPagesController,
    BodyPagesController,
    OrganizationPagesController,
    TokenPagesController,
    MyPageController,
    WorkPlanPagesController,
    WorkPlanItemPagesController,
    OutboxPagesController,
    DocumentLinkController,
    DocumentPagesController,
    InboxPagesController,
    DocumentChasePagesController,
    LibraryPagesController,
  ],
  providers: [
    PageSessionService,
    PageGuard,
    MeetingPageSteps,
    SubstituteProposalPagesService,
    DashboardService,
    LibraryPageService,
    MeetingPagesService,
    MinutesPageService,
    MemberRecordService,
    MemberDirectoryService,
    MemberFormService,
    BodyOverviewService,
    BodyFormService,
    OrganizationFormService,
    TokenPageService,
    MyPageService,
    MemberMeetingService,
    MeetingLetterPagesService,
    WorkPlanPageService,
    WorkPlanFormsService,
    ImportUploadStore,
    OutboxPageService,
    EmailPreviewService,
    DocumentPagesService,
    InboxPageService,
  ],
})
export class WebModule {}
