import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
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

/**
 * Puts a meeting's list of participants or minutes into its document register in one step: the PDFs of every
 * language become the next revision of the meeting's document of that kind (created the first time), published.
 */
@Injectable()
export class PaperPublisher {
  constructor(
    private readonly papers: PapersService,
    private readonly repository: PapersRepository,
    private readonly documents: DocumentsService,
  ) {}

  /** Refused (409) until attendance is recorded: the list names only those present. */
  async publishParticipants(meetingId: string, reader: Language): Promise<DocumentResponse> {
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
  async publishMinutes(meetingId: string, reader: Language): Promise<DocumentResponse> {
    if (!(await this.repository.meeting(meetingId))) throw ApiError.notFound('Meeting', meetingId);
    const minutes = await this.repository.minutes(meetingId);
    if (minutes?.status !== 'approved') throw ApiError.conflict(t('papers.publish.minutesNotApproved', reader));
    const files: [Language, PaperFile][] = [];
    for (const language of await this.papers.minutesLanguages(meetingId))
      files.push([language, await this.papers.minutes(meetingId, language, reader)]);
    return this.publish(meetingId, 'minutes', 'papers.minutes.title', files);
  }

  private async publish(
    meetingId: string,
    kind: DocumentKind,
    titleKey: MessageKey,
    files: [Language, PaperFile][],
  ): Promise<DocumentResponse> {
    const existing = (await this.documents.ofMeeting(meetingId, false)).find(
      (d) => d.kind === kind && d.status !== 'withdrawn',
    );
    const title = Object.fromEntries(LANGUAGES.map((l) => [l, t(titleKey, l)])) as LocalizedText;
    const document = existing ?? (await this.documents.createForMeeting(meetingId, { title, kind }));
    for (const [language, file] of files)
      await this.documents.upload(document.id, language, {
        fileName: file.filename,
        stream: Readable.from([file.body], { objectMode: false }),
      });
    return this.documents.publish(document.id);
  }
}
