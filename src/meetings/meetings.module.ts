import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { RemindersModule } from '../reminders/reminders.module';
import { WorkPlanModule } from '../work-plan/work-plan.module';
import { AgendaItem } from './agenda-item.entity';
import { AgendaService } from './agenda.service';
import { MeetingAgendaController } from './meeting-agenda.controller';
import {
  CalendarFeedsController,
  MeetingCalendarFilesController,
  PublicCalendarController,
} from './meeting-calendar.controller';
import { MeetingInvitationsController } from './meeting-invitations.controller';
import { MeetingSubstituteProposalsController } from './meeting-substitute-proposals.controller';
import { MeetingMinutesController } from './meeting-minutes.controller';
import { MeetingPollController } from './meeting-poll.controller';
import { CalendarFeedToken } from './calendar-feed-token.entity';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { MeetingDateAnswer, MeetingDateOption } from './date-option.entity';
import { Invitation } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { InvitationsService } from './invitations.service';
import { Meeting } from './meeting.entity';
import { MeetingCalendarService } from './meeting-calendar.service';
import { MeetingChaseService } from './meeting-chase.service';
import { MeetingEmailComposer } from './meeting-email.composer';
import { MeetingEmailRepository } from './meeting-email.repository';
import { MeetingNotifier } from './meeting-notifier';
import { MeetingParticipants } from './meeting-participants';
import { MeetingPollService } from './meeting-poll.service';
import { MeetingsController } from './meetings.controller';
import { MeetingRepository } from './meeting.repository';
import { MeetingsService } from './meetings.service';
import { MeetingDecision, MeetingMinutes } from './minutes.entity';
import { MinutesService } from './minutes.service';
import { SubstituteProposalEmailComposer } from './substitute-proposal-email.composer';
import { SubstituteProposal } from './substitute-proposal.entity';
import { SubstituteProposalRepository } from './substitute-proposal.repository';
import { SubstituteProposalsService } from './substitute-proposals.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Meeting,
      MeetingDateOption,
      MeetingDateAnswer,
      Invitation,
      AgendaItem,
      MeetingMinutes,
      MeetingDecision,
      CalendarFeedToken,
      SubstituteProposal,
    ]),
    WorkPlanModule,
    MembersModule,
    RemindersModule,
    MembersModule,
  ],
  controllers: [
    MeetingsController,
    MeetingPollController,
    MeetingInvitationsController,
    MeetingSubstituteProposalsController,
    MeetingAgendaController,
    MeetingMinutesController,
    MeetingCalendarFilesController,
    CalendarFeedsController,
    PublicCalendarController,
  ],
  providers: [
    MeetingsService,
    MeetingChaseService,
    MeetingPollService,
    InvitationsService,
    AgendaService,
    MinutesService,
    MeetingCalendarService,
    MeetingNotifier,
    MeetingParticipants,
    MeetingEmailComposer,
    MeetingRepository,
    InvitationRepository,
    SubstituteProposalRepository,
    SubstituteProposalsService,
    SubstituteProposalEmailComposer,
    CalendarFeedRepository,
    MeetingEmailRepository,
  ],
  exports: [
    MeetingsService,
    MeetingChaseService,
    InvitationsService,
    MeetingPollService,
    AgendaService,
    MinutesService,
    MeetingCalendarService,
    MeetingEmailComposer,
    MeetingRepository,
    SubstituteProposalsService,
  ],
})
export class MeetingsModule {}
