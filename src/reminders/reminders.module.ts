import { Module } from '@nestjs/common';
import { DigestComposer } from './digest.composer';
import { ItemEmailComposer } from './item-email.composer';
import { ItemRemindersPlanner } from './item-reminders.planner';
import { MeetingRemindersPlanner } from './meeting-reminders.planner';
import { MemberRemindersPlanner } from './member-reminders.planner';
import { SecretariatDigestComposer } from './secretariat-digest.composer';
import { SecretariatDigestJob } from './secretariat-digest.job';
import { SecretariatDigestPlanner } from './secretariat-digest.planner';

/** What is reminded and when: the planners the features call, the weekly digest's job, and the composers of reminder emails and digests. */
@Module({
  providers: [
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
