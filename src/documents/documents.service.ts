import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { requestContext } from '../common/request-context';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../notifications/unit-of-work';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import type { DocumentFile } from './document-file.entity';
import { displayName, SNIFF_BYTES, sniffDocumentType } from './document-file-types';
import type { DocumentReadChannel } from './document-read.entity';
import { DOCUMENT_STORAGE } from './document-storage';
import type { DocumentStorage, StoredBlob } from './document-storage';
import { Document } from './document.entity';
import { DocumentRepository } from './document.repository';
import { CreateDocumentDto, UpdateDocumentDto } from './dto/document.dto';
import type { DocumentReadersResponse, DocumentResponse } from './dto/document.response';
import { limitedTo, peek } from './multipart-file';
import type { IncomingFile } from './multipart-file';

/** A file the application made itself (a meeting's paper), whole in memory. */
export interface GeneratedFile {
  language: Language;
  fileName: string;
  body: Buffer;
}

/** Who is downloading: the secretariat (not recorded), or a member (recorded as theirs, by link or session). */
export type DocumentReader = { kind: 'secretariat' } | { kind: 'member'; memberId: string; via: DocumentReadChannel };

/**
 * Told inside the transaction that publishes a document or adds a revision to a published one, so that
 * what depends on it ("documents available" emails) is planned in the same unit of work.
 */
export interface DocumentEventListener {
  published?(unit: UnitOfWorkContext, document: Document): Promise<void>;
  revised?(unit: UnitOfWorkContext, document: Document, file: DocumentFile): Promise<void>;
  withdrawn?(unit: UnitOfWorkContext, document: Document): Promise<void>;
}

/** A meeting's or a body's documents: metadata, language files and revisions, publication, who read them. */
@Injectable()
export class DocumentsService {
  private readonly listeners: DocumentEventListener[] = [];

  constructor(
    private readonly documents: DocumentRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** For the features that follow publication (emails, reminders): called in the publishing transaction. */
  listen(listener: DocumentEventListener): void {
    this.listeners.push(listener);
  }

  async createForMeeting(meetingId: string, dto: CreateDocumentDto): Promise<DocumentResponse> {
    if (!(await this.documents.meetingExists(meetingId))) throw ApiError.notFound('Meeting', meetingId);
    if (dto.agendaItemId && !(await this.documents.agendaItemOf(meetingId, dto.agendaItemId)))
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'agendaItemId', 'must be the id of an agenda item of this meeting');
    return this.create({ meetingId, bodyId: null, agendaItemId: dto.agendaItemId ?? null }, dto);
  }

  async createForBody(bodyId: string, dto: CreateDocumentDto): Promise<DocumentResponse> {
    if (!(await this.documents.bodyExists(bodyId))) throw ApiError.notFound('Body', bodyId);
    if (dto.agendaItemId)
      throw ApiError.field(HttpStatus.BAD_REQUEST, 'agendaItemId', "must be absent for a body's library document");
    return this.create({ meetingId: null, bodyId, agendaItemId: null }, dto);
  }

  /** A member sees only published documents they may read; anything else is 404 to them. */
  async get(id: string): Promise<DocumentResponse> {
    const document = await this.visible(id, this.readerOfRequest());
    return this.view(document, await this.documents.filesOf([id]));
  }

  async update(id: string, dto: UpdateDocumentDto): Promise<DocumentResponse> {
    const updated = await this.unitOfWork.run(async ({ manager }) => {
      const document = await this.documents.lock(manager, id);
      if (!document) throw ApiError.notFound('Document', id);
      const before = { ...document };
      if (dto.agendaItemId !== undefined && dto.agendaItemId !== null) {
        if (!document.meetingId || !(await this.documents.agendaItemOf(document.meetingId, dto.agendaItemId)))
          throw ApiError.field(
            HttpStatus.BAD_REQUEST,
            'agendaItemId',
            'must be the id of an agenda item of this meeting',
          );
      }
      if (dto.title !== undefined) document.title = dto.title;
      if (dto.kind !== undefined) document.kind = dto.kind;
      if (dto.symbol !== undefined) document.symbol = dto.symbol;
      if (dto.agendaItemId !== undefined) document.agendaItemId = dto.agendaItemId;
      document.updatedBy = requestContext.actor().name;
      const saved = await this.documents.save(manager, document);
      await this.audit.record(manager, 'update', 'document', id, before, saved);
      return saved;
    });
    return this.view(updated, await this.documents.filesOf([id]));
  }

