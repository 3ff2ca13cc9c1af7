import { Inject, Injectable } from '@nestjs/common';
import { ContentTexts } from '../common/i18n/content-texts';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { emailCommon } from '../mail/email-kinds';
import type { DocumentLine, LibraryView, MeetingView } from '../mail/email-kinds';
import type { Meeting } from '../meetings/meeting.entity';
import { locationText, meetingText } from '../meetings/meeting.view';
import type { Member } from '../members/member.entity';
import { ComposesNotifications } from '../notifications/notification-composer';
import type { Composition, NotificationComposer } from '../notifications/notification-composer';
import type { Notification } from '../notifications/notification.entity';
import { todayIn } from '../common/time/dates';
import { DocumentLinks } from '../documents/document-links';
import { DocumentDistributionRepository } from './document-distribution.repository';
import type { DocumentScope, ScopedDocument } from './document-distribution.repository';
import { DocumentDistributionService } from './document-distribution.service';

const skip = (reason: string): Composition => ({ send: false, reason });

/** How an email names a meeting or a library, and links each language version of a document. */
@Injectable()
export class DocumentEmailParts {
  constructor(
    private readonly texts: ContentTexts,
    private readonly repository: DocumentDistributionRepository,
    private readonly links: DocumentLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  meetingView(meeting: Meeting, reader: Member): MeetingView {
    const chain = this.config.contentLanguageFallback;
    return {
      title: this.texts.pick(meeting.title, reader.language),
      kind: meeting.kind,
      number: meeting.number,
      startsAt: meeting.startsAt?.toISOString() ?? null,
      endsAt: meeting.endsAt?.toISOString() ?? null,
      timeZone: meeting.timeZone,
      location: locationText(meeting, reader.language, chain),
      onlineUrl: meeting.onlineUrl,
      description: meetingText(meeting, 'description', reader.language, chain),
      status: meeting.status,
      reason: meeting.statusReason,
      url: `${this.config.appUrl}/meetings/${meeting.id}`,
    };
  }

  /** The meeting or the library the documents belong to; null when it is gone. */
  async place(
    scope: DocumentScope,
    reader: Member,
  ): Promise<{ meeting: MeetingView | null; library: LibraryView | null; raw: Meeting | null } | null> {
    if (scope.kind === 'meeting') {
      const meeting = await this.repository.meeting(scope.id);
      return meeting ? { meeting: this.meetingView(meeting, reader), library: null, raw: meeting } : null;
    }
    const name = await this.repository.bodyName(scope.id);
    if (!name) return null;
    return {
      meeting: null,
      library: {
        title: this.texts.pick(name, reader.language),
        url: `${this.config.appUrl}/bodies/${scope.id}/library`,
      },
      raw: null,
    };
  }

  async line(
    document: ScopedDocument,
    reader: Member,
    files: ScopedDocument['files'],
    change: DocumentLine['change'],
  ): Promise<DocumentLine> {
    const links = await Promise.all(files.map((file) => this.links.url(reader, document, file.language)));
    const added = () =>
      new Intl.ListFormat(reader.language, { type: 'conjunction' }).format(
        files.map((file) => t(`language.in.${file.language}`, reader.language)),
      );
    return {
      title: this.texts.pick(document.title, reader.language),
      symbol: document.symbol,
      change,
      addedLanguages: change === 'language' ? added() : null,
      files: files.map((file, i) => ({
        languageName: label('language', file.language, reader.language),
        revision: file.revision,
        url: links[i],
      })),
    };
  }

  heading(document: ScopedDocument, reader: Member): string | null {
    const item = document.agendaItem;
    return item ? `${item.position}. ${this.texts.pick(item.title, reader.language)}` : null;
  }
}

/** "Documents available" to members and "documents due" to the secretariat, re-checked when each is sent. */
@Injectable()
@ComposesNotifications('documents')
export class DocumentsEmailComposer implements NotificationComposer {
  constructor(
    private readonly texts: ContentTexts,
    private readonly repository: DocumentDistributionRepository,
    private readonly distribution: DocumentDistributionService,
    private readonly parts: DocumentEmailParts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  compose(notification: Notification, recipient: Member): Promise<Composition> {
    if (notification.kind === 'documents-available') return this.available(notification, recipient);
    if (notification.kind === 'documents-due') return this.due(notification, recipient);
    return Promise.resolve(skip(`no documents email of kind ${notification.kind}`));
  }

  private async available(notification: Notification, recipient: Member): Promise<Composition> {
    const scope: DocumentScope = {
      kind: notification.payload.scope === 'body' ? 'body' : 'meeting',
      id: notification.subjectId!,
    };
    const place = await this.parts.place(scope, recipient);
    if (!place) return skip('the meeting or body no longer exists');
    if (place.raw && (place.raw.status === 'cancelled' || place.raw.status === 'postponed'))
      return skip(`the meeting is ${place.raw.status}`);
    if (!(await this.repository.isInAudience(scope, recipient.id, new Date().toISOString().slice(0, 10))))
      return skip('the recipient is no longer invited or serving');
    const untold = await this.repository.untoldFiles(scope, recipient.id, notification.id);
    if (untold.length === 0) return skip('the recipient was told of every document already');
    const documents = await this.distribution.documentsByIds([...new Set(untold.map((f) => f.documentId))]);
    const groups: { heading: string | null; documents: DocumentLine[] }[] = [];
    for (const document of documents) {
      const files = untold.filter((f) => f.documentId === document.id);
      // Told of the document before: a revision, unless every file is a language the reader had not had.
      const change = !files.some((f) => f.revised) ? 'new' : files.every((f) => f.newLanguage) ? 'language' : 'revised';
      const current = document.files.filter((f) => files.some((u) => u.fileId === f.fileId));
      const heading = this.parts.heading(document, recipient);
      let group = groups.find((g) => g.heading === heading);
      if (!group) groups.push((group = { heading, documents: [] }));
      group.documents.push(await this.parts.line(document, recipient, current, change));
    }
    // Unnumbered documents after the agenda items.
    groups.sort((a, b) => Number(a.heading === null) - Number(b.heading === null));
    await this.repository.recordTold(
      recipient.id,
      untold.map((f) => f.fileId),
      notification.id,
    );
    return {
      send: true,
      kind: 'documents-available',
      data: {
        ...emailCommon(recipient, this.config.appUrl, `${this.config.appUrl}/me`),
        meeting: place.meeting,
        library: place.library,
        revised: groups.every((g) => g.documents.every((d) => d.change === 'revised')),
        groups,
      },
    };
  }

  private async due(notification: Notification, recipient: Member): Promise<Composition> {
    const meetingId = notification.subjectId!;
    const place = await this.parts.place({ kind: 'meeting', id: meetingId }, recipient);
    if (!place?.raw) return skip('the meeting no longer exists');
    if (place.raw.status !== 'scheduled') return skip(`the meeting is ${place.raw.status}`);
    const [schedule] = await this.distribution.schedules([meetingId]);
    const documents = await this.distribution.documentsOf(meetingId);
    const deadline = notification.payload.deadline === 'translations' ? 'translations' : 'documents';
    const dueAt = String(notification.payload.dueAt);
    const missing = documents
      .map((document) => ({
        document,
        languages: this.distribution
          .statesOf(schedule, document)
          .filter(
            (s) => s.required && s.state === 'due' && s.deadline === deadline && s.dueAt?.toISOString() === dueAt,
          ),
      }))
      .filter((m) => m.languages.length > 0);
    if (missing.length === 0) return skip('every document due by this deadline is published in its languages');
    return {
      send: true,
      kind: 'documents-due',
      data: {
        ...emailCommon(recipient, this.config.appUrl, `${this.config.appUrl}/me`),
        meeting: place.meeting!,
        deadline,
        dueAt,
        daysLeft: Number(notification.payload.daysLeft ?? 0),
        documents: missing.map(({ document, languages }) => ({
          title: this.texts.pick(document.title, recipient.language),
          symbol: document.symbol,
          missing: languages.map((s) => label('language', s.language, recipient.language)),
          url: `${this.config.appUrl}/documents/${document.id}`,
        })),
      },
    };
  }
}

/** The chase of one document to a member who has not opened it; skipped if they open it first. */
@Injectable()
@ComposesNotifications('document')
export class DocumentChaseComposer implements NotificationComposer {
  constructor(
    private readonly repository: DocumentDistributionRepository,
    private readonly distribution: DocumentDistributionService,
    private readonly parts: DocumentEmailParts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async compose(notification: Notification, recipient: Member): Promise<Composition> {
    const [document] = await this.distribution.documentsByIds([notification.subjectId!]);
    if (!document || document.status !== 'published') return skip('the document is no longer published');
    const scope: DocumentScope = document.meetingId
      ? { kind: 'meeting', id: document.meetingId }
      : { kind: 'body', id: document.bodyId! };
    if (!(await this.repository.isInAudience(scope, recipient.id, todayIn(recipient.timeZone))))
      return skip('the recipient is no longer invited or serving');
    if (await this.repository.hasRead(document.id, recipient.id)) return skip('the recipient has opened the document');
    const place = await this.parts.place(scope, recipient);
    if (!place) return skip('the meeting or body no longer exists');
    return {
      send: true,
      kind: 'document-chase',
      data: {
        ...emailCommon(recipient, this.config.appUrl, `${this.config.appUrl}/me`),
        meeting: place.meeting,
        library: place.library,
        document: await this.parts.line(document, recipient, document.files, 'new'),
      },
    };
  }
}
