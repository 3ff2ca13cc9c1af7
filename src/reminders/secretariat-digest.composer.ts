import { emailCommon } from '../mail/email-kinds';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pickLocalized } from '../common/i18n/languages';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { EmailData } from '../mail/email-kinds';
import type { Member } from '../members/member.entity';
import { ComposesNotifications } from '../notifications/notification-composer';
import type { Composition, NotificationComposer } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';
import { NotificationRepository } from '../notifications/notification.repository';

/**
 * The secretariat's weekly digest: the coming four weeks' meetings and deadlines, overdue items by
 * executor and country, unanswered invitations and failed deliveries, read when it goes out.
 */
@Injectable()
@ComposesNotifications('secretariat_digest')
export class SecretariatDigestComposer implements NotificationComposer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(notification: Notification, recipient: Member): Promise<Composition> {
    return { send: true, kind: 'secretariat-digest', nonEssential: true, data: await this.data(recipient, notification.createdAt ?? new Date()) };
  }

  async data(recipient: Member, now: Date): Promise<EmailData['secretariat-digest']> {
    const to = new Date(now.getTime() + 28 * 86_400_000);
    const q = <T>(sql: string, params: unknown[]) => this.dataSource.query(sql, params) as Promise<T[]>;
    const language = recipient.language;
    const meetings = await q<{ id: string; title: Record<string, string>; starts_at: Date; invited: number; accepted: number }>(
      `SELECT m.id, m.title, m.starts_at,
              count(i.id) FILTER (WHERE i.invited_at IS NOT NULL)::int AS invited,
              count(i.id) FILTER (WHERE i.response IN ('accepted', 'delegated'))::int AS accepted
       FROM meeting m LEFT JOIN invitation i ON i.meeting_id = m.id
       WHERE m.status = 'scheduled' AND m.starts_at BETWEEN $1 AND $2 GROUP BY m.id ORDER BY m.starts_at`,
      [now, to],
    );
    const deadlines = await q<{ id: string; activity: Record<string, string>; due_at: Date; deadline_text: string; executor: Record<string, string> | null }>(
      `SELECT i.id, i.activity, i.due_at, i.deadline_text, o.name AS executor FROM work_plan_item i LEFT JOIN organization o ON o.id = i.executor_organization_id
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at BETWEEN $1 AND $2 ORDER BY i.due_at LIMIT 200`,
      [now, to],
    );
    const overdueByExecutor = await q<{ executor: Record<string, string> | null; member: string | null; count: number }>(
      `SELECT o.name AS executor, mm.full_name AS member, count(*)::int AS count FROM work_plan_item i
       LEFT JOIN organization o ON o.id = i.executor_organization_id LEFT JOIN member mm ON mm.id = i.executor_member_id
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at < $1 GROUP BY o.name, mm.full_name ORDER BY count DESC`,
      [now],
    );
    const overdueByCountry = await q<{ country: string; count: number }>(
      `SELECT c AS country, count(*)::int AS count FROM work_plan_item i, unnest(CASE WHEN cardinality(i.countries) = 0 THEN ARRAY['—'] ELSE i.countries END) c
       WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND i.due_at < $1 GROUP BY c ORDER BY count DESC, c`,
      [now],
    );
    const unanswered = await q<{ title: Record<string, string>; full_name: string; country_code: string }>(
      `SELECT m.title, mm.full_name, mm.country_code FROM invitation i JOIN meeting m ON m.id = i.meeting_id JOIN member mm ON mm.id = i.member_id
       WHERE i.response = 'pending' AND i.invited_at IS NOT NULL AND m.status = 'scheduled' AND m.starts_at > $1 ORDER BY m.starts_at, mm.country_code LIMIT 300`,
      [now],
    );
    const failed = await this.notifications.latestFailed(100, new Date(now.getTime() - 7 * 86_400_000));
    return {
      ...emailCommon(recipient, this.config.appUrl, `${this.config.appUrl}/me`),
      unsubscribeUrl: null,
      from: now.toISOString(),
      to: to.toISOString(),
      meetings: meetings.map((m) => ({ title: pickLocalized(m.title, language), startsAt: m.starts_at.toISOString(), accepted: m.accepted, invited: m.invited, url: `${this.config.appUrl}/meetings/${m.id}` })),
      deadlines: deadlines.map((d) => ({
        activity: pickLocalized(d.activity, language),
        dueAt: d.due_at.toISOString(),
        deadlineText: d.deadline_text,
        executor: d.executor ? pickLocalized(d.executor, language) : null,
        url: `${this.config.appUrl}/work-plan/items/${d.id}`,
      })),
      overdueByExecutor: overdueByExecutor.map((o) => ({ executor: o.executor ? pickLocalized(o.executor, language) : (o.member ?? '—'), count: o.count })),
      overdueByCountry,
      unanswered: unanswered.map((u) => ({ meeting: pickLocalized(u.title, language), member: u.full_name, country: u.country_code })),
      failed: failed.map((f) => ({ recipient: f.recipient_email, kind: f.kind, error: f.last_error })),
    };
  }
}
