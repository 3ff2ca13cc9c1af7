import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/http/api-error';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language, LocalizedText } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import type { DocumentKind } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import type { DocumentResponse } from '../documents/dto/document.response';
import { PapersRepository } from './papers.repository';
import { PapersService } from './papers.service';
import type { PaperFile } from './papers.service';

/** A published paper, and whether this publication changed it (false: every file was already its current revision). */
export interface PublishedPaper {
  document: DocumentResponse;
  changed: boolean;
}

/**
 * Puts a meeting's list of participants or minutes into its document register in one step and one transaction:
 * the PDFs of every language become the next revision of the meeting's document of that kind (created the
 * first time), published; a language whose PDF is the same as its current revision gets none.
 */
@Injectable()
export class PaperPublisher {
  constructor(
    private readonly papers: PapersService,
    private readonly repository: PapersRepository,
    private readonly documents: DocumentsService,
  ) {}

  /** Refused (409) until attendance is recorded: the list names only those present. */
  async publishParticipants(meetingId: string, reader: Language): Promise<PublishedPaper> {
    const files: [Language, PaperFile][] = [];
    for (const language of LANGUAGES) {
      const file = await this.papers.participantList(meetingId, language).catch((error: unknown) => {
        if (error instanceof ApiError && error.getStatus() === 409)
          throw ApiError.conflict(t('papers.participants.notRecorded', reader));
        throw error;
      });
      files.push([language, file]);
    }
    return this.publish(meetingId, 'list_of_participants', 'papers.participants.title', files);
  }

  /** Only approved minutes are published, in each language they exist in. */
  async publishMinutes(meetingId: string, reader: Language): Promise<PublishedPaper> {
    if (!(await this.repository.meeting(meetingId))) throw ApiError.notFound('Meeting', meetingId);
    const minutes = await this.repository.minutes(meetingId);
    if (minutes?.status !== 'approved') throw ApiError.conflict(t('papers.publish.minutesNotApproved', reader));
    const files: [Language, PaperFile][] = [];
    for (const language of await this.papers.minutesLanguages(meetingId))
      files.push([language, await this.papers.minutes(meetingId, language, reader)]);
    return this.publish(meetingId, 'minutes', 'papers.minutes.title', files);
  }

  private publish(
    meetingId: string,
    kind: DocumentKind,
    titleKey: MessageKey,
    files: [Language, PaperFile][],
  ): Promise<PublishedPaper> {
    const title = Object.fromEntries(LANGUAGES.map((l) => [l, t(titleKey, l)])) as LocalizedText;
    return this.documents.publishGenerated(
      meetingId,
      { title, kind },
      files.map(([language, file]) => ({ language, fileName: file.filename, body: file.body })),
    );
  }
}
