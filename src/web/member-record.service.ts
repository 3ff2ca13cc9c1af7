import type { Member } from '../members/member.entity';
import { Injectable } from '@nestjs/common';
import { BodyRepository } from '../bodies/body.repository';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { label } from '../common/i18n/labels';
import { formatDate, formatDateTimeInZone, formatDay, formatTime, formatZone } from '../common/time/format';
import { MeetingRepository } from '../meetings/meeting.repository';
import { NotificationsService } from '../notifications/notifications.service';
import type { WorkPlanItemView } from '../work-plan/work-plan-item.view';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import { ContentTexts } from '../common/i18n/content-texts';

/** Meetings whose answers are final: a member's page shows the answer but offers no change. */
const CLOSED_MEETINGS = ['held', 'cancelled'];

export interface ReaderView {
  language: Language;
  timeZone: string;
}

export interface MeetingAnswerRow {
  meetingId: string;
  title: string;
  when: string;
  status: string;
  response: string;
  responseLabel: string;
  delegateMemberId: string | null;
  open: boolean;
  /** No date yet: the date poll, not attend or decline. */
  dateless: boolean;
  held: boolean;
}

export interface ItemRow {
  id: string;
  activity: string;
  deadline: string;
  status: string;
  statusLabel: string;
  overdue: boolean;
}

/** An out-of-office reply naming no return date counts for this long. */
const AWAY_NOTE_MS = 14 * 86_400_000;

/** Everything the group's record holds about one member. */
@Injectable()
export class MemberRecordService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly bodies: BodyRepository,
    private readonly meetingRecords: MeetingRepository,
    private readonly items: WorkPlanItemsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** What the inbound mailbox learnt: an out-of-office reply still current, an address that bounces. */
  mailboxNotes(
    member: Pick<Member, 'awayUntil' | 'awayNotedAt' | 'emailBouncingAt' | 'emailBounceStatus'>,
    reader: ReaderView,
    now = new Date(),
  ) {
    const today = now.toISOString().slice(0, 10);
    const recentlyNoted = member.awayNotedAt !== null && now.getTime() - member.awayNotedAt.getTime() < AWAY_NOTE_MS;
    const away =
      member.awayUntil !== null && member.awayUntil >= today
        ? t('members.away.until', reader.language, { date: formatDay(member.awayUntil, reader.language) })
        : member.awayUntil === null && recentlyNoted
          ? t('members.away.unknown', reader.language)
          : null;
    const bouncing = member.emailBouncingAt
      ? t('members.bouncing', reader.language, {
          status: member.emailBounceStatus ?? '5.0.0',
          date: formatDate(member.emailBouncingAt.toISOString(), reader.timeZone, reader.language),
        })
      : null;
    return { away, bouncing };
  }

  async terms(memberId: string, reader: ReaderView) {
    const terms = await this.bodies.termsOf(memberId);
    return terms.map((term) => ({
      bodyId: term.bodyId,
      body: this.texts.pick(term.body!.name, reader.language),
      role: label('membershipRole', term.role, reader.language),
      seat: term.seat,
      from: formatDay(term.startDate, reader.language),
      to: term.endDate ? formatDay(term.endDate, reader.language) : t('members.term.open', reader.language),
    }));
  }

  async meetings(memberId: string, reader: ReaderView): Promise<MeetingAnswerRow[]> {
    const invitations = await this.meetingRecords.invitationsOf(memberId);
    return invitations.map(({ meeting, response, delegateMemberId }) => ({
      meetingId: meeting!.id,
      title: this.texts.pick(meeting!.title, reader.language),
      when: meeting!.startsAt
        ? formatDateTimeInZone(meeting!.startsAt.toISOString(), reader.timeZone, reader.language)
        : '—',
      status: label('meetingStatus', meeting!.status, reader.language),
      response,
      responseLabel: label('invitationResponse', response, reader.language),
      delegateMemberId,
      open: !CLOSED_MEETINGS.includes(meeting!.status),
      dateless: meeting!.startsAt === null,
      held: meeting!.status === 'held',
    }));
  }

  /** Items the member is named responsible for or executes, each once, soonest due first. */
  async workPlanItems(memberId: string, reader: ReaderView): Promise<ItemRow[]> {
    const page = { limit: 200, offset: 0 };
    const [responsible, executing] = await Promise.all([
      this.items.list({ ...page, responsibleMemberId: memberId }),
      this.items.list({ ...page, executor: memberId }),
    ]);
    const unique = new Map<string, WorkPlanItemView>();
    for (const item of [...responsible.items, ...executing.items]) unique.set(item.id, item);
    return [...unique.values()]
      .sort((a, b) => (a.deadline.dueAt ?? '9999').localeCompare(b.deadline.dueAt ?? '9999'))
      .map((item) => ({
        id: item.id,
        activity: this.texts.pick(item.activity, reader.language),
        deadline: item.deadline.text || '—',
        status: item.status,
        statusLabel: label('itemStatus', item.status, reader.language),
        overdue: item.overdue,
      }));
  }

  async emails(memberId: string, reader: ReaderView) {
    const page = await this.notifications.list({ recipientId: memberId, limit: 100, offset: 0 });
    const moment = (date: Date | null) =>
      date
        ? `${formatDate(date.toISOString(), reader.timeZone, reader.language)} ${formatTime(date.toISOString(), reader.timeZone, reader.language)} (${formatZone(reader.timeZone, date.toISOString(), reader.language)})`
        : '—';
    return page.items.map((n) => ({
      id: n.id,
      kind: label('emailKind', n.kind, reader.language),
      due: moment(n.dueAt),
      status: label('notificationStatus', n.status, reader.language),
      sentAt: moment(n.sentAt),
      lastError: n.lastError ?? '',
    }));
  }
}
