import { Injectable } from '@nestjs/common';
import type { Member } from '../members/member.entity';
import type { EmailData, EmailKind } from '../mail/email-kinds';
import type { OutgoingEmail } from '../mail/mail-transport';
import type { Notification, SubjectType } from './notification.entity';

/** What a composer makes of a notification: the template data, or a reason not to send it any more. */
export type Composition =
  | { send: true; kind: EmailKind; data: EmailData[EmailKind]; calendar?: OutgoingEmail['calendar']; nonEssential?: boolean }
  | { send: false; reason: string };

/**
 * Each feature composes the emails about its own subjects, re-checking that they are still true
 * (the meeting not moved or cancelled since the row was planned, the item not done).
 */
export interface NotificationComposer {
  compose(notification: Notification, recipient: Member): Promise<Composition>;
}

@Injectable()
export class ComposerRegistry {
  private readonly composers = new Map<SubjectType, NotificationComposer>();

  register(subjectType: SubjectType, composer: NotificationComposer) {
    this.composers.set(subjectType, composer);
  }

  get(subjectType: SubjectType): NotificationComposer {
    const composer = this.composers.get(subjectType);
    if (!composer) throw new Error(`no composer for ${subjectType} notifications`);
    return composer;
  }
}
