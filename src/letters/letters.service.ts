import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { AccessPolicy } from '../auth/access-policy';
import { ApiError } from '../common/http/api-error';
import { ContentTexts } from '../common/i18n/content-texts';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { formatDay } from '../common/time/format';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { Invitation } from '../meetings/invitation.entity';
import type { Meeting } from '../meetings/meeting.entity';
import { meetingText } from '../meetings/meeting.view';
import { paperDate, paperDateTime } from '../papers/paper-dates';
import { PaperLayout } from '../papers/paper-layout';
import { drawInvitationLetter } from './invitation-letter';
import type { InvitationLetter, LetterImage, LetterKind } from './invitation-letter';
import type { LetterSettings } from './letter-settings.entity';
import { LettersRepository } from './letters.repository';
import type { PassportDetails } from './passport-details.entity';
import { missingPassportFields } from './passports.service';

/** Answers that leave a member without a letter: they declined, or their substitute has the letter instead. */
const NO_LETTER = ['declined', 'delegated'];

/** Whether an invited member with this answer has an invitation letter of their own. */
export function hasLetter(response: string): boolean {
  return !NO_LETTER.includes(response);
}

/** Why an invited member has no letter, as a page tells them in their language. */
export interface NoLetter {
  language: Language;
  title: string;
  lead: string;
}

export interface LetterFile {
  filename: string;
  pdf: Buffer;
}

function countryName(code: string | null | undefined, language: Language): string {
  if (!code) return '';
  return new Intl.DisplayNames([language], { type: 'region' }).of(code.toUpperCase()) ?? code;
}

function image(bytes: Buffer | null, type: LetterSettings['logoType']): LetterImage | null {
  return bytes && type ? { bytes, type } : null;
}

/** A file name readers recognise, safe in any archive and header: ASCII letters, digits and dashes. */
function fileName(invitation: Invitation, kind: LetterKind): string {
  const name = (invitation.member?.fullName ?? invitation.memberId)
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const country = invitation.member?.countryCode ?? 'XX';
  return `${kind}-letter-${country}-${name || invitation.id.slice(0, 8)}-${invitation.id.slice(0, 8)}.pdf`;
}

/** Invitation and visa support letters: one per participant, or all in one PDF or one zip. */
@Injectable()
export class LettersService {
  constructor(
    private readonly repository: LettersRepository,
    private readonly access: AccessPolicy,
    private readonly texts: ContentTexts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async letter(
    meetingId: string,
    memberId: string,
    kind: LetterKind,
    language: Language | undefined,
    reader: Language,
  ): Promise<LetterFile> {
    this.access.assertSelf(memberId, 'download letters');
    // A member who declined or sent a substitute has no letter of their own; the secretariat keeps every one.
    const none = this.access.member() === null ? null : await this.noLetter(meetingId, memberId, reader);
    if (none) throw ApiError.field(HttpStatus.GONE, 'memberId', none.lead);
    return this.letterFor(meetingId, memberId, kind, language, reader);
  }

  /** Also for a signed link: the caller has proven who the member is. */
  async letterFor(
    meetingId: string,
    memberId: string,
    kind: LetterKind,
    language: Language | undefined,
    reader: Language,
  ): Promise<LetterFile> {
    const meeting = await this.meeting(meetingId);
    const invitation = await this.repository.invited(meetingId, memberId);
    if (!invitation) throw ApiError.notFound('Invitation of member', memberId);
    const passport = kind === 'visa' ? await this.repository.passport(invitation.id) : null;
    if (kind === 'visa') {
      const missing = missingPassportFields(passport);
      if (missing.length)
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          missing.map((field) => ({ field, message: t('passport.error.missing', reader) })),
        );
    }
    const settings = await this.repository.settings(meeting.bodyId);
    const letter = this.compose(meeting, invitation, settings, kind, language ?? invitation.member!.language, passport);
    const layout = this.layout(letter.language, meeting, letter.addressee.name);
    drawInvitationLetter(layout, letter);
    return { filename: fileName(invitation, kind), pdf: await layout.toBuffer() };
  }

  /** For a member's own link: why they have no letter (declined or sent a substitute), or null when they have one. */
  async noLetter(meetingId: string, memberId: string, reader?: Language): Promise<NoLetter | null> {
    const invitation = await this.repository.invited(meetingId, memberId);
    if (!invitation || hasLetter(invitation.response)) return null;
    const meeting = await this.meeting(meetingId);
    const language = reader ?? invitation.member!.language;
    const title = this.texts.pick(meeting.title, language);
    return {
      language,
      title: t('letters.declined.title', language),
      lead: t(invitation.response === 'delegated' ? 'letters.delegated.lead' : 'letters.declined.lead', language, {
        meeting: title,
      }),
    };
  }

