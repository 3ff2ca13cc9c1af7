import { emailCommon } from '../mail/email-kinds';
import { Inject, Injectable } from '@nestjs/common';
import { ActionLinks } from '../actions/action-links';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { EmailData } from '../mail/email-kinds';
import type { Member } from '../members/member.entity';
import { ComposerRegistry, ComposesNotifications } from '../notifications/notification-composer';
import type { Composition, NotificationComposer } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';
import { NotificationRepository } from '../notifications/notification.repository';

/** A member's daily or weekly digest: the reminders gathered for its slot that are still true when it goes out. */
@Injectable()
@ComposesNotifications('member_digest')
export class DigestComposer implements NotificationComposer {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly registry: ComposerRegistry,
    private readonly links: ActionLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(notification: Notification, recipient: Member): Promise<Composition> {
    const period = notification.payload.period === 'weekly' ? 'weekly' : 'daily';
    const gathered = await this.notifications.gatheredForDigest(recipient.id, notification.payload.slot, period);
    const entries: EmailData['digest']['entries'] = [];
    for (const row of gathered) {
      const composed = await this.registry.get(row.subjectType).compose(row, recipient);
      if (!composed.send) continue;
      const data = composed.data as {
        meeting?: { title: string; startsAt: string | null; url: string };
        item?: { activity: string; dueAt: string | null; url: string };
        library?: { title: string; url: string } | null;
        groups?: { documents: { title: string }[] }[];
      };
      // A documents notice names its documents after its meeting or library.
      const documents = data.groups?.flatMap((g) => g.documents.map((d) => d.title)).join('; ');
      if (documents && (data.meeting || data.library)) {
        const place = data.meeting ?? data.library!;
        entries.push({ kind: composed.kind, title: `${place.title}: ${documents}`, when: null, url: place.url });
        continue;
      }
      if (data.meeting)
        entries.push({
          kind: composed.kind,
          title: data.meeting.title,
          when: data.meeting.startsAt,
          url: data.meeting.url,
        });
      else if (data.item)
        entries.push({ kind: composed.kind, title: data.item.activity, when: data.item.dueAt, url: data.item.url });
    }
    if (entries.length === 0) return { send: false, reason: 'nothing in this digest is still to be done' };
    return {
      send: true,
      kind: 'digest',
      nonEssential: true,
      data: {
        ...emailCommon(recipient, this.config.appUrl, this.links.preferences(recipient)),
        unsubscribeUrl: this.links.preferences(recipient),
        period,
        entries,
      },
    };
  }
}
