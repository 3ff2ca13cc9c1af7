import { emailCommon } from '../mail/email-kinds';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { EmailData } from '../mail/email-kinds';
import type { Member } from '../members/member.entity';
import { ComposesNotifications } from '../notifications/notification-composer';
import type { Composition, NotificationComposer } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';
import { NotificationRepository } from '../notifications/notification.repository';
import { MeetingRepository } from '../meetings/meeting.repository';
import { WorkPlanItemRepository } from '../work-plan/work-plan-item.repository';
import { ContentTexts } from '../common/i18n/content-texts';

/** The secretariat's weekly digest: the coming four weeks' meetings and deadlines. */
@Injectable()
@ComposesNotifications('secretariat_digest')
export class SecretariatDigestComposer implements NotificationComposer {
  constructor(
    private readonly texts: ContentTexts,
    private readonly meetingRows: MeetingRepository,
    private readonly items: WorkPlanItemRepository,
    private readonly notifications: NotificationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(notification: Notification, recipient: Member): Promise<Composition> {
    return {
      send: true,
      kind: 'secretariat-digest',
      nonEssential: true,
      data: await this.data(recipient, notification.createdAt ?? new Date()),
    };
  }

  async data(recipient: Member, now: Date): Promise<EmailData['secretariat-digest']> {
    const to = new Date(now.getTime() + 28 * 86_400_000);
    const language = recipient.language;
    const meetings = await this.meetingRows.scheduledBetweenWithAnswers(now, to);
    const deadlines = await this.items.digestDeadlines(now, to);
    const overdueByExecutor = await this.items.overdueByExecutor(now);
    const overdueByCountry = await this.items.overdueByCountry(now);
    const unanswered = await this.meetingRows.unansweredInvitations(now);
    const failed = await this.notifications.latestFailed(100, new Date(now.getTime() - 7 * 86_400_000));
    return {
      ...emailCommon(recipient, this.config.appUrl, `${this.config.appUrl}/me`),
      unsubscribeUrl: null,
      from: now.toISOString(),
      to: to.toISOString(),
      meetings: meetings.map((m) => ({
        title: this.texts.pick(m.title, language),
        startsAt: m.starts_at.toISOString(),
        accepted: m.accepted,
        invited: m.invited,
        url: `${this.config.appUrl}/meetings/${m.id}`,
      })),
      deadlines: deadlines.map((d) => ({
        activity: this.texts.pick(d.activity, language),
        dueAt: d.due_at.toISOString(),
        deadlineText: d.deadline_text,
        executor: d.executor ? this.texts.pick(d.executor, language) : null,
        url: `${this.config.appUrl}/work-plan/items/${d.id}`,
      })),
      overdueByExecutor: overdueByExecutor.map((o) => ({
        executor: o.executor ? this.texts.pick(o.executor, language) : (o.member ?? '—'),
        count: o.count,
      })),
      overdueByCountry,
      unanswered: unanswered.map((u) => ({
        meeting: this.texts.pick(u.title, language),
        member: u.full_name,
        country: u.country_code,
      })),
      failed: failed.map((f) => ({ recipient: f.recipient_email, kind: f.kind, error: f.last_error })),
    };
  }
}
