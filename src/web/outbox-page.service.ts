import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { FieldProblem } from '../common/http/api-error';
import type { Page } from '../common/http/pagination';
import { ContentTexts } from '../common/i18n/content-texts';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { label } from '../common/i18n/labels';
import { formatDateTimeInZone } from '../common/time/format';
import { MembersService } from '../members/members.service';
import type { NotificationQuery } from '../notifications/dto/notification-query.dto';
import { NOTIFICATION_STATUSES, SUBJECT_TYPES } from '../notifications/notification.entity';
import type { Notification } from '../notifications/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { EmailPreviewService } from './email-preview.service';
import { filterOption } from './filter-form';
import { byField } from './forms';

export const OUTBOX_PAGE_SIZE = 50;
export const OUTBOX_FILTERS = ['status', 'subjectType', 'recipientId', 'from', 'to'] as const;
export type OutboxFilters = Pick<NotificationQuery, (typeof OUTBOX_FILTERS)[number]>;

/** What the outbox pages show: the filtered, paginated list and one email as its recipient reads it. */
@Injectable()
export class OutboxPageService {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly members: MembersService,
    private readonly previews: EmailPreviewService,
    private readonly texts: ContentTexts,
  ) {}

  /** The dates of the form are whole days in the reader's zone: "until 3 May" includes 3 May. */
  async list(
    filters: OutboxFilters,
    page: number,
    typed: Record<string, string>,
    problems: FieldProblem[],
    language: Language,
    zone: string,
  ) {
    const day = (iso: string, edge: 'start' | 'end') => {
      const date = DateTime.fromISO(iso, { zone });
      return (edge === 'start' ? date.startOf('day') : date.endOf('day')).toISO()!;
    };
    const query = {
      ...filters,
      from: filters.from ? day(filters.from, 'start') : undefined,
      to: filters.to ? day(filters.to, 'end') : undefined,
      limit: OUTBOX_PAGE_SIZE,
      offset: (page - 1) * OUTBOX_PAGE_SIZE,
    };
    const found: Page<Notification> = problems.length
      ? { items: [], total: 0, limit: query.limit, offset: query.offset }
      : await this.notifications.list(query);
    // Beyond the API's counting cap the total is a lower bound: "10,000+", and a full page may have a next one.
    const total = found.total.toLocaleString(language) + (found.totalIsLowerBound ? '+' : '');
    const more = found.totalIsLowerBound
      ? found.items.length === query.limit
      : query.offset + found.items.length < found.total;
    const people = (await this.members.list({ limit: 200, offset: 0 })).items;
    const when = (date: Date | null) => (date ? formatDateTimeInZone(date.toISOString(), zone, language) : '—');
    const names = await this.notifications.subjectNames(found.items);
    const link = (target: number) =>
      `/outbox?${new URLSearchParams({ ...Object.fromEntries(Object.entries(typed).filter(([, v]) => v)), page: String(target) }).toString()}`;
    return {
      filters: {
        status: NOTIFICATION_STATUSES.map((s) =>
          filterOption(s, label('notificationStatus', s, language), typed.status ?? ''),
        ),
        subjectType: SUBJECT_TYPES.map((s) =>
          filterOption(s, label('subjectType', s, language), typed.subjectType ?? ''),
        ),
        recipientId: people.map((m) => filterOption(m.id, `${m.fullName} <${m.email}>`, typed.recipientId ?? '')),
        from: typed.from ?? '',
        to: typed.to ?? '',
        active: Object.values(typed).some(Boolean),
        invalid: problems.length > 0,
        errors: byField(problems),
      },
      count: found.total
        ? t('outbox.count', language, {
            first: (query.offset + 1).toLocaleString(language),
            last: (query.offset + found.items.length).toLocaleString(language),
            total,
          })
        : null,
      empty: found.total ? null : t(Object.values(typed).some(Boolean) ? 'outbox.empty' : 'outbox.empty.all', language),
      previous: page > 1 ? link(page - 1) : null,
      next: more ? link(page + 1) : null,
      rows: found.items.map((n) => ({
        id: n.id,
        status: label('notificationStatus', n.status, language),
        failed: n.status === 'failed',
        kind: label('emailKind', n.kind, language),
        subject: label('subjectType', n.subjectType, language),
        about: n.subjectId && names.has(n.subjectId) ? this.texts.pick(names.get(n.subjectId), language) : '',
        recipient: n.recipientEmail,
        due: when(n.dueAt),
        sentAt: when(n.sentAt),
        attempts: n.attempts,
        lastError: n.lastError ?? '',
      })),
    };
  }

  async emailHtml(notification: Notification): Promise<string | null> {
    const preview = await this.previews.preview(notification);
    return preview.shown ? preview.email.html : null;
  }

  async email(notification: Notification, resentId: string | null, language: Language, zone: string) {
    const preview = await this.previews.preview(notification);
    const when = (date: Date | null) => (date ? formatDateTimeInZone(date.toISOString(), zone, language) : '—');
    const about = notification.subjectId
      ? (await this.notifications.subjectNames([notification])).get(notification.subjectId)
      : undefined;
    const resendOf = typeof notification.payload.resendOf === 'string' ? notification.payload.resendOf : null;
    return {
      id: notification.id,
      heading: t('outbox.email.title', language, { recipient: notification.recipientEmail }),
      facts: [
        [t('outbox.status', language), label('notificationStatus', notification.status, language)],
        [t('outbox.kind', language), label('emailKind', notification.kind, language)],
        [t('outbox.subject', language), label('subjectType', notification.subjectType, language)],
        [t('outbox.about', language), about ? this.texts.pick(about, language) : '—'],
        [t('outbox.recipient', language), notification.recipientEmail],
        [t('outbox.due', language), when(notification.dueAt)],
        [t('outbox.sentAt', language), when(notification.sentAt)],
        [t('outbox.attempts', language), String(notification.attempts)],
        [t('outbox.lastError', language), notification.lastError ?? '—'],
        [t('outbox.email.messageId', language), notification.messageId ?? '—'],
        [t('outbox.email.smtp', language), notification.smtpResponse ?? '—'],
      ].map(([term, value]) => ({ term, value })),
      email: preview.shown ? preview.email : null,
      renderedWhen: preview.shown
        ? preview.asSent
          ? t('outbox.email.as_sent', language, { sentAt: when(notification.sentAt) })
          : t('outbox.email.as_now', language)
        : null,
      linkHidden: preview.shown && preview.linkHidden,
      notShown: preview.shown
        ? null
        : t(preview.composable ? 'outbox.email.not_sent' : 'outbox.email.unrenderable', language, {
            reason: preview.reason,
          }),
      resent: resentId,
      resendOf,
    };
  }
}
