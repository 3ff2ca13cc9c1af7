import { Inject, Injectable } from '@nestjs/common';
import type { FieldProblem } from '../common/http/api-error';
import { ContentTexts } from '../common/i18n/content-texts';
import { t } from '../common/i18n/messages';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { LetterSettingsService } from '../letters/letter-settings.service';
import { PASSPORT_FIELDS, PassportsService } from '../letters/passports.service';
import type { PassportField } from '../letters/passports.service';
import { MeetingsService } from '../meetings/meetings.service';
import { MembersService } from '../members/members.service';
import { byField } from './forms';
import type { PageContext } from './page-session.service';

const INPUT_TYPES: Record<PassportField, string> = {
  nameInPassport: 'text',
  nationality: 'text',
  passportNumber: 'text',
  arrivalDate: 'date',
  departureDate: 'date',
};

/** One participant's letters page: their letter links, the passport details and (secretariat) what is covered. */
@Injectable()
export class MeetingLetterPagesService {
  constructor(
    private readonly passports: PassportsService,
    private readonly settings: LetterSettingsService,
    private readonly meetings: MeetingsService,
    private readonly members: MembersService,
    private readonly texts: ContentTexts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async view(
    context: PageContext,
    meetingId: string,
    memberId: string,
    failed?: { typed: Record<string, unknown>; problems: FieldProblem[] },
    justSaved = false,
  ) {
    const language = context.language;
    const [meeting, member, saved] = await Promise.all([
      this.meetings.get(meetingId),
      this.members.get(memberId),
      this.passports.get(meetingId, memberId),
    ]);
    const secretariat = context.role === 'secretariat';
    const coverage = secretariat ? await this.settings.coverage(meetingId, memberId) : null;
    const errors = failed ? byField(failed.problems) : {};
    const typed = (field: string) => {
      const value = failed?.typed[field];
      return typeof value === 'string' ? value : null;
    };
    const base = `/meetings/${meetingId}/letters/${memberId}`;
    return {
      title: t('letters.page.title', language, { name: member.fullName }),
      meetingTitle: this.texts.pick(meeting.title, language),
      meetingUrl: `/meetings/${meetingId}`,
      action: base,
      csrf: context.csrf,
      retentionDays: this.config.passportDataRetentionDays,
      done: justSaved ? t('letters.page.saved', language) : null,
      invitationUrl: `${base}.pdf`,
      visaUrl: `${base}.pdf?kind=visa`,
      problems: (failed?.problems ?? []).map(({ field, message }) => ({
        field,
        message: (PASSPORT_FIELDS as readonly string[]).includes(field)
          ? `${t(`passport.${field as PassportField}`, language)}: ${message}`
          : message,
      })),
      fields: PASSPORT_FIELDS.map((field) => ({
        name: field,
        label: t(`passport.${field}`, language),
        type: INPUT_TYPES[field],
        value: typed(field) ?? saved[field] ?? '',
        error: errors[field] ?? null,
      })),
      coverage: coverage && {
        travel: failed ? failed.typed.travelCovered === 'on' : coverage.travelCovered,
        accommodation: failed ? failed.typed.accommodationCovered === 'on' : coverage.accommodationCovered,
      },
    };
  }

  /** Saves the form: the passport details, and what is covered when the secretariat sends it. */
  async save(context: PageContext, meetingId: string, memberId: string, body: Record<string, unknown>) {
    const text = (field: string) => (typeof body[field] === 'string' ? body[field] : null);
    await this.passports.save(
      meetingId,
      memberId,
      Object.fromEntries(PASSPORT_FIELDS.map((field) => [field, text(field)])),
      context.language,
    );
    if (context.role === 'secretariat')
      await this.settings.setCoverage(meetingId, memberId, {
        travelCovered: body.travelCovered === 'on',
        accommodationCovered: body.accommodationCovered === 'on',
      });
  }
}
