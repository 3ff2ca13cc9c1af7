import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowToEntity } from '../common/database/update-returning';
import type { Language, LocalizedText } from '../common/i18n/languages';
import type { DocumentKind, DocumentStatus } from '../documents/document.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Member } from '../members/member.entity';
import { secretariatMembersSql } from '../members/member.repository';
import type { BodyDistribution, MeetingDocumentDeadlines } from './distribution-rule';

/** Where documents live: a meeting's papers or a body's standing library. */
export type DocumentScope = { kind: 'meeting'; id: string } | { kind: 'body'; id: string };

export interface MeetingSchedule {
  id: string;
  bodyId: string;
  status: string;
  title: LocalizedText;
  startsAt: Date | null;
  timeZone: string;
  documentDeadlines: MeetingDocumentDeadlines | null;
  bodyDistribution: BodyDistribution | null;
}

export interface ScopedFile {
  fileId: string;
  language: Language;
  revision: number;
  /** When the language's first revision was uploaded. */
  firstUploadedAt: Date;
}

export interface ScopedDocument {
  id: string;
  meetingId: string | null;
  bodyId: string | null;
  title: LocalizedText;
  symbol: string | null;
  kind: DocumentKind;
  status: DocumentStatus;
  publishedAt: Date | null;
  agendaItem: { id: string; position: number; title: LocalizedText } | null;
  /** The current revision of each language. */
  files: ScopedFile[];
}

export interface UntoldFile {
  documentId: string;
  fileId: string;
  language: Language;
  revision: number;
  /** The member was told of an earlier revision of this document. */
  revised: boolean;
  /** The member was told of none of this document's files in this language: a language version added. */
  newLanguage: boolean;
}

// Told by an email that never went out does not count: the next email tells again.
const TOLD_SQL = `SELECT t.member_id, t.file_id FROM document_notice t JOIN notification n ON n.id = t.notification_id
  WHERE n.status NOT IN ('failed', 'cancelled', 'skipped')`;

const ownerSql = (scope: DocumentScope, param: string) =>
  scope.kind === 'meeting' ? `d.meeting_id = ${param}` : `d.body_id = ${param}`;