  /**
   * Stores the file as the language's next revision (Rev.1 first). The type is read from the content and the
   * size counted as it streams; a refused file leaves nothing stored.
   */
  async upload(id: string, language: Language, incoming: IncomingFile): Promise<DocumentResponse> {
    const document = await this.documents.find(id);
    if (!document) {
      incoming.stream.resume();
      throw ApiError.notFound('Document', id);
    }
    if (document.status === 'withdrawn') {
      incoming.stream.resume();
      throw ApiError.field(HttpStatus.CONFLICT, 'file', 'cannot be added: the document is withdrawn');
    }
    const { head, whole } = await peek(incoming.stream, SNIFF_BYTES);
    if (head.length === 0) throw ApiError.field(HttpStatus.BAD_REQUEST, 'file', 'is empty');
    const mediaType = await sniffDocumentType(head);
    if (!mediaType) {
      incoming.stream.resume();
      throw ApiError.field(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'file',
        'must be a PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG or JPEG file (read from its content)',
      );
    }
    const stored = await this.storage.put(
      Readable.from(limitedTo(whole, this.config.documentMaxBytes), { objectMode: false }),
    );
    try {
      const saved = await this.unitOfWork.run(async (unit) => {
        const locked = await this.documents.lock(unit.manager, id);
        if (!locked) throw ApiError.notFound('Document', id);
        await this.addRevision(unit, locked, { language, fileName: incoming.fileName, mediaType }, stored);
        return locked;
      });
      return this.view(saved, await this.documents.filesOf([id]));
    } catch (error) {
      await this.storage.remove(stored.key);
      throw error;
    }
  }

  /**
   * Publishes files the application made (a meeting's papers) as one meeting document of their kind, in one
   * unit of work: the document (created the first time), the next revision of each language whose content
   * changed, and the publication; a failure leaves nothing of it stored. When the document is published and
   * every file equals its language's current revision (by SHA-256), nothing is written: `changed` is false.
   */
  async publishGenerated(
    meetingId: string,
    dto: CreateDocumentDto,
    files: GeneratedFile[],
  ): Promise<{ document: DocumentResponse; changed: boolean }> {
    if (!(await this.documents.meetingExists(meetingId))) throw ApiError.notFound('Meeting', meetingId);
    const existing =
      (await this.documents.ofMeeting(meetingId)).find((d) => d.kind === dto.kind && d.status !== 'withdrawn') ?? null;
    const current = existing ? await this.documents.filesOf([existing.id]) : [];
    const currentHash = (language: Language) =>
      current.find((f) => f.language === language && f.supersededAt === null)?.sha256;
    const changed = files.filter(
      (file) => currentHash(file.language) !== createHash('sha256').update(file.body).digest('hex'),
    );
    if (existing?.status === 'published' && changed.length === 0)
      return { document: this.view(existing, current), changed: false };
    const stored: StoredBlob[] = [];
    const unused: StoredBlob[] = [];
    let saved: Document;
    try {
      for (const file of changed)
        stored.push(await this.storage.put(Readable.from([file.body], { objectMode: false })));
      saved = await this.unitOfWork.run(async (unit) => {
        const document = existing
          ? await this.documents.lock(unit.manager, existing.id)
          : await this.insert(unit.manager, { meetingId, bodyId: null, agendaItemId: null }, dto);
        if (!document) throw ApiError.notFound('Document', existing!.id);
        // Checked again under the lock: a second click at the same moment finds the first one's files.
        const now = await this.documents.currentFiles(unit.manager, document.id);
        for (const [index, file] of changed.entries()) {
          if (now.some((f) => f.language === file.language && f.sha256 === stored[index].sha256)) {
            unused.push(stored[index]);
            continue;
          }
          const mediaType = (await sniffDocumentType(file.body.subarray(0, SNIFF_BYTES))) ?? 'application/pdf';
          await this.addRevision(unit, document, { ...file, mediaType }, stored[index]);
        }
        return this.publishLocked(unit, document);
      });
    } catch (error) {
      for (const blob of stored) await this.storage.remove(blob.key);
      throw error;
    }
    for (const blob of unused) await this.storage.remove(blob.key);
    return {
      document: this.view(saved, await this.documents.filesOf([saved.id])),
      changed: unused.length < stored.length || existing?.status !== 'published',
    };
  }

