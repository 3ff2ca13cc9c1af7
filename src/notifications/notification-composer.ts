import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { exactlyOneEach } from '../common/discovery/exactly-one';
import type { Member } from '../members/member.entity';
import type { EmailData, EmailKind } from '../mail/email-kinds';
import type { OutgoingEmail } from '../mail/mail-transport';
import { SUBJECT_TYPES } from './notification.entity';
import type { Notification, SubjectType } from './notification.entity';

export type Composition =
  | {
      send: true;
      kind: EmailKind;
      data: EmailData[EmailKind];
      calendar?: OutgoingEmail['calendar'];
      nonEssential?: boolean;
    }
  | { send: false; reason: string };

/** Each feature composes the emails about its own subjects, re-checking that they are still true. */
export interface NotificationComposer {
  compose(notification: Notification, recipient: Member): Promise<Composition>;
}

export const ComposerMetadata = DiscoveryService.createDecorator<{ subjectType: SubjectType }>();

/** Marks a provider as the composer of one subject type's emails; exactly one per type, checked at start-up. */
export function ComposesNotifications(subjectType: SubjectType) {
  return (target: Type<NotificationComposer>): void => {
    ComposerMetadata({ subjectType })(target);
  };
}

@Injectable()
export class ComposerRegistry implements OnModuleInit {
  private composers = new Map<SubjectType, NotificationComposer>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit() {
    const found = new Map<SubjectType, NotificationComposer[]>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: ComposerMetadata.KEY })) {
      const composer = wrapper.instance as NotificationComposer | undefined;
      const options = this.discovery.getMetadataByDecorator(ComposerMetadata, wrapper);
      if (!composer || !options) continue;
      found.set(options.subjectType, [...(found.get(options.subjectType) ?? []), composer]);
    }
    const where = new Map([...found].map(([type, composers]) => [type, composers.map((c) => c.constructor.name)]));
    const problems = exactlyOneEach(SUBJECT_TYPES, where, { thing: 'subject type', implementation: 'composer' });
    if (problems.length > 0)
      throw new Error(
        `notifications cannot be composed: ${problems.join('; ')} (declare exactly one @ComposesNotifications(subjectType) per type)`,
      );
    this.composers = new Map([...found].map(([type, [composer]]) => [type, composer]));
  }

  get(subjectType: SubjectType): NotificationComposer {
    const composer = this.composers.get(subjectType);
    if (!composer) throw new Error(`no composer for ${subjectType} notifications`);
    return composer;
  }
}
