import { Module } from '@nestjs/common';
import { DocumentDistributionModule } from '../document-distribution/document-distribution.module';
import { MeetingRepository } from '../meetings/meeting.repository';
import { MemberRepository } from '../members/member.repository';
import { WorkPlanItemRepository } from '../work-plan/work-plan-item.repository';
import { DigestComposer } from './digest.composer';
import { ItemEmailComposer } from './item-email.composer';
import { ItemRemindersPlanner } from './item-reminders.planner';
import { MeetingRemindersPlanner } from './meeting-reminders.planner';
import { MemberRemindersPlanner } from './member-reminders.planner';
import { SecretariatDigestComposer } from './secretariat-digest.composer';
import { SecretariatDigestJob } from './secretariat-digest.job';
import { SecretariatDigestPlanner } from './secretariat-digest.planner';

@Module({
  imports: [DocumentDistributionModule],
  providers: [
    // The features import this module to plan reminders, so it cannot import theirs back: it holds its own
    // instances of their repositories, which keep no state of their own.
    WorkPlanItemRepository,
    MeetingRepository,
    MemberRepository,
    MeetingRemindersPlanner,
    ItemRemindersPlanner,
    MemberRemindersPlanner,
    SecretariatDigestPlanner,
    SecretariatDigestJob,
    ItemEmailComposer,
    DigestComposer,
    SecretariatDigestComposer,
  ],
  exports: [MeetingRemindersPlanner, ItemRemindersPlanner, MemberRemindersPlanner, SecretariatDigestPlanner],
})
export class RemindersModule {}
