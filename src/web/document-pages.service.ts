import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { FieldProblem } from '../common/http/api-error';
import { pickText } from '../common/i18n/content-text';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language, LocalizedText } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { DOCUMENT_KINDS } from '../documents/document.entity';
import type { DocumentKind } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import type { DocumentReader } from '../documents/documents.service';
import type { DocumentFileResponse, DocumentResponse } from '../documents/dto/document.response';
import type { Member } from '../members/member.entity';
import { label } from '../common/i18n/labels';
import { formatDate } from '../common/time/format';
import { DocumentDistributionService } from '../document-distribution/document-distribution.service';
import { byField } from './forms';
import { labelledProblems } from './form-problems';
import type { FormBody } from './meeting-form-values';
import type { FailedForm } from './meeting-pages.service';

export const DOCUMENTS_FORM = 'documents';
const DONE = {
  doc_created: 'doc.done.created',
  doc_uploaded: 'doc.done.uploaded',
  doc_published: 'doc.done.published',
  doc_withdrawn: 'doc.done.withdrawn',
  doc_chased: 'docs.chase.done',
} as const satisfies Record<string, MessageKey>;

const languageName = (of: Language, reader: Language) => t(`sp.language.${of}`, reader);
const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
const fileSize = (bytes: number, language: Language) =>
  bytes < 1024 * 1024
    ? t('doc.size.kb', language, { size: String(Math.max(1, Math.round(bytes / 1024))) })
    : t('doc.size.mb', language, { size: megabytes(bytes) });

/** The form's values as the API's CreateDocumentDto reads them: a title per language, a kind, a symbol. */
export function documentInput(body: FormBody): Record<string, unknown> {
  const title: LocalizedText = {};
  for (const language of LANGUAGES) {
    const value = body[`title_${language}`];
    if (typeof value === 'string' && value.trim() !== '') title[language] = value.trim();
  }
  const input: Record<string, unknown> = { title, kind: body.kind };
  if (typeof body.symbol === 'string' && body.symbol.trim() !== '') input.symbol = body.symbol;
  if (typeof body.agendaItemId === 'string' && body.agendaItemId !== '') input.agendaItemId = body.agendaItemId;
  return input;
}

/** The labels of the document form's fields, which begin a refusal's reasons. */
export function documentLabels(language: Language): Record<string, string> {
  return {
    title: t('doc.form.title', language),
    kind: t('doc.form.kind', language),
    symbol: t('doc.form.symbol', language),
    agendaItemId: t('doc.form.agendaItem', language),
  };
}

/** The form that chases a document's non-readers from the meeting page. */
export const DOCUMENT_CHASE_FORM = 'document-chase';

