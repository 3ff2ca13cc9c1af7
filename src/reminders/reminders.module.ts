import { Module } from '@nestjs/common';
import { DigestComposer } from './digest.composer';
import { ItemEmailComposer } from './item-email.composer';
import { ItemRemindersPlanner } from './item-reminders.planner';
import { MeetingRemindersPlanner } from './meeting-reminders.planner';
import { SecretariatDigestService } from './secretariat-digest.service';

/** What is reminded and when: the planners the features call, and the composers of reminder emails and digests. */
@Module({
  providers: [MeetingRemindersPlanner, ItemRemindersPlanner, ItemEmailComposer, DigestComposer, SecretariatDigestService],
  exports: [MeetingRemindersPlanner, ItemRemindersPlanner, SecretariatDigestService],
})
export class RemindersModule {}
