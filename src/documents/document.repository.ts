import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Language } from '../common/i18n/languages';
import { DocumentFile } from './document-file.entity';
import { DocumentRead } from './document-read.entity';
import type { DocumentReadChannel } from './document-read.entity';
import { Document } from './document.entity';
import type { DocumentStatus } from './document.entity';

const SERVES_TODAY = `s.start_date <= CURRENT_DATE AND (s.end_date IS NULL OR s.end_date >= CURRENT_DATE)`;

/** A member expected to read a document, and when they first opened it (null: not yet). */
export interface ExpectedReader {
  memberId: string;
  fullName: string;
  countryCode: string;
  firstReadAt: Date | null;
}

/** Documents, their language files and who read them. */
@Injectable()
export class DocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(id: string, manager: EntityManager = this.dataSource.manager): Promise<Document | null> {
    return manager.findOneBy(Document, { id });
  }

  /** The document locked for the rest of the transaction, so two uploads of a language number their revisions in turn. */
  lock(manager: EntityManager, id: string): Promise<Document | null> {
    return manager.findOne(Document, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, document: Document): Promise<Document> {
    return manager.save(Document, document);
  }

  /** A meeting's documents in creation order; only published ones when `statuses` says so. */
  ofMeeting(meetingId: string, statuses?: DocumentStatus[]): Promise<Document[]> {
    return this.dataSource.manager
      .createQueryBuilder(Document, 'd')
      .where('d.meetingId = :meetingId', { meetingId })
      .andWhere(statuses ? 'd.status IN (:...statuses)' : 'TRUE', { statuses })
      .orderBy('d.createdAt', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getMany();
  }

  /** A body's standing library in creation order. */
  ofBody(bodyId: string, statuses?: DocumentStatus[]): Promise<Document[]> {
    return this.dataSource.manager
      .createQueryBuilder(Document, 'd')
      .where('d.bodyId = :bodyId', { bodyId })
      .andWhere(statuses ? 'd.status IN (:...statuses)' : 'TRUE', { statuses })
      .orderBy('d.createdAt', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getMany();
  }

  /** Every revision of every language of the documents, by language then revision. */
  filesOf(documentIds: string[]): Promise<DocumentFile[]> {
    if (documentIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager
      .createQueryBuilder(DocumentFile, 'f')
      .where('f.documentId IN (:...documentIds)', { documentIds })
      .orderBy('f.language', 'ASC')
      .addOrderBy('f.revision', 'ASC')
      .getMany();
  }

  currentFiles(manager: EntityManager, documentId: string): Promise<DocumentFile[]> {
    return manager.findBy(DocumentFile, { documentId, supersededAt: IsNull() });
  }

  file(documentId: string, language: Language, revision?: number): Promise<DocumentFile | null> {
    return this.dataSource.manager.findOneBy(
      DocumentFile,
      revision === undefined ? { documentId, language, supersededAt: IsNull() } : { documentId, language, revision },
    );
  }

  /** Supersedes the language's current file (if any) and adds the next revision; call with the document locked. */
  async addRevision(
    manager: EntityManager,
    file: Omit<DocumentFile, 'id' | 'revision' | 'uploadedAt' | 'supersededAt' | 'document'>,
  ): Promise<{ file: DocumentFile; superseded: DocumentFile | null }> {
    const current = await manager.findOneBy(DocumentFile, {
      documentId: file.documentId,
      language: file.language,
      supersededAt: IsNull(),
    });
    const now = new Date();
    if (current) await manager.update(DocumentFile, { id: current.id }, { supersededAt: now });
    const saved = await manager.save(
      DocumentFile,
      manager.create(DocumentFile, {
        ...file,
        revision: (current?.revision ?? 0) + 1,
        uploadedAt: now,
        supersededAt: null,
      }),
    );
    return { file: saved, superseded: current ? { ...current, supersededAt: now } : null };
  }

  async recordRead(documentId: string, fileId: string, memberId: string, via: DocumentReadChannel): Promise<void> {
    await this.dataSource.manager.insert(DocumentRead, { documentId, fileId, memberId, via });
  }

  /** May this member open this published document: invited to its meeting, or serving in its body today. */
  async readableBy(document: Pick<Document, 'meetingId' | 'bodyId'>, memberId: string): Promise<boolean> {
    const rows = document.meetingId
      ? await this.dataSource.query<unknown[]>(
          `SELECT 1 FROM invitation WHERE meeting_id = $1 AND (member_id = $2 OR delegate_member_id = $2) LIMIT 1`,
          [document.meetingId, memberId],
        )
      : await this.dataSource.query<unknown[]>(
          `SELECT 1 FROM membership s WHERE s.body_id = $1 AND s.member_id = $2 AND ${SERVES_TODAY} LIMIT 1`,
          [document.bodyId, memberId],
        );
    return rows.length > 0;
  }

  /** Who should read it (the meeting's invited members, or the body's serving members) and when each first did. */
  async expectedReaders(document: Pick<Document, 'id' | 'meetingId' | 'bodyId'>): Promise<ExpectedReader[]> {
    const expected = document.meetingId
      ? `SELECT DISTINCT member_id FROM invitation WHERE meeting_id = $2`
      : `SELECT DISTINCT s.member_id FROM membership s WHERE s.body_id = $2 AND ${SERVES_TODAY}`;
    const rows = await this.dataSource.query<
      { member_id: string; full_name: string; country_code: string; first_read_at: Date | null }[]
    >(
      `SELECT m.id AS member_id, m.full_name, m.country_code,
              (SELECT min(r.at) FROM document_read r WHERE r.document_id = $1 AND r.member_id = m.id) AS first_read_at
         FROM member m WHERE m.id IN (${expected})
        ORDER BY m.country_code, m.full_name`,
      [document.id, document.meetingId ?? document.bodyId],
    );
    return rows.map((r) => ({
      memberId: r.member_id,
      fullName: r.full_name,
      countryCode: r.country_code,
      firstReadAt: r.first_read_at,
    }));
  }

  meetingEnd(meetingId: string): Promise<{ endsAt: Date | null; startsAt: Date | null } | null> {
    return this.dataSource
      .query<{ ends_at: Date | null; starts_at: Date | null }[]>(
        `SELECT ends_at, starts_at FROM meeting WHERE id = $1`,
        [meetingId],
      )
      .then(([row]) => (row ? { endsAt: row.ends_at, startsAt: row.starts_at } : null));
  }

  async meetingExists(meetingId: string): Promise<boolean> {
    return (await this.dataSource.query<unknown[]>(`SELECT 1 FROM meeting WHERE id = $1`, [meetingId])).length > 0;
  }

  async bodyExists(bodyId: string): Promise<boolean> {
    return (await this.dataSource.query<unknown[]>(`SELECT 1 FROM body WHERE id = $1`, [bodyId])).length > 0;
  }

  async agendaItemOf(meetingId: string, itemId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM agenda_item WHERE id = $1 AND meeting_id = $2`, [
      itemId,
      meetingId,
    ]);
    return rows.length > 0;
  }
}