/** The documents section of the meeting page, the document page, and the member's list. */
@Injectable()
export class DocumentPagesService {
  constructor(
    private readonly documents: DocumentsService,
    private readonly distribution: DocumentDistributionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  doneSentence(query: Record<string, unknown>, language: Language): string | null {
    const key = Object.hasOwn(DONE, String(query.done)) ? DONE[query.done as keyof typeof DONE] : null;
    return key ? t(key, language) : null;
  }

  /** The secretariat's section: every document, its current files, readers, and the forms to add and upload. */
  async meetingSection(meetingId: string, language: Language, failed?: FailedForm) {
    const failedHere = failed?.form === DOCUMENTS_FORM ? failed : undefined;
    const documents = await this.documents.ofMeeting(meetingId, false);
    const deadlines = new Map((await this.distribution.meetingDeadlines(meetingId)).map((d) => [d.documentId, d]));
    const chaseFailed = failed?.form === DOCUMENT_CHASE_FORM ? failed : undefined;
    const items = await Promise.all(
      documents.map(async (d) => ({
        ...this.summary(d, language),
        files: d.files.filter((f) => !f.superseded).map((f) => this.fileLink(d.id, f, language)),
        readers: d.status === 'published' ? await this.readersLine(d.id, language) : null,
        deadlines: (deadlines.get(d.id)?.languages ?? []).map((l) => ({
          state: l.state,
          text: t('docs.deadline.line', language, {
            language: label('language', l.language, language),
            state: label('documentDeadline', l.state, language),
            due: l.dueAt ? formatDate(l.dueAt.toISOString(), deadlines.get(d.id)!.timeZone, language) : 'none',
          }),
        })),
        chaseError:
          chaseFailed && chaseFailed.values.documentId === d.id
            ? chaseFailed.problems.map((p) => p.message).join(' ')
            : null,
      })),
    );
    const values = failedHere?.values ?? {};
    return {
      items,
      kinds: this.kinds(language, values.kind),
      languages: this.languages(language),
      titleFields: this.languages(language).map((l) => ({ ...l, value: values[`title_${l.code}`] ?? '' })),
      values,
      errors: failedHere ? byField(labelledProblems(failedHere.problems, documentLabels(language), language)) : {},
    };
  }

  /** A member's list: the published documents they may open, titles in their language, their language first. */
  async memberList(meetingId: string, member: Member, language: Language) {
    const reader: DocumentReader = { kind: 'member', memberId: member.id, via: 'session' };
    const documents = await this.documents.ofMeeting(meetingId, true);
    const readable = [];
    for (const d of documents)
      if (
        await this.documents.visible(d.id, reader).then(
          () => true,
          () => false,
        )
      )
        readable.push(d);
    return readable.map((d) => ({
      ...this.summary(d, language),
      files: d.files
        .filter((f) => !f.superseded)
        .sort((a, b) => Number(b.language === language) - Number(a.language === language))
        .map((f) => this.fileLink(d.id, f, language)),
    }));
  }

  /** The document page: for the secretariat every revision per language and the readers per country. */
  async documentPage(id: string, language: Language, secretariat: boolean, problems: FieldProblem[] = []) {
    const document = await this.documents.get(id);
    const base = { ...this.summary(document, language), meetingId: document.meetingId };
    if (!secretariat)
      return { ...base, files: document.files.filter((f) => !f.superseded).map((f) => this.fileLink(id, f, language)) };
    const versions = LANGUAGES.map((lang) => ({
      language: languageName(lang, language),
      revisions: document.files
        .filter((f) => f.language === lang)
        .reverse()
        .map((f) => ({
          ...this.fileLink(id, f, language),
          url: `/documents/${id}/files/${f.language}?revision=${f.revision}`,
          superseded: f.superseded,
          uploadedBy: f.uploadedBy,
          uploadedAt: f.uploadedAt.slice(0, 16).replace('T', ' '),
        })),
    })).filter((v) => v.revisions.length > 0);
    const readers = await this.documents.readers(id);
    return {
      ...base,
      secretariat: true,
      versions,
      languages: this.languages(language),
      maxMb: megabytes(this.config.documentMaxBytes),
      readers: {
        line: this.readersSentence(readers.read, readers.expected, readers.notOpenedCountries, language),
        countries: readers.countries.map((c) => ({
          ...c,
          members: c.members.map((m) => ({ ...m, read: m.firstReadAt !== null })),
        })),
      },
      errors: byField(problems),
    };
  }

  /** An upload's or publication's refusal, in the reader's language, naming the form's label. */
  fileProblems(problems: FieldProblem[], language: Language, status?: number): FieldProblem[] {
    const label = t('doc.form.file', language);
    return problems.map(({ field, message }) => {
      if (field === 'language')
        return { field, message: `${t('doc.form.language', language)}: ${t('form.reason.choice', language)}` };
      if (field === 'files') return { field: 'file', message: `${label}: ${t('doc.error.noFile', language)}` };
      if (field !== 'file') return { field, message };
      const key: MessageKey =
        status === HttpStatus.PAYLOAD_TOO_LARGE || /larger than/.test(message)
          ? 'doc.error.tooLarge'
          : status === HttpStatus.UNSUPPORTED_MEDIA_TYPE || /must be a PDF/.test(message)
            ? 'doc.error.type'
            : message === 'is empty'
              ? 'doc.error.empty'
              : 'doc.error.missing';
      return { field, message: `${label}: ${t(key, language, { mb: megabytes(this.config.documentMaxBytes) })}` };
    });
  }

  private async readersLine(id: string, language: Language): Promise<string> {
    const readers = await this.documents.readers(id);
    return this.readersSentence(readers.read, readers.expected, readers.notOpenedCountries, language);
  }

  private readersSentence(read: number, expected: number, notOpened: string[], language: Language): string {
    const line = t('doc.readers.line', language, { read, expected });
    return notOpened.length ? `${line}; ${t('doc.readers.notOpened', language)}: ${notOpened.join(', ')}` : line;
  }

  private summary(d: DocumentResponse, language: Language) {
    return {
      id: d.id,
      title: pickText(d.title, language),
      kind: t(`doc.kind.${d.kind}`, language),
      symbol: d.symbol,
      status: t(`doc.status.${d.status}`, language),
      draft: d.status === 'draft',
      published: d.status === 'published',
      withdrawn: d.status === 'withdrawn',
    };
  }

  private fileLink(id: string, f: DocumentFileResponse, language: Language) {
    return {
      language: languageName(f.language, language),
      code: f.language,
      revision: f.revision,
      revised: f.revision > 1,
      fileName: f.fileName,
      size: fileSize(f.byteSize, language),
      url: `/documents/${id}/files/${f.language}`,
    };
  }

  private kinds(language: Language, selected: unknown) {
    return DOCUMENT_KINDS.map((kind: DocumentKind) => ({
      value: kind,
      label: t(`doc.kind.${kind}`, language),
      selected: kind === selected,
    }));
  }

  private languages(language: Language) {
    return LANGUAGES.map((code) => ({ code, label: languageName(code, language), selected: code === language }));
  }
}
