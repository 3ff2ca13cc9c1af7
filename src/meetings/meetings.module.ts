import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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
import { MeetingMinutesController } from './meeting-minutes.controller';
import { MeetingPollController } from './meeting-poll.controller';
import { CalendarFeedToken } from './calendar-feed-token.entity';
import { MeetingDateAnswer, MeetingDateOption } from './date-option.entity';
import { Invitation } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { InvitationsService } from './invitations.service';
import { Meeting } from './meeting.entity';
import { MeetingCalendarService } from './meeting-calendar.service';
import { MeetingChaseService } from './meeting-chase.service';
import { MeetingEmailComposer } from './meeting-email.composer';
import { MeetingNotifier } from './meeting-notifier';
import { MeetingParticipants } from './meeting-participants';
import { MeetingPollService } from './meeting-poll.service';
import { MeetingsController } from './meetings.controller';
import { MeetingRepository } from './meeting.repository';
import { MeetingsService } from './meetings.service';
import { MeetingDecision, MeetingMinutes } from './minutes.entity';
import { MinutesService } from './minutes.service';

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
    ]),
    WorkPlanModule,
    RemindersModule,
  ],
  controllers: [
    MeetingsController,
    MeetingPollController,
    MeetingInvitationsController,
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
  ],
})
export class MeetingsModule {}
