import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pickLocalized } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import { formatDate, formatDateTime } from '../common/time/format';
import { NotificationRepository } from '../notifications/notification.repository';

/** The secretariat's day in one page: what is coming, what is late, what failed, which seats are new. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
  ) {}

  async build(language: Language, timeZone: string, now = new Date()) {
    const q = <T>(sql: string, params: unknown[] = []) => this.dataSource.query(sql, params) as Promise<T[]>;
    const meetings = await q<{ id: string; title: Record<string, string>; starts_at: Date; invited: number; accepted: number; pending: number }>(
      `SELECT m.id, m.title, m.starts_at,
              count(i.id) FILTER (WHERE i.invited_at IS NOT NULL)::int AS invited,
              count(i.id) FILTER (WHERE i.response IN ('accepted', 'delegated'))::int AS accepted,
              count(i.id) FILTER (WHERE i.response = 'pending' AND i.invited_at IS NOT NULL)::int AS pending
       FROM meeting m LEFT JOIN invitation i ON i.meeting_id = m.id
       WHERE m.status = 'scheduled' AND m.starts_at >= $1 GROUP BY m.id ORDER BY m.starts_at LIMIT 8`,
      [now],
    );
    const items = (sql: string) =>
      q<{ activity: Record<string, string>; deadline_text: string; due_at: Date; executor: Record<string, string> | null }>(
        `SELECT i.activity, i.deadline_text, i.due_at, o.name AS executor FROM work_plan_item i LEFT JOIN organization o ON o.id = i.executor_organization_id
         WHERE i.status NOT IN ('done', 'cancelled') AND NOT i.on_request AND ${sql} ORDER BY i.due_at LIMIT 12`,
        [now],
      );
    const overdue = await items('i.due_at < $1');
    const soon = await items("i.due_at >= $1 AND i.due_at < $1::timestamptz + interval '30 days'");
    const scheduledToday = await this.notifications.countScheduledWithinDay(now);
    const failed = await this.notifications.latestFailed(10);
    const seats = await q<{ seat: string; full_name: string; since: string; body: Record<string, string> }>(
      `SELECT s.seat, m.full_name, s.start_date::text AS since, b.name AS body FROM membership s JOIN member m ON m.id = s.member_id JOIN body b ON b.id = s.body_id
       WHERE s.role IN ('chair', 'co_chair', 'member', 'observer') AND s.start_date > ($1::date - interval '2 years') AND s.start_date <= $1::date
         AND (s.end_date IS NULL OR s.end_date >= $1::date) ORDER BY s.start_date DESC LIMIT 20`,
      [now.toISOString().slice(0, 10)],
    );
    const item = (i: { activity: Record<string, string>; deadline_text: string; due_at: Date; executor: Record<string, string> | null }) => ({
      activity: pickLocalized(i.activity, language),
      deadline: `${i.deadline_text} (${formatDate(i.due_at.toISOString(), timeZone, language)})`,
      executor: i.executor ? pickLocalized(i.executor, language) : null,
    });
    return {
      meetings: meetings.map((m) => ({
        id: m.id,
        title: pickLocalized(m.title, language),
        when: formatDateTime(m.starts_at.toISOString(), timeZone, language),
        answers: t('dash.answers', language, { accepted: String(m.accepted), invited: String(m.invited), pending: String(m.pending) }),
      })),
      overdue: overdue.map(item),
      soon: soon.map(item),
      today: scheduledToday,
      failed: failed.map((f) => ({ recipient: f.recipient_email, kind: label('emailKind', f.kind, language), error: f.last_error ?? '' })),
      seats: seats.map((s) => ({ seat: `${s.seat}, ${pickLocalized(s.body, language)}`, holder: s.full_name, since: s.since })),
    };
  }
}
