import { Injectable } from '@nestjs/common';
import { BodyRepository } from '../bodies/body.repository';
import type { Language } from '../common/i18n/languages';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import { formatDate, formatDateTimeInZone } from '../common/time/format';
import { InboxService } from '../inbound/inbox.service';
import { MeetingRepository } from '../meetings/meeting.repository';
import { MemberRepository } from '../members/member.repository';
import { NotificationRepository } from '../notifications/notification.repository';
import type { DueItemRow } from '../work-plan/work-plan-item.repository';
import { WorkPlanItemRepository } from '../work-plan/work-plan-item.repository';
import { ContentTexts } from '../common/i18n/content-texts';
import { DocumentDistributionService } from '../document-distribution/document-distribution.service';

/** The secretariat's day in one page: what is coming, what is late, what failed, which seats are new. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly meetings: MeetingRepository,
    private readonly items: WorkPlanItemRepository,
    private readonly outbox: NotificationRepository,
    private readonly bodies: BodyRepository,
    private readonly inbox: InboxService,
    private readonly members: MemberRepository,
    private readonly documents: DocumentDistributionService,
  ) {}

  async build(language: Language, timeZone: string, now = new Date()) {
    const meetings = await this.meetings.upcomingWithAnswers(now, 8);
    const overdue = await this.items.overdue(now, 12);
    const soon = await this.items.dueWithin30Days(now, 12);
    const today = await this.outbox.countScheduledWithinDay(now);
    const failed = await this.outbox.latestFailed(10);
    const seats = await this.bodies.newSeats(now.toISOString().slice(0, 10), 20);
    const waiting = await this.inbox.countOpen();
    const bouncing = await this.members.bouncing(20);
    const lateDocuments = await this.documents.lateDocuments(now);
    const item = (i: DueItemRow) => ({
      href: `/work-plan/items/${i.id}`,
      activity: this.texts.pick(i.activity, language),
      deadline: `${i.deadline_text} (${formatDate(i.due_at.toISOString(), timeZone, language)})`,
      executor: i.executor ? this.texts.pick(i.executor, language) : null,
    });
    return {
      meetings: meetings.map((m) => ({
        id: m.id,
        title: this.texts.pick(m.title, language),
        when: formatDateTimeInZone(m.starts_at.toISOString(), timeZone, language),
        answers: t('dash.answers', language, {
          accepted: String(m.accepted),
          invited: String(m.invited),
          pending: String(m.pending),
        }),
      })),
      overdue: overdue.map(item),
      soon: soon.map(item),
      today,
      next: [
        { href: '/meetings/new', label: t('dash.next.meeting', language) },
        { href: '/work-plan', label: t('dash.next.workPlan', language) },
        { href: '/inbox', label: t('dash.next.inbox', language, { count: waiting }), warn: waiting > 0 },
        ...(failed.length
          ? [{ href: '/outbox?status=failed', label: t('dash.next.failed', language), warn: true }]
          : []),
      ],
      failed: failed.map((f) => ({
        href: `/outbox/${f.id}`,
        recipient: f.recipient_email,
        kind: label('emailKind', f.kind, language),
        error: f.last_error ?? '',
      })),
      bouncing: bouncing.map((m) => ({
        href: `/members/${m.id}`,
        name: m.fullName,
        email: m.email,
        status: m.emailBounceStatus ?? '5.0.0',
        since: formatDate(m.emailBouncingAt!.toISOString(), timeZone, language),
      })),
      lateDocuments: lateDocuments.map((d) => ({
        href: `/documents/${d.documentId}`,
        title: [this.texts.pick(d.title, language), d.symbol].filter(Boolean).join(' — '),
        meetingHref: `/meetings/${d.meetingId}`,
        meeting: `${this.texts.pick(d.meetingTitle, language)}, ${formatDate(d.meetingStartsAt.toISOString(), timeZone, language)}`,
        missing: t('dash.lateDocuments.missing', language, {
          languages: d.missing.map((l) => label('language', l, language)).join(', '),
        }),
      })),
      seats: seats.map((s) => ({
        href: `/bodies/${s.body_id}`,
        seat: `${s.seat}, ${this.texts.pick(s.body, language)}`,
        holder: s.full_name,
        since: s.since,
      })),
    };
  }
}