  /** Adds the stored bytes as the language's next revision of the locked document; a published one tells the listeners. */
  private async addRevision(
    unit: UnitOfWorkContext,
    document: Document,
    file: { language: Language; fileName: string; mediaType: string },
    stored: StoredBlob,
  ): Promise<DocumentFile> {
    const { file: added, superseded } = await this.documents.addRevision(unit.manager, {
      documentId: document.id,
      language: file.language,
      fileName: displayName(file.fileName, `document-${file.language}`, file.mediaType),
      mediaType: file.mediaType,
      byteSize: stored.byteSize,
      sha256: stored.sha256,
      storageKey: stored.key,
      uploadedBy: requestContext.actor().name,
    });
    await this.audit.record(unit.manager, 'upload', 'document_file', added.id, superseded, added);
    if (document.status === 'published')
      for (const listener of this.listeners) await listener.revised?.(unit, document, added);
    return added;
  }

  /** The language's current file (or an earlier revision) as a stream; a member's download is recorded. */
  async download(
    id: string,
    language: Language,
    revision: number | undefined,
    reader: DocumentReader = this.readerOfRequest(),
  ): Promise<{ file: DocumentFile; stream: Readable }> {
    await this.visible(id, reader);
    const file = await this.documents.file(id, language, revision);
    if (!file)
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        revision === undefined
          ? `Document ${id} has no file in ${language}`
          : `Document ${id} has no revision ${revision} in ${language}`,
      );
    if (reader.kind === 'member') await this.documents.recordRead(id, file.id, reader.memberId, reader.via);
    return { file, stream: this.storage.get(file.storageKey) };
  }

  /** Publishing needs at least one language file; the features listening plan what follows in the same transaction. */
  async publish(id: string): Promise<DocumentResponse> {
    const published = await this.unitOfWork.run(async (unit) => {
      const document = await this.documents.lock(unit.manager, id);
      if (!document) throw ApiError.notFound('Document', id);
      return this.publishLocked(unit, document);
    });
    return this.view(published, await this.documents.filesOf([id]));
  }

  private async publishLocked(unit: UnitOfWorkContext, document: Document): Promise<Document> {
    if ((await this.documents.currentFiles(unit.manager, document.id)).length === 0)
      throw ApiError.field(
        HttpStatus.BAD_REQUEST,
        'files',
        'a document needs a file in at least one language to be published',
      );
    if (document.status === 'published') return document;
    const before = { ...document };
    document.status = 'published';
    document.publishedAt = new Date();
    document.withdrawnAt = null;
    document.updatedBy = requestContext.actor().name;
    const saved = await this.documents.save(unit.manager, document);
    await this.audit.record(unit.manager, 'publish', 'document', document.id, before, saved);
    for (const listener of this.listeners) await listener.published?.(unit, saved);
    return saved;
  }

  async withdraw(id: string): Promise<DocumentResponse> {
    const withdrawn = await this.unitOfWork.run(async (unit) => {
      const document = await this.documents.lock(unit.manager, id);
      if (!document) throw ApiError.notFound('Document', id);
      if (document.status === 'withdrawn') return document;
      const before = { ...document };
      document.status = 'withdrawn';
      document.withdrawnAt = new Date();
      document.updatedBy = requestContext.actor().name;
      const saved = await this.documents.save(unit.manager, document);
      await this.audit.record(unit.manager, 'withdraw', 'document', id, before, saved);
      for (const listener of this.listeners) await listener.withdrawn?.(unit, saved);
      return saved;
    });
    return this.view(withdrawn, await this.documents.filesOf([id]));
  }

  /** "Read by 12 of 20; not opened: TM, TJ": per country, the expected readers and who opened it. */
  async readers(id: string): Promise<DocumentReadersResponse> {
    const document = await this.documents.find(id);
    if (!document) throw ApiError.notFound('Document', id);
    const expected = await this.documents.expectedReaders(document);
    const byCountry = new Map<string, typeof expected>();
    for (const reader of expected)
      byCountry.set(reader.countryCode, [...(byCountry.get(reader.countryCode) ?? []), reader]);
    const countries = [...byCountry.entries()].map(([countryCode, members]) => ({
      countryCode,
      expected: members.length,
      read: members.filter((m) => m.firstReadAt !== null).length,
      members: members.map((m) => ({
        memberId: m.memberId,
        fullName: m.fullName,
        firstReadAt: m.firstReadAt?.toISOString() ?? null,
      })),
    }));
    return {
      documentId: id,
      expected: expected.length,
      read: expected.filter((m) => m.firstReadAt !== null).length,
      notOpenedCountries: countries.filter((c) => c.read === 0).map((c) => c.countryCode),
      countries,
    };
  }

  /** A meeting's documents with their files; members get the published ones only. */
  async ofMeeting(meetingId: string, publishedOnly: boolean): Promise<DocumentResponse[]> {
    return this.withFiles(await this.documents.ofMeeting(meetingId, publishedOnly ? ['published'] : undefined));
  }

  async ofBody(bodyId: string, publishedOnly: boolean): Promise<DocumentResponse[]> {
    return this.withFiles(await this.documents.ofBody(bodyId, publishedOnly ? ['published'] : undefined));
  }

  /** The document if this reader may see it; 404 otherwise, so an id reveals nothing. */
  async visible(id: string, reader: DocumentReader): Promise<Document> {
    const document = await this.documents.find(id);
    if (!document) throw ApiError.notFound('Document', id);
    if (reader.kind === 'secretariat') return document;
    if (document.status !== 'published' || !(await this.documents.readableBy(document, reader.memberId)))
      throw ApiError.notFound('Document', id);
    return document;
  }

  private readerOfRequest(): DocumentReader {
    const actor = requestContext.actor();
    if (actor.role === 'secretariat') return { kind: 'secretariat' };
    if (!actor.memberId) throw new ApiError(HttpStatus.FORBIDDEN, 'This member token is bound to no member');
    return { kind: 'member', memberId: actor.memberId, via: 'session' };
  }

  private async create(
    owner: Pick<Document, 'meetingId' | 'bodyId' | 'agendaItemId'>,
    dto: CreateDocumentDto,
  ): Promise<DocumentResponse> {
    const created = await this.unitOfWork.run(({ manager }) => this.insert(manager, owner, dto));
    return this.view(created, []);
  }

  private async insert(
    manager: UnitOfWorkContext['manager'],
    owner: Pick<Document, 'meetingId' | 'bodyId' | 'agendaItemId'>,
    dto: CreateDocumentDto,
  ): Promise<Document> {
    const actor = requestContext.actor().name;
    const document = manager.create(Document, {
      ...owner,
      title: dto.title,
      kind: dto.kind,
      symbol: dto.symbol ?? null,
      status: 'draft',
      publishedAt: null,
      withdrawnAt: null,
      createdBy: actor,
      updatedBy: actor,
    });
    const saved = await this.documents.save(manager, document);
    await this.audit.record(manager, 'create', 'document', saved.id, null, saved);
    return saved;
  }

  private async withFiles(documents: Document[]): Promise<DocumentResponse[]> {
    const files = await this.documents.filesOf(documents.map((d) => d.id));
    return documents.map((d) =>
      this.view(
        d,
        files.filter((f) => f.documentId === d.id),
      ),
    );
  }

  private view(document: Document, files: DocumentFile[]): DocumentResponse {
    return {
      id: document.id,
      meetingId: document.meetingId,
      agendaItemId: document.agendaItemId,
      bodyId: document.bodyId,
      title: document.title,
      kind: document.kind,
      symbol: document.symbol,
      status: document.status,
      publishedAt: document.publishedAt?.toISOString() ?? null,
      withdrawnAt: document.withdrawnAt?.toISOString() ?? null,
      createdBy: document.createdBy,
      updatedBy: document.updatedBy,
      createdAt: document.createdAt.toISOString(),
      updatedAt: document.updatedAt.toISOString(),
      files: files.map((f) => ({
        language: f.language,
        revision: f.revision,
        fileName: f.fileName,
        mediaType: f.mediaType,
        byteSize: f.byteSize,
        sha256: f.sha256,
        uploadedBy: f.uploadedBy,
        uploadedAt: f.uploadedAt.toISOString(),
        superseded: f.supersededAt !== null,
        supersededAt: f.supersededAt?.toISOString() ?? null,
        url: `/api/documents/${document.id}/files/${f.language}${f.supersededAt ? `?revision=${f.revision}` : ''}`,
      })),
    };
  }
}
