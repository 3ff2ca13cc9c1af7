import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { todayIn } from '../common/time/dates';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { Member } from '../members/member.entity';
import { NotificationsService } from '../notifications/notifications.service';
import type { PlannedNotification, PlannedRow } from '../notifications/notification.repository';
import { waitText } from '../common/time/wait-text';
import { UnitOfWork } from '../notifications/unit-of-work';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import { calendarDaysBetween, reminderMoment } from '../reminders/reminder-policy';
import { deadlineBefore, documentDeadlineStates, isBehind } from './deadline-states';
import type { LanguageDeadline } from './deadline-states';
import { distributionRule } from './distribution-rule';
import { DocumentDistributionRepository } from './document-distribution.repository';
import type { DocumentScope, MeetingSchedule, ScopedDocument } from './document-distribution.repository';

/** The secretariat hears of documents still missing this many days before each deadline. */
export const DOCUMENTS_DUE_OFFSETS = ['P3D', 'P1D'];
/** Late documents are listed for meetings starting within this many days. */
const LATE_LIST_DAYS = 200;

export interface DocumentDeadlines {
  documentId: string;
  /** The meeting's zone, where the deadline days are counted. */
  timeZone: string;
  languages: LanguageDeadline[];
  behind: boolean;
}

export interface LateDocument {
  documentId: string;
  title: ScopedDocument['title'];
  symbol: string | null;
  meetingId: string;
  meetingTitle: MeetingSchedule['title'];
  meetingStartsAt: Date;
  missing: Language[];
}

/** When a document reaches members in each language: published with a file of it. */
export function availability(document: ScopedDocument) {
  return document.files.map((file) => ({
    language: file.language,
    availableAt:
      document.status === 'published' && document.publishedAt
        ? new Date(Math.max(document.publishedAt.getTime(), file.firstUploadedAt.getTime()))
        : null,
  }));
}