  /** Every expected participant's invitation letter, each in their language, one after another. */
  async mergedPdf(meetingId: string): Promise<LetterFile> {
    const { meeting, invitations, settings } = await this.everyone(meetingId);
    const layout = this.layout('en', meeting, this.texts.pick(meeting.title, 'en'));
    invitations.forEach((invitation, index) => {
      if (index > 0) layout.newPage();
      drawInvitationLetter(
        layout,
        this.compose(meeting, invitation, settings, 'invitation', invitation.member!.language, null),
      );
    });
    return { filename: `invitation-letters-${meetingId.slice(0, 8)}.pdf`, pdf: await layout.toBuffer() };
  }

  /**
   * The zip of every letter, streamed while the letters are drawn: the download starts at once and only
   * the letters not yet sent are held. A missing meeting fails before the stream starts.
   */
  async zipStream(meetingId: string): Promise<{ filename: string; stream: Readable }> {
    const { meeting, invitations, settings } = await this.everyone(meetingId);
    const zip = new ZipFile();
    const stream = zip.outputStream as Readable;
    const addLetters = async () => {
      for (const invitation of invitations) {
        if (stream.destroyed) return;
        const letter = this.compose(meeting, invitation, settings, 'invitation', invitation.member!.language, null);
        const layout = this.layout(letter.language, meeting, letter.addressee.name);
        drawInvitationLetter(layout, letter);
        zip.addBuffer(await layout.toBuffer(), fileName(invitation, 'invitation'));
        // Let the zip send what it has before drawing the next letter.
        await new Promise((resolve) => setImmediate(resolve));
      }
      zip.end();
    };
    addLetters().catch((error: Error) => stream.destroy(error));
    return { filename: `invitation-letters-${meetingId.slice(0, 8)}.zip`, stream };
  }

  private async everyone(meetingId: string) {
    const meeting = await this.meeting(meetingId);
    const invitations = await this.repository.expected(meetingId);
    const settings = await this.repository.settings(meeting.bodyId);
    return { meeting, invitations, settings };
  }

  private async meeting(meetingId: string): Promise<Meeting> {
    const meeting = await this.repository.meeting(meetingId);
    if (!meeting) throw ApiError.notFound('Meeting', meetingId);
    return meeting;
  }

  private layout(language: Language, meeting: Meeting, who: string): PaperLayout {
    const title = `${t('letter.title.invitation', language)}: ${this.texts.pick(meeting.title, language)} — ${who}`;
    return new PaperLayout({ language, title, pageNumbers: false });
  }

  compose(
    meeting: Meeting,
    invitation: Invitation,
    settings: LetterSettings | null,
    kind: LetterKind,
    language: Language,
    passport: PassportDetails | null,
  ): InvitationLetter {
    const member = invitation.member!;
    const zone = meeting.timeZone;
    const title = this.texts.pick(meeting.title, language);
    const issued = (invitation.invitedAt ?? new Date()).toISOString();
    const dates = meeting.startsAt
      ? [meeting.startsAt, meeting.endsAt]
          .filter((moment): moment is Date => moment !== null)
          .map((moment) => paperDateTime(moment.toISOString(), zone, language))
          .join(' – ')
      : t('letter.datesToBeAnnounced', language);
    const contactDetails = [settings?.contactEmail, settings?.contactPhone].filter(Boolean).join(', ');
    return {
      kind,
      language,
      letterhead: this.texts.pick(settings?.letterheadName, language) || t('letter.secretariat', language),
      logo: image(settings?.logo ?? null, settings?.logoType ?? null),
      reference: `${issued.slice(0, 4)}/${meeting.number ?? 0}/${invitation.id.slice(0, 8).toUpperCase()}`,
      date: paperDate(issued, zone, language),
      addressee: {
        name: member.fullName,
        position: member.position ?? '',
        organisation: this.texts.pick(member.organization?.name, language),
        country: countryName(member.countryCode, language),
      },
      meeting: {
        title: meeting.number ? t('letter.meetingNumbered', language, { number: meeting.number, title }) : title,
        dates,
        venue: [
          meetingText(meeting, 'venue', language, this.config.contentLanguageFallback),
          meetingText(meeting, 'city', language, this.config.contentLanguageFallback),
          countryName(meeting.countryCode, language),
        ]
          .filter(Boolean)
          .join(', '),
        onlineUrl: meeting.onlineUrl,
      },
      travelCovered: invitation.travelCovered,
      accommodationCovered: invitation.accommodationCovered,
      passport:
        kind === 'visa' && passport
          ? {
              name: passport.nameInPassport ?? '',
              nationality: passport.nationality ?? '',
              number: passport.passportNumber ?? '',
              stay: `${formatDay(passport.arrivalDate!, language)} – ${formatDay(passport.departureDate!, language)}`,
            }
          : null,
      contact: settings?.contactName ? { name: settings.contactName, details: contactDetails } : null,
      signatory: {
        name: this.texts.pick(settings?.signatoryName, language),
        title: this.texts.pick(settings?.signatoryTitle, language) || t('letter.secretariat', language),
        signature: image(settings?.signature ?? null, settings?.signatureType ?? null),
      },
    };
  }
}