/** What distribution reads: deadlines, documents with their files, who is told, who has read. */
@Injectable()
export class DocumentDistributionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async meetingSchedules(manager: EntityManager, meetingIds: string[]): Promise<MeetingSchedule[]> {
    if (meetingIds.length === 0) return [];
    const rows = await manager.query<Record<string, unknown>[]>(
      `SELECT m.id, m.body_id, m.status, m.title, m.starts_at, m.time_zone, m.document_deadlines,
              b.document_distribution
       FROM meeting m JOIN body b ON b.id = m.body_id WHERE m.id = ANY($1::uuid[])`,
      [meetingIds],
    );
    return rows.map((r) => ({
      id: r.id as string,
      bodyId: r.body_id as string,
      status: r.status as string,
      title: r.title as LocalizedText,
      startsAt: (r.starts_at as Date | null) ?? null,
      timeZone: r.time_zone as string,
      documentDeadlines: (r.document_deadlines as MeetingDocumentDeadlines | null) ?? null,
      bodyDistribution: (r.document_distribution as BodyDistribution | null) ?? null,
    }));
  }

  /** Scheduled meetings starting between the two instants that have documents, for the late list. */
  async upcomingMeetingsWithDocuments(from: Date, to: Date): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT m.id FROM meeting m WHERE m.status = 'scheduled' AND m.starts_at BETWEEN $1 AND $2
         AND EXISTS (SELECT 1 FROM document d WHERE d.meeting_id = m.id AND d.status <> 'withdrawn')
       ORDER BY m.starts_at`,
      [from, to],
    );
    return rows.map((r) => r.id);
  }

  /** The documents (not withdrawn) of meetings or bodies, with agenda items and current files. */
  async documents(
    manager: EntityManager,
    owners: { meetingIds?: string[]; bodyIds?: string[]; documentIds?: string[] },
  ): Promise<ScopedDocument[]> {
    const rows = await manager.query<Record<string, unknown>[]>(
      `SELECT d.id, d.meeting_id, d.body_id, d.title, d.symbol, d.kind, d.status, d.published_at,
              CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'position', a.position, 'title', a.title) END AS agenda_item,
              coalesce((SELECT json_agg(json_build_object('fileId', f.id, 'language', f.language, 'revision', f.revision,
                          'firstUploadedAt', (SELECT min(o.uploaded_at) FROM document_file o
                                              WHERE o.document_id = d.id AND o.language = f.language))
                          ORDER BY f.language)
                        FROM document_file f WHERE f.document_id = d.id AND f.superseded_at IS NULL), '[]') AS files
       FROM document d LEFT JOIN agenda_item a ON a.id = d.agenda_item_id
       WHERE d.status <> 'withdrawn'
         AND (d.meeting_id = ANY($1::uuid[]) OR d.body_id = ANY($2::uuid[]) OR d.id = ANY($3::uuid[]))
       ORDER BY a.position NULLS LAST, d.created_at`,
      [owners.meetingIds ?? [], owners.bodyIds ?? [], owners.documentIds ?? []],
    );
    return rows.map((r) => ({
      id: r.id as string,
      meetingId: (r.meeting_id as string | null) ?? null,
      bodyId: (r.body_id as string | null) ?? null,
      title: r.title as LocalizedText,
      symbol: (r.symbol as string | null) ?? null,
      kind: r.kind as DocumentKind,
      status: r.status as DocumentStatus,
      publishedAt: (r.published_at as Date | null) ?? null,
      agendaItem: (r.agenda_item as ScopedDocument['agendaItem']) ?? null,
      files: (r.files as (Omit<ScopedFile, 'firstUploadedAt'> & { firstUploadedAt: string })[]).map((f) => ({
        ...f,
        firstUploadedAt: new Date(f.firstUploadedAt),
      })),
    }));
  }

  meeting(id: string): Promise<Meeting | null> {
    return this.dataSource.manager.findOneBy(Meeting, { id });
  }

  async bodyName(id: string): Promise<LocalizedText | null> {
    const rows = await this.dataSource.query<{ name: LocalizedText }[]>(`SELECT name FROM body WHERE id = $1`, [id]);
    return rows[0]?.name ?? null;
  }

  async secretariat(manager: EntityManager, bodyId: string, day: string): Promise<Member[]> {
    const rows = await manager.query<Record<string, unknown>[]>(`${secretariatMembersSql('$1', '$2')}`, [bodyId, day]);
    return rows.map((row) => rowToEntity(manager.connection, Member, row));
  }

  /** Those told of a scope's documents: a meeting's invited participants who have not declined, a body's serving members. */
  async audience(manager: EntityManager, scope: DocumentScope, day: string): Promise<Member[]> {
    const rows = await manager.query<Record<string, unknown>[]>(
      scope.kind === 'meeting'
        ? `SELECT m.* FROM member m JOIN invitation i ON i.member_id = m.id
           WHERE i.meeting_id = $1 AND i.invited_at IS NOT NULL AND i.response <> 'declined' AND m.active`
        : `SELECT DISTINCT m.* FROM member m JOIN membership s ON s.member_id = m.id
           WHERE s.body_id = $1 AND s.start_date <= $2::date AND (s.end_date IS NULL OR s.end_date >= $2::date) AND m.active`,
      scope.kind === 'meeting' ? [scope.id] : [scope.id, day],
    );
    return rows.map((row) => rowToEntity(manager.connection, Member, row));
  }

  async isInAudience(scope: DocumentScope, memberId: string, day: string): Promise<boolean> {
    const members = await this.audience(this.dataSource.manager, scope, day);
    return members.some((m) => m.id === memberId);
  }

  /** Serialises the planning of one scope's notices, so two publications at once open one window. */
  async lockScope(manager: EntityManager, scopeId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('document-notice:' || $1))`, [scopeId]);
  }

  /** The recipients who already have a notice waiting for its window to close. */
  async waitingNotices(manager: EntityManager, scopeId: string, kind: string): Promise<Set<string>> {
    const rows = await manager.query<{ recipient_id: string }[]>(
      `SELECT DISTINCT recipient_id FROM notification
       WHERE subject_type = 'documents' AND subject_id = $1 AND kind = $2 AND status = 'scheduled'`,
      [scopeId, kind],
    );
    return new Set(rows.map((r) => r.recipient_id));
  }

  /** Current files of the scope's published documents the member was not told of (this email's own count as untold). */
  async untoldFiles(scope: DocumentScope, memberId: string, notificationId: string): Promise<UntoldFile[]> {
    return this.dataSource.query<UntoldFile[]>(
      `WITH told AS (${TOLD_SQL} AND t.member_id = $2 AND t.notification_id <> $3)
       SELECT f.document_id AS "documentId", f.id AS "fileId", f.language, f.revision,
              EXISTS (SELECT 1 FROM told JOIN document_file o ON o.id = told.file_id WHERE o.document_id = d.id) AS revised,
              NOT EXISTS (SELECT 1 FROM told JOIN document_file o ON o.id = told.file_id
                          WHERE o.document_id = d.id AND o.language = f.language) AS "newLanguage"
       FROM document d JOIN document_file f ON f.document_id = d.id AND f.superseded_at IS NULL
       WHERE ${ownerSql(scope, '$1')} AND d.status = 'published'
         AND NOT EXISTS (SELECT 1 FROM told WHERE told.file_id = f.id)`,
      [scope.id, memberId, notificationId],
    );
  }

  async recordTold(memberId: string, fileIds: string[], notificationId: string): Promise<void> {
    if (fileIds.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO document_notice (member_id, file_id, notification_id)
       SELECT $1, unnest($2::uuid[]), $3
       ON CONFLICT (member_id, file_id) DO UPDATE SET notification_id = excluded.notification_id, told_at = now()`,
      [memberId, fileIds, notificationId],
    );
  }

  async hasRead(documentId: string, memberId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM document_read WHERE document_id = $1 AND member_id = $2 LIMIT 1`,
      [documentId, memberId],
    );
    return rows.length > 0;
  }

  async readerIds(manager: EntityManager, documentId: string): Promise<Set<string>> {
    const rows = await manager.query<{ member_id: string }[]>(
      `SELECT DISTINCT member_id FROM document_read WHERE document_id = $1`,
      [documentId],
    );
    return new Set(rows.map((r) => r.member_id));
  }

  /** Locks the document row: two chases at once wait for each other, and the second finds the first. */
  async lockDocument(manager: EntityManager, documentId: string): Promise<{ id: string } | null> {
    const rows = await manager.query<{ id: string }[]>(`SELECT id FROM document WHERE id = $1 FOR UPDATE`, [
      documentId,
    ]);
    return rows[0] ?? null;
  }

  async lastManualChase(manager: EntityManager, documentId: string): Promise<Date | null> {
    const rows = await manager.query<{ at: Date | null }[]>(
      `SELECT max(created_at) AS at FROM notification
       WHERE subject_type = 'document' AND subject_id = $1 AND kind = 'document-chase'`,
      [documentId],
    );
    return rows[0]?.at ?? null;
  }
}
