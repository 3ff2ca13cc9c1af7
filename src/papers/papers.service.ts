import { HttpStatus, Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import { textsOf } from '../common/i18n/content-text';
import { ContentTexts } from '../common/i18n/content-texts';
import { LANGUAGES, languageOf } from '../common/i18n/languages';
import type { Language, LocalizedText } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { formatDateTime, formatZone } from '../common/time/format';
import type { Meeting } from '../meetings/meeting.entity';
import { paperDate, paperDateTime } from './paper-dates';
import type { PaperLayout } from './paper-layout';
import { attendanceSheet, certificate, minutesPaper, participantList } from './paper-renderers';
import type { MeetingHeading, MinutesPaper } from './paper-views';
import { affiliation, countryName, groupParticipants } from './participant-groups';
import { PapersRepository } from './papers.repository';
import type { PaperParticipant } from './papers.repository';

export interface PaperFile {
  filename: string;
  body: Buffer;
}

/** Who is expected at the meeting: invited, and neither declined nor sent a substitute in their place. */
const EXPECTED: readonly PaperParticipant['response'][] = ['accepted', 'tentative', 'pending'];

/** The formal papers of a meeting as PDFs: attendance sheet, list of participants, minutes, certificates. */
@Injectable()
export class PapersService {
  constructor(
    private readonly repository: PapersRepository,
    private readonly access: AccessPolicy,
    private readonly texts: ContentTexts,
  ) {}

  async attendanceSheet(meetingId: string, language: Language): Promise<PaperFile> {
    const meeting = await this.meeting(meetingId);
    const people = (await this.repository.participants(meetingId)).filter(
      (p) => p.invitedAt !== null && EXPECTED.includes(p.response),
    );
    const layout = attendanceSheet(await this.peoplePaper(meeting, people, language));
    return this.file(layout, `attendance-sheet-${language}.pdf`);
  }

  /** The official list: who was recorded present; refused until attendance is recorded. */
  async participantList(meetingId: string, language: Language): Promise<PaperFile> {
    const meeting = await this.meeting(meetingId);
    const people = (await this.repository.participants(meetingId)).filter((p) => p.attended === true);
    if (people.length === 0) throw ApiError.conflict(t('papers.participants.notRecorded', language));
    const layout = participantList(await this.peoplePaper(meeting, people, language));
    return this.file(layout, `participants-${language}.pdf`);
  }

  /** The languages the minutes are written or translated in; the first is their original. */
  async minutesLanguages(meetingId: string): Promise<Language[]> {
    const minutes = await this.repository.minutes(meetingId);
    if (!minutes) return [];
    const texts = textsOf(minutes.text, minutes.originalLanguage, minutes.translations, 'text');
    const original = minutes.originalLanguage ?? languageOf(minutes.text);
    return [original, ...LANGUAGES.filter((l) => l !== original && texts[l])];
  }

  /** One PDF per language the minutes exist in: `language` unset gives their original. */
  async minutes(meetingId: string, language: Language | undefined, reader: Language): Promise<PaperFile> {
    const meeting = await this.meeting(meetingId);
    const minutes = await this.repository.minutes(meetingId);
    if (!minutes) throw new ApiError(HttpStatus.NOT_FOUND, t('papers.minutes.missing', reader));
    const languages = await this.minutesLanguages(meetingId);
    const paperLanguage = language ?? languages[0];
    if (!languages.includes(paperLanguage))
      throw ApiError.field(
        HttpStatus.NOT_FOUND,
        'language',
        t('papers.minutes.notInLanguage', reader, { languages: languages.join(', ') }),
      );
    const pick = (texts: LocalizedText | null) => this.texts.pick(texts, paperLanguage);
    const [participants, agenda, decisions] = await Promise.all([
      this.repository.participants(meetingId),
      this.repository.agenda(meetingId),
      this.repository.decisions(meetingId),
    ]);
    const executorIds = decisions.flatMap((d) => d.actionItems.map((a) => a.executor)).filter((id) => !!id);
    const executors = await this.repository.executorNames([...new Set(executorIds as string[])]);
    const present = participants.filter((p) => p.attended === true);
    const paper: MinutesPaper = {
      meeting: await this.heading(meeting, paperLanguage),
      status:
        minutes.status === 'approved' && minutes.approvedAt
          ? t('papers.minutes.approved', paperLanguage, {
              date: paperDate(minutes.approvedAt.toISOString(), meeting.timeZone, paperLanguage),
            })
          : t('papers.minutes.draft', paperLanguage),
      attendance: groupParticipants(present, paperLanguage, pick).map((group) => ({
        country: group.label,
        count: group.people.length,
      })),
      agenda: agenda.map((item) => pick(item.title)),
      text: pick(textsOf(minutes.text, minutes.originalLanguage, minutes.translations, 'text')),
      decisions: decisions.map((decision) => ({
        label: meeting.number ? `${meeting.number}/${decision.number}` : String(decision.number),
        text: pick(textsOf(decision.text, minutes.originalLanguage, decision.translations, 'text')),
        actionItems: decision.actionItems.map((item) => ({
          activity: pick(textsOf(item.activity, minutes.originalLanguage, item.translations, 'activity')),
          executor: item.executor ? pick(executors.get(item.executor) ?? null) || '—' : '—',
          deadline: item.deadline ?? '—',
        })),
      })),
    };
    return this.file(minutesPaper(paper), `minutes-${paperLanguage}.pdf`);
  }

  /**
   * A certificate for a participant recorded present. A member asks for their own only: anyone else's,
   * like one for a meeting they did not attend, does not exist for them (404).
   */
  async certificate(meetingId: string, memberId: string, language: Language | undefined): Promise<PaperFile> {
    const me = this.access.member();
    if (me !== null && me !== memberId) throw ApiError.notFound('Certificate of attendance', memberId);
    const meeting = await this.meeting(meetingId);
    const [person] = await this.repository.participants(meetingId, memberId);
    if (!person) throw ApiError.notFound('Participant', memberId);
    const paperLanguage = language ?? person.language;
    if (person.attended !== true)
      throw new ApiError(HttpStatus.NOT_FOUND, t('papers.certificate.notAttended', paperLanguage));
    const pick = (texts: LocalizedText | null) => this.texts.pick(texts, paperLanguage);
    const layout = certificate({
      meeting: await this.heading(meeting, paperLanguage),
      fullName: person.fullName,
      affiliation: affiliation(person, pick),
      issued: paperDate(new Date().toISOString(), person.timeZone, paperLanguage),
    });
    return this.file(layout, `certificate-${memberId}-${paperLanguage}.pdf`);
  }

  /** Whether this member may ask for a certificate: they were recorded present. */
  async attended(meetingId: string, memberId: string): Promise<boolean> {
    const [person] = await this.repository.participants(meetingId, memberId);
    return person?.attended === true;
  }

  private async meeting(id: string): Promise<Meeting> {
    const meeting = await this.repository.meeting(id);
    if (!meeting) throw ApiError.notFound('Meeting', id);
    await this.access.assertMeetingVisible(id).catch((error: unknown) => {
      if (error instanceof ApiError && error.getStatus() === Number(HttpStatus.FORBIDDEN))
        throw ApiError.notFound('Meeting', id);
      throw error;
    });
    return meeting;
  }

  private async peoplePaper(meeting: Meeting, people: PaperParticipant[], language: Language) {
    const pick = (texts: LocalizedText | null) => this.texts.pick(texts, language);
    return {
      meeting: await this.heading(meeting, language),
      groups: groupParticipants(people, language, pick),
      affiliation: (person: PaperParticipant) => affiliation(person, pick),
    };
  }

  private async heading(meeting: Meeting, language: Language): Promise<MeetingHeading> {
    const body = await this.repository.body(meeting.bodyId);
    const field = (name: 'venue' | 'city', value: string | null) =>
      this.texts.pick(textsOf(value, meeting.originalLanguage, meeting.translations, name), language);
    const place = [
      field('venue', meeting.venue),
      field('city', meeting.city),
      meeting.countryCode ? countryName(meeting.countryCode, language) : '',
    ].filter(Boolean);
    if (meeting.onlineUrl) place.push(`${t('papers.meeting.online', language)}: ${meeting.onlineUrl}`);
    return {
      language,
      bodyName: this.texts.pick(body?.name, language),
      numbered: meeting.number ? t('email.meetingNumber', language, { n: meeting.number, kind: meeting.kind }) : null,
      title: this.texts.pick(meeting.title, language),
      when: this.when(meeting, language),
      place: place.join(', ') || '—',
      dated: meeting.startsAt ?? new Date(0),
    };
  }

  private when(meeting: Meeting, language: Language): string {
    if (!meeting.startsAt) return t('papers.meeting.noDate', language);
    const start = meeting.startsAt.toISOString();
    if (!meeting.endsAt) return paperDateTime(start, meeting.timeZone, language);
    const end = meeting.endsAt.toISOString();
    const range = t('papers.meeting.until', language, {
      start: formatDateTime(start, meeting.timeZone, language),
      end: formatDateTime(end, meeting.timeZone, language),
    });
    return `${range} (${formatZone(meeting.timeZone, start, language)})`;
  }

  private async file(layout: PaperLayout, filename: string): Promise<PaperFile> {
    return { filename, body: await layout.toBuffer() };
  }
}
