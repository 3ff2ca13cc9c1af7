import { Module } from '@nestjs/common';
import { DigestComposer } from './digest.composer';
import { ItemEmailComposer } from './item-email.composer';
import { ItemRemindersPlanner } from './item-reminders.planner';
import { MeetingRemindersPlanner } from './meeting-reminders.planner';
import { MemberRemindersPlanner } from './member-reminders.planner';
import { SecretariatDigestService } from './secretariat-digest.service';

/** What is reminded and when: the planners the features call, and the composers of reminder emails and digests. */
@Module({
  providers: [MeetingRemindersPlanner, ItemRemindersPlanner, MemberRemindersPlanner, ItemEmailComposer, DigestComposer, SecretariatDigestService],
  exports: [MeetingRemindersPlanner, ItemRemindersPlanner, MemberRemindersPlanner, SecretariatDigestService],
})
export class RemindersModule {}