/** Deadlines, reminders to the secretariat, "documents available" notices and chases of those who have not read. */
@Injectable()
export class DocumentDistributionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly repository: DocumentDistributionRepository,
    private readonly notifications: NotificationsService,
  ) {}

  schedules(meetingIds: string[]): Promise<MeetingSchedule[]> {
    return this.unitOfWork.runStatements(({ manager }) => this.repository.meetingSchedules(manager, meetingIds));
  }

  documentsOf(meetingId: string): Promise<ScopedDocument[]> {
    return this.unitOfWork.runStatements(({ manager }) =>
      this.repository.documents(manager, { meetingIds: [meetingId] }),
    );
  }

  documentsByIds(documentIds: string[]): Promise<ScopedDocument[]> {
    return this.unitOfWork.runStatements(({ manager }) => this.repository.documents(manager, { documentIds }));
  }

  /** Whether the member serves in the body today, and so may read its library. */
  servesIn(bodyId: string, memberId: string): Promise<boolean> {
    return this.repository.isInAudience({ kind: 'body', id: bodyId }, memberId, new Date().toISOString().slice(0, 10));
  }

  statesOf(schedule: MeetingSchedule, document: ScopedDocument, now = new Date()): LanguageDeadline[] {
    const rule = distributionRule(schedule.bodyDistribution, schedule.documentDeadlines);
    return documentDeadlineStates(schedule, rule, availability(document), now);
  }

  /** Each document of the meeting with its state per language. */
  async meetingDeadlines(meetingId: string, now = new Date()): Promise<DocumentDeadlines[]> {
    return this.unitOfWork.runStatements(async ({ manager }) => {
      const [schedule] = await this.repository.meetingSchedules(manager, [meetingId]);
      if (!schedule) return [];
      const documents = await this.repository.documents(manager, { meetingIds: [meetingId] });
      return documents.map((document) => {
        const languages = this.statesOf(schedule, document, now);
        return { documentId: document.id, timeZone: schedule.timeZone, languages, behind: isBehind(languages) };
      });
    });
  }

  /** Documents of coming meetings missing a required language past its deadline, soonest meeting first. */
  async lateDocuments(now = new Date()): Promise<LateDocument[]> {
    const meetingIds = await this.repository.upcomingMeetingsWithDocuments(
      now,
      new Date(now.getTime() + LATE_LIST_DAYS * 86_400_000),
    );
    return this.unitOfWork.runStatements(async ({ manager }) => {
      const schedules = new Map((await this.repository.meetingSchedules(manager, meetingIds)).map((s) => [s.id, s]));
      const documents = await this.repository.documents(manager, { meetingIds });
      const late: LateDocument[] = [];
      for (const meetingId of meetingIds) {
        const schedule = schedules.get(meetingId)!;
        for (const document of documents.filter((d) => d.meetingId === meetingId)) {
          const missing = this.statesOf(schedule, document, now).filter((s) => s.required && s.state === 'missing');
          if (missing.length === 0) continue;
          late.push({
            documentId: document.id,
            title: document.title,
            symbol: document.symbol,
            meetingId,
            meetingTitle: schedule.title,
            meetingStartsAt: schedule.startsAt!,
            missing: missing.map((s) => s.language),
          });
        }
      }
      return late;
    });
  }

  /**
   * Reminders to the body's secretariat at 09:00 their time, 3 and 1 days before each deadline of a
   * scheduled meeting; each checks when it is sent whether anything is still missing.
   */
  async planDeadlineReminders(unit: UnitOfWorkContext, meetingId: string, now = new Date()): Promise<PlannedRow[]> {
    const [schedule] = await this.repository.meetingSchedules(unit.manager, [meetingId]);
    const desired: PlannedNotification[] = [];
    if (schedule && schedule.status === 'scheduled' && schedule.startsAt) {
      const rule = distributionRule(schedule.bodyDistribution, schedule.documentDeadlines);
      const secretariat = await this.repository.secretariat(unit.manager, schedule.bodyId, todayIn(schedule.timeZone));
      const deadlines = {
        documents: deadlineBefore(schedule.startsAt, schedule.timeZone, rule.documentsDays),
        translations: deadlineBefore(schedule.startsAt, schedule.timeZone, rule.translationsDays),
      };
      for (const member of secretariat)
        for (const [deadline, dueAt] of Object.entries(deadlines))
          for (const offset of DOCUMENTS_DUE_OFFSETS)
            desired.push(this.deadlineRow(schedule, member, deadline, dueAt, offset, now));
    }
    return this.notifications.replanAfterEmailsInFlight(
      unit,
      'documents',
      meetingId,
      ['documents-due'],
      desired,
      'the meeting, its deadlines or its secretariat changed',
    );
  }

  private deadlineRow(
    schedule: MeetingSchedule,
    member: Member,
    deadline: string,
    dueAt: Date,
    offset: string,
    now: Date,
  ): PlannedNotification {
    const at = reminderMoment(dueAt, offset, member.timeZone);
    const past = at <= now;
    return {
      key: `documents:${schedule.id}:documents-due:${member.id}:${deadline}:${dueAt.getTime()}:${offset}`,
      kind: 'documents-due',
      subjectType: 'documents',
      subjectId: schedule.id,
      recipientId: member.id,
      recipientEmail: member.email,
      dueAt: at,
      status: past ? 'skipped' : 'scheduled',
      lastError: past ? 'its moment had passed when the deadline was planned' : null,
      payload: {
        deadline,
        dueAt: dueAt.toISOString(),
        offset,
        daysLeft: calendarDaysBetween(at, dueAt, member.timeZone),
      },
    };
  }

  /**
   * After a publication or a revision: each member of the audience gets one notice, sent when the window
   * closes and listing whatever was published by then; a member already waiting for one joins it.
   */
  async planNotices(unit: UnitOfWorkContext, scope: DocumentScope, now = new Date()): Promise<PlannedRow[]> {
    const { manager } = unit;
    await this.repository.lockScope(manager, scope.id);
    const audience = await this.repository.audience(manager, scope, now.toISOString().slice(0, 10));
    const waiting = await this.repository.waitingNotices(manager, scope.id, 'documents-available');
    const dueAt = new Date(now.getTime() + this.config.documentsNoticeWindowMinutes * 60_000);
    return this.notifications.plan(
      unit,
      audience
        .filter((member) => !waiting.has(member.id))
        .map((member) => ({
          key: `documents:${scope.id}:documents-available:${member.id}:${now.getTime()}`,
          kind: 'documents-available' as const,
          subjectType: 'documents' as const,
          subjectId: scope.id,
          recipientId: member.id,
          recipientEmail: member.email,
          dueAt,
          payload: { scope: scope.kind },
        })),
    );
  }

  /** One email to exactly the audience members who have not opened the document; a second within the interval is refused. */
  chase(documentId: string, language: Language = 'en'): Promise<{ memberIds: string[] }> {
    return this.unitOfWork.run(async (unit) => {
      const { manager } = unit;
      if (!(await this.repository.lockDocument(manager, documentId))) throw ApiError.notFound('Document', documentId);
      const [document] = await this.repository.documents(manager, { documentIds: [documentId] });
      if (!document || document.status !== 'published')
        throw ApiError.field(HttpStatus.CONFLICT, 'documentId', t('docs.chase.notPublished', language));
      const last = await this.repository.lastManualChase(manager, documentId);
      const waitMs = last ? last.getTime() + this.config.remindNowIntervalMinutes * 60_000 - Date.now() : 0;
      if (waitMs > 0)
        throw ApiError.tooManyRequests(
          'documentId',
          t('chase.tooSoon', language, { wait: waitText(waitMs, language) }),
          Math.ceil(waitMs / 1000),
        );
      const scope = scopeOf(document);
      const audience = await this.repository.audience(manager, scope, new Date().toISOString().slice(0, 10));
      const readers = await this.repository.readerIds(manager, documentId);
      const silent = audience.filter((member) => !readers.has(member.id));
      if (silent.length === 0)
        throw ApiError.field(HttpStatus.CONFLICT, 'documentId', t('docs.chase.nobody', language));
      const stamp = Date.now();
      await this.notifications.plan(
        unit,
        silent.map((member) => ({
          key: `document:${documentId}:document-chase:${member.id}:now${stamp}`,
          kind: 'document-chase' as const,
          subjectType: 'document' as const,
          subjectId: documentId,
          recipientId: member.id,
          recipientEmail: member.email,
          dueAt: new Date(),
          payload: { manual: true },
        })),
      );
      return { memberIds: silent.map((m) => m.id) };
    });
  }
}

export function scopeOf(document: Pick<ScopedDocument, 'meetingId' | 'bodyId'>): DocumentScope {
  return document.meetingId ? { kind: 'meeting', id: document.meetingId } : { kind: 'body', id: document.bodyId! };
}
