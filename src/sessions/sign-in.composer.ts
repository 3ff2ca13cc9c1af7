import { emailCommon } from '../mail/email-kinds';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { Member } from '../members/member.entity';
import { ComposesNotifications } from '../notifications/notification-composer';
import type { Composition, NotificationComposer } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';
import { SessionRepository } from './session.repository';
import { SessionsService, SIGN_IN_MINUTES } from './sessions.service';

/** The sign-in email; a link already used or expired by the time the worker gets to it is not sent. */
@Injectable()
@ComposesNotifications('sign_in')
export class SignInComposer implements NotificationComposer {
  constructor(
    private readonly repository: SessionRepository,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(notification: Notification, recipient: Member): Promise<Composition> {
    const link = await this.repository.findLink(notification.subjectId!);
    if (!link || link.usedAt || link.expiresAt < new Date())
      return { send: false, reason: 'the sign-in link was used or has expired' };
    return {
      send: true,
      kind: 'sign-in-link',
      data: {
        ...emailCommon(recipient, this.config.appUrl),
        url: this.sessions.linkUrl(link),
        expiresMinutes: SIGN_IN_MINUTES,
      },
    };
  }
}
