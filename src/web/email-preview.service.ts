import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { TemplateRenderer } from '../mail/template-renderer';
import type { RenderedEmail } from '../mail/template-renderer';
import { MemberRepository } from '../members/member.repository';
import { ComposerRegistry } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { outboxCopyData } from '../notifications/outbox-copy';

export type EmailPreview =
  | { shown: true; email: Pick<RenderedEmail, 'subject' | 'html' | 'text'>; linkHidden: boolean; asSent: boolean }
  | { shown: false; reason: string; composable: boolean };

/**
 * An outbox entry as it was sent; one not sent yet as the worker would render it now (the same
 * composer, which re-checks that it is still true, and the same templates).
 */
@Injectable()
export class EmailPreviewService {
  constructor(
    private readonly members: MemberRepository,
    private readonly composers: ComposerRegistry,
    private readonly renderer: TemplateRenderer,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async preview(notification: Notification): Promise<EmailPreview> {
    const sent = await this.notifications.sentEmail(notification.id);
    if (sent) {
      const email = { subject: sent.subject, html: sent.html, text: sent.text, language: 'en' as const };
      return { shown: true, email, linkHidden: notification.kind === 'sign-in-link', asSent: true };
    }
    const recipient = notification.recipientId ? await this.members.findById(notification.recipientId) : null;
    try {
      const composed = await this.composers.get(notification.subjectType).compose(notification, recipient!);
      if (!composed.send) return { shown: false, reason: composed.reason, composable: true };
      const { data, linkHidden } = outboxCopyData(composed.kind, composed.data, this.config.appUrl);
      return { shown: true, email: this.renderer.render(composed.kind, data), linkHidden, asSent: false };
    } catch (error) {
      return { shown: false, reason: (error as Error).message, composable: false };
    }
  }
}
