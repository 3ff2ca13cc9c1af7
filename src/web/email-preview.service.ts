import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { TemplateRenderer } from '../mail/template-renderer';
import type { RenderedEmail } from '../mail/template-renderer';
import { MemberRepository } from '../members/member.repository';
import { ComposerRegistry } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';

export type EmailPreview =
  { shown: true; email: RenderedEmail; linkHidden: boolean } | { shown: false; reason: string; composable: boolean };

/** An outbox entry rendered as the worker would render it now. */
@Injectable()
export class EmailPreviewService {
  constructor(
    private readonly members: MemberRepository,
    private readonly composers: ComposerRegistry,
    private readonly renderer: TemplateRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async preview(notification: Notification): Promise<EmailPreview> {
    const recipient = notification.recipientId ? await this.members.findById(notification.recipientId) : null;
    try {
      const composed = await this.composers.get(notification.subjectType).compose(notification, recipient!);
      if (!composed.send) return { shown: false, reason: composed.reason, composable: true };
      // A live sign-in link would let whoever reads the outbox sign in as the recipient.
      const linkHidden = composed.kind === 'sign-in-link';
      const data = linkHidden ? { ...composed.data, url: `${this.config.appUrl}/sign-in` } : composed.data;
      return { shown: true, email: this.renderer.render(composed.kind, data), linkHidden };
    } catch (error) {
      return { shown: false, reason: (error as Error).message, composable: false };
    }
  }
}
