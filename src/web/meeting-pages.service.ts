import { personChoice } from './person-choice';
import { Inject, Injectable } from '@nestjs/common';
import { BodyRepository } from '../bodies/body.repository';
import type { FieldProblem } from '../common/http/api-error';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { textsOf } from '../common/i18n/content-text';
import type { Translations } from '../common/i18n/content-text';
import { locationText, meetingText } from '../meetings/meeting.view';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { label } from '../common/i18n/labels';
import { todayIn } from '../common/time/dates';
import { formatDate, formatDateTime, formatDateTimeInZone, formatZone } from '../common/time/format';
import { AgendaService } from '../meetings/agenda.service';
import { InvitationsService, representationOf } from '../meetings/invitations.service';
import { MeetingPollService } from '../meetings/meeting-poll.service';
import { POLL_ANSWERS } from '../meetings/date-option.entity';
import { MEETING_KINDS } from '../meetings/meeting.entity';
import { MeetingRepository } from '../meetings/meeting.repository';
import type { MeetingView } from '../meetings/meeting.view';
import { MeetingsService } from '../meetings/meetings.service';
import { MinutesService } from '../meetings/minutes.service';
import type { MinutesView } from '../meetings/minutes.service';
import { MemberRepository } from '../members/member.repository';
import { calendarMonth, placeEntries } from './calendar-month';
import type { CalendarEntry } from './calendar-month';
import { dateOptionLabel } from './date-option-label';
import { dateOptionNotes } from './date-option-notes';
import { byField } from './forms';
import { listOf, TIME_ZONES, wallTime } from './meeting-form-values';
import { meetingFormProblems } from './meeting-form-labels';
import { meetingIsOver } from './meeting-over';
import { MinutesPageService } from './minutes-page.service';
import { isNotFound } from './not-found';
import { letterLinks } from './letter-links';
import { paperLinks } from './paper-links';
import { PapersService } from '../papers/papers.service';
import type { FormBody } from './meeting-form-values';
import { ContentTexts } from '../common/i18n/content-texts';

export interface FailedForm {
  form: string;
  values: FormBody;
  problems: FieldProblem[];
}

/** Success sentences a redirect may name (?done=…); nothing else from the address is ever shown. */
const DONE = [
  'created',
  'updated',
  'option_added',
  'option_removed',
  'poll_opened',
  'poll_answered',
  'confirmed',
  'invited',
  'answered',
  'attendance',
  'agenda_added',
  'agenda_moved',
  'agenda_removed',
  'minutes_saved',
  'minutes_approved',
  'participants_published',
  'participants_unchanged',
  'minutes_published',
  'minutes_unchanged',
  'held',
  'reminded',
  'cancelled',
  'postponed',
] as const;
export const ENDINGS = ['cancel', 'postpone'] as const;
export type Ending = (typeof ENDINGS)[number];
/** Blank decision rows the minutes form offers beyond those written. */
const SPARE_DECISIONS = 2;

type FormSection = { values: FormBody; errors: Record<string, string> };

/** Meeting texts the forms take in Russian and Kazakh besides the original. */
const TRANSLATION_BOXES = (['description', 'venue', 'city'] as const).flatMap((field) =>
  (['ru', 'kk'] as const).map((lang) => ({ field, lang })),
);

@Injectable()
export class MeetingPagesService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly meetingRecords: MeetingRepository,
    private readonly bodies: BodyRepository,
    private readonly memberRecords: MemberRepository,
    private readonly meetings: MeetingsService,
    private readonly poll: MeetingPollService,
    private readonly invitations: InvitationsService,
    private readonly agenda: AgendaService,
    private readonly minutes: MinutesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly minutesPage: MinutesPageService,
    private readonly papers: PapersService,
  ) {}

  doneSentence(query: Record<string, unknown>, language: Language): string | null {
    const done = DONE.find((key) => key === query.done);
    if (!done) return null;
    const count = (value: unknown) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? value : '0');
    return t(`mp.done.${done}`, language, {
      invited: count(query.invited),
      already: count(query.already),
      revision: count(query.revision),
    });
  }

  async list(language: Language, zone: string, now = new Date()) {
    const page = await this.meetings.list({ limit: 200, offset: 0 });
    const counts = await this.meetingRecords.answerCounts(page.items.map((m) => m.id));
    const row = (m: MeetingView) => {
      const c = counts.get(m.id);
      return {
        id: m.id,
        title: this.texts.pick(m.title, language),
        when: m.startsAt ? formatDateTimeInZone(m.startsAt, zone, language) : null,
        status: label('meetingStatus', m.status, language),
        tentative: m.status === 'tentative',
        answers:
          c && c.invited > 0
            ? t('mp.list.answers', language, {
                accepted: String(c.accepted),
                invited: String(c.invited),
                pending: String(c.pending),
              })
            : null,
        polled:
          c && m.poll.openedAt && c.asked > 0
            ? t('mp.list.polled', language, { answered: String(c.answered), asked: String(c.asked) })
            : null,
      };
    };
    const isPast = (m: MeetingView) => new Date(m.endsAt ?? m.startsAt!) < now;
    const dated = page.items.filter((m) => m.startsAt !== null);
    return {
      upcoming: dated.filter((m) => !isPast(m)).map(row),
      past: dated.filter(isPast).reverse().map(row),
      undated: page.items.filter((m) => m.startsAt === null).map(row),
      calendarMonth: todayIn(zone, now).slice(0, 7),
    };
  }

  async calendar(month: string, language: Language, zone: string, now = new Date()) {
    const grid = calendarMonth(month, zone, language, todayIn(zone, now));
    const page = await this.meetings.list({ from: grid.from, to: grid.to, limit: 200, offset: 0 });
    const entries = page.items
      .filter((m) => m.startsAt !== null && m.status !== 'cancelled')
      .map((m) => ({
        id: m.id,
        title: this.texts.pick(m.title, language),
        startsAt: m.startsAt!,
        endsAt: m.endsAt,
        tentative: m.status === 'tentative' || m.status === 'postponed',
      }));
    const placed = placeEntries(
      grid,
      [...entries, ...(await this.proposedDates(grid.from, grid.to, language))],
      zone,
      language,
    );
    const inMonth = placed.weeks.flat().filter((d) => d.inMonth && d.entries.length > 0);
    return {
      ...placed,
      heading: t('mp.calendar.title', language, { month: placed.label }),
      zoneLine: t('mp.calendar.zone', language, { zone }),
      listed: inMonth.map((d) => ({ date: formatDate(`${d.date}T12:00:00Z`, 'UTC', language), entries: d.entries })),
    };
  }

  private async proposedDates(from: string, to: string, language: Language): Promise<CalendarEntry[]> {
    const options = await this.meetingRecords.proposedDatesBetween(from, to);
    return options.map((o) => ({
      id: o.meetingId,
      title: o.label
        ? `${this.texts.pick(o.meeting!.title, language)} (${o.label})`
        : this.texts.pick(o.meeting!.title, language),
      startsAt: o.startsAt!.toISOString(),
      endsAt: o.endsAt?.toISOString() ?? null,
      tentative: true,
      option: true,
    }));
  }

  async endingForm(
    id: string,
    ending: Ending,
    language: Language,
    zone: string,
    values: FormBody = {},
    problems: FieldProblem[] = [],
  ) {
    const meeting = await this.meetings.get(id);
    const title = this.texts.pick(meeting.title, language);
    return {
      id,
      ending,
      heading: t(`mp.end.${ending}.title`, language, { title }),
      when: meeting.startsAt ? formatDateTimeInZone(meeting.startsAt, zone, language) : '—',
      status: label('meetingStatus', meeting.status, language),
      lead: t(`mp.end.${ending}.lead`, language),
      button: t(`mp.end.${ending}.button`, language),
      reason: typeof values.reason === 'string' ? values.reason : '',
      errors: byField(problems),
      problems,
    };
  }

  /** The body a new meeting form starts with: the one asked for, or the only one. */
  async defaultBody(asked: string | null): Promise<{ id: string; timeZone: string } | null> {
    const bodies = await this.bodies.all();
    return bodies.find((b) => b.id === asked) ?? (bodies.length === 1 ? bodies[0] : null);
  }

  async bodyZone(bodyId: unknown): Promise<string | null> {
    if (typeof bodyId !== 'string') return null;
    return (await this.bodies.all()).find((b) => b.id === bodyId)?.timeZone ?? null;
  }

  /** The choices of the create and edit forms, with what was typed (or what is stored) kept. */
  async meetingForm(language: Language, values: FormBody, apiProblems: FieldProblem[] = []) {
    const problems = meetingFormProblems('meeting', apiProblems, language);
    const bodies = await this.bodies.all();
    const zone = typeof values.timeZone === 'string' ? values.timeZone.trim() : '';
    return {
      values,
      problems,
      errors: byField(problems),
      zones: TIME_ZONES,
      zoneNote: t('mp.form.zone.note', language, { zone: zone || '—' }),
      zoneTemplate: t('mp.form.zone.note', language, { zone: '{zone}' }),
      bodies: bodies.map((b) => ({
        id: b.id,
        name: this.texts.pick(b.name, language),
        zone: b.timeZone,
        selected: b.id === values.bodyId,
      })),
      kinds: MEETING_KINDS.map((kind) => ({
        value: kind,
        label: label('meetingKind', kind, language),
        selected: kind === values.kind,
      })),
      translations: TRANSLATION_BOXES.map(({ field, lang }) => {
        const name = `translations.${lang}.${field}`;
        return {
          name,
          id: `f-${field}-${lang}`,
          lang,
          label: t(`mp.form.${field}.${lang}`, language),
          value: typeof values[name] === 'string' ? values[name] : '',
          error: byField(problems)[name] ?? null,
          long: field === 'description',
        };
      }),
    };
  }

  editValues(meeting: MeetingView): FormBody {
    return {
      kind: meeting.kind,
      number: meeting.number === null ? '' : String(meeting.number),
      'title.en': meeting.title.en ?? '',
      'title.ru': meeting.title.ru ?? '',
      'title.kk': meeting.title.kk ?? '',
      timeZone: meeting.timeZone,
      startsAt: wallTime(meeting.startsAt, meeting.timeZone),
      endsAt: wallTime(meeting.endsAt, meeting.timeZone),
      'location.venue': meeting.location?.venue ?? '',
      'location.city': meeting.location?.city ?? '',
      'location.countryCode': meeting.location?.countryCode ?? '',
      onlineUrl: meeting.onlineUrl ?? '',
      description: meeting.description ?? '',
      'documentDeadlines.documentsDays': String(meeting.documentDeadlines?.documentsDays ?? ''),
      'documentDeadlines.translationsDays': String(meeting.documentDeadlines?.translationsDays ?? ''),
      ...Object.fromEntries(
        TRANSLATION_BOXES.map(({ field, lang }) => [
          `translations.${lang}.${field}`,
          meeting.translations[lang]?.[field] ?? '',
        ]),
      ),
    };
  }

  async meeting(id: string, language: Language, zone: string, failed?: FailedForm) {
    const meeting = await this.meetings.get(id);
    const [matrix, people, agenda, minutes, members, minutesLanguages, delegates] = await Promise.all([
      this.poll.matrix(id),
      this.invitations.list(id),
      this.agenda.list(id),
      this.minutesOrNull(id),
      this.memberRecords.activeByCountry(),
      this.papers.minutesLanguages(id),
      this.memberRecords.servingDelegatesByCountry(),
    ]);
    const when = (iso: string | null) => (iso ? formatDateTimeInZone(iso, zone, language) : '—');
    const sections: Record<string, { values: FormBody; errors: Record<string, string> }> = {};
    const problems = failed ? meetingFormProblems(failed.form, failed.problems, language) : [];
    if (failed) sections[failed.form] = { values: failed.values, errors: byField(problems) };
    const section = (form: string) => sections[form] ?? { values: {}, errors: {} };
    const chosen = (form: string) => new Set(listOf(section(form).values.memberIds));
    // Invited members are in the participant list already: the pickers offer only the others.
    const invited = new Set(people.map((p) => p.memberId));
    const notInvited = members.filter((m) => !invited.has(m.id));
    const memberChoices = (form: string) => {
      const checked = chosen(form);
      return notInvited.map((m) => ({
        id: m.id,
        name: m.fullName,
        country: m.countryCode,
        checked: checked.has(m.id),
      }));
    };
    const open = meeting.status === 'tentative' || meeting.status === 'postponed';
    const held = meeting.status === 'held';
    const over = meetingIsOver(meeting);
    const dated = meeting.status === 'scheduled' || meeting.status === 'held';
    const titleOf = (text: Record<string, string | undefined>) => this.texts.pick(text, language);
    const texts = {
      venue: meeting.location?.venue ?? null,
      city: meeting.location?.city ?? null,
      countryCode: meeting.location?.countryCode ?? null,
      description: meeting.description,
      originalLanguage: meeting.originalLanguage,
      translations: meeting.translations,
    };
    const memberName = new Map(members.map((m) => [m.id, m.fullName]));
    const order = agenda.map((a) => a.id);
    const moved = (from: number, to: number) => {
      const next = [...order];
      [next[from], next[to]] = [next[to], next[from]];
      return next.join(',');
    };
    // One label per answer, not one lookup per cell: the matrix of 500 invitees has thousands of cells.
    const answerLabels = new Map(POLL_ANSWERS.map((value) => [value as string, label('pollAnswer', value, language)]));
    const answerCell = (answer: string | null) =>
      answer ? { value: answer, label: answerLabels.get(answer) ?? answer } : { value: 'none', label: '—' };
    const invitedCountries = new Set(people.map((p) => p.countryCode).filter((c): c is string => Boolean(c)));
    const optionLabel = (o: { label: string | null; text: string | null; startsAt: string | null }) =>
      dateOptionLabel(o, zone, language);
    return {
      id,
      title: titleOf(meeting.title),
      status: meeting.status,
      statusLabel: label('meetingStatus', meeting.status, language),
      kindLabel: label('meetingKind', meeting.kind, language),
      whenReader: when(meeting.startsAt),
      whenMeeting:
        meeting.startsAt && zone !== meeting.timeZone
          ? `${formatDateTime(meeting.startsAt, meeting.timeZone, language)} (${formatZone(meeting.timeZone, meeting.startsAt, language)}, ${t('mp.zone.meeting', language)})`
          : null,
      where: locationText(texts, language, this.config.contentLanguageFallback) ?? '',
      description: meetingText(texts, 'description', language, this.config.contentLanguageFallback),
      onlineUrl: meeting.onlineUrl,
      failed: failed ? failed.form : null,
      problems,
      sections,
      can: {
        edit: meeting.status !== 'cancelled' && meeting.status !== 'held',
        cancel: meeting.status !== 'cancelled' && meeting.status !== 'held',
        postpone: meeting.status === 'tentative' || meeting.status === 'scheduled',
        options: open,
        poll: open && matrix.options.length > 0 && meeting.poll.openedAt === null,
        confirm: open && (matrix.options.length > 0 || meeting.startsAt !== null),
        invite: meeting.status !== 'cancelled' && meeting.status !== 'held',
        answer: !over && (open || meeting.status === 'scheduled') && meeting.startsAt !== null && people.length > 0,
        pollAnswer: open && matrix.options.length > 0 && people.length > 0,
        attendance: dated && people.length > 0,
        held: meeting.status === 'scheduled',
        agenda: meeting.status !== 'cancelled' && !held,
        minutes: dated && minutes?.status !== 'approved',
        approve: minutes?.status === 'draft',
      },
      closed: meeting.status === 'cancelled',
      inviteLead: t(
        meeting.status === 'scheduled'
          ? 'mp.invite.lead.scheduled'
          : meeting.startsAt && meeting.status === 'tentative'
            ? 'mp.invite.lead.saveTheDate'
            : 'mp.invite.lead.tentative',
        language,
      ),
      options: matrix.options.map((o) => ({
        id: o.id,
        label: optionLabel(o),
        notes: dateOptionNotes(o, meeting.timeZone, invitedCountries, language).join('; '),
        timed: o.startsAt !== null,
        removeLabel: t('mp.options.remove', language, { label: optionLabel(o) }),
        selected: section('confirm').values.dateOptionId === o.id,
      })),
      poll: {
        opened: meeting.poll.openedAt ? t('mp.poll.opened', language, { date: when(meeting.poll.openedAt) }) : null,
        closes: meeting.poll.closesAt ? t('mp.poll.closes', language, { date: when(meeting.poll.closesAt) }) : null,
        options: matrix.options.map((o) => ({
          label: optionLabel(o),
          canCome: o.canCome,
          countries: o.countriesCanCome.join(', '),
        })),
        rows: matrix.participants.map((p) => ({
          id: p.memberId,
          name: p.fullName,
          country: p.countryCode,
          answers: matrix.options.map((o) => answerCell(p.answers[o.id])),
        })),
        answers: POLL_ANSWERS.map((value) => ({ value, label: label('pollAnswer', value, language) })),
      },
      flags: this.nobodyComing(representationOf(id, people), people, language),
      countries: [...new Set(people.map((p) => p.countryCode))].sort().map((code) => ({
        code,
        people: people
          .filter((p) => p.countryCode === code)
          .map((p) => ({
            id: p.memberId,
            name: p.fullName,
            response: held
              ? t(
                  p.attended === true
                    ? 'mp.outcome.attended'
                    : p.attended === false
                      ? 'mp.outcome.absent'
                      : 'mp.outcome.unrecorded',
                  language,
                )
              : label('invitationResponse', p.response, language),
            substitute: p.delegate ? t('mp.substitute', language, { name: p.delegate.fullName }) : null,
            note: p.note,
            attended: !held && p.attended === true,
          })),
      })),
      papers: paperLinks(id, people, minutesLanguages, language),
      letters: letterLinks(id, people),
      participants: people.map((p) => ({
        id: p.memberId,
        name: p.fullName,
        country: p.countryCode,
        attended: p.attended === true,
        choice: personChoice(p.fullName, p.countryCode, p.memberId),
      })),
      responses: (['accepted', 'declined', 'tentative', 'delegated'] as const).map((value) => ({
        value,
        label: label('invitationResponse', value, language),
        selected: section('answer').values.response === value,
      })),
      members: {
        poll: memberChoices('poll'),
        invite: memberChoices('invite'),
        all: members.map((m) => ({ choice: personChoice(m.fullName, m.countryCode, m.id) })),
        substitutes: delegates.map((m) => ({ choice: personChoice(m.fullName, m.countryCode, m.id) })),
      },
      agenda: agenda.map((item, i) => {
        const title = titleOf(item.title);
        return {
          id: item.id,
          title,
          duration: item.durationMinutes
            ? t('mp.agenda.minutes', language, { minutes: String(item.durationMinutes) })
            : null,
          presenter: item.presenterId ? (memberName.get(item.presenterId) ?? null) : null,
          up: i > 0 ? { order: moved(i, i - 1), label: t('mp.agenda.up', language, { title }) } : null,
          down:
            i < agenda.length - 1 ? { order: moved(i, i + 1), label: t('mp.agenda.down', language, { title }) } : null,
          removeLabel: t('mp.agenda.remove', language, { title }),
        };
      }),
      minutes: minutes ? this.minutesShown(minutes, language, zone) : null,
      remind: {
        poll: open && meeting.poll.openedAt !== null && people.length > 0,
        invitation:
          !over &&
          meeting.status === 'scheduled' &&
          people.some((p) => p.invitedAt !== null && p.response === 'pending'),
        lead: t('chase.lead', language, { hours: String(Math.round(this.config.remindNowIntervalMinutes / 6) / 10) }),
        error: sections.remind?.errors.about ?? null,
      },
      minutesForm: await this.minutesForms(minutes, section('minutes'), language),
      approveForm: await this.minutesPage.approveForm(meeting.bodyId, minutes, section('approve'), language),
    };
  }

  /** Central Asian countries with nobody coming, once invitations are out (a poll alone invites nobody). */
  private nobodyComing(
    representation: ReturnType<typeof representationOf>,
    people: { invitedAt: string | Date | null }[],
    language: Language,
  ): string[] {
    if (!people.some((p) => p.invitedAt !== null)) return [];
    return representation.flags.map(
      ({ countryCode, reason }) => `${countryCode} (${t(`guard.flag.${reason}`, language)})`,
    );
  }

  private async minutesForms(minutes: MinutesView | null, typed: FormSection, language: Language) {
    const form = this.minutesForm(minutes, typed, language);
    return { ...form, decisions: await this.minutesPage.withPeople(form.decisions, minutes, typed, language) };
  }

  private minutesShown(minutes: MinutesView, language: Language, zone: string) {
    const inReader = (text: string, translations: Translations<'text'> | undefined) =>
      this.texts.pick(textsOf(text, minutes.originalLanguage, translations, 'text'), language);
    return {
      text: inReader(minutes.text, minutes.translations),
      state:
        minutes.status === 'approved'
          ? t('mp.minutes.approvedOn', language, {
              date: formatDateTimeInZone(minutes.approvedAt!, zone, language),
              name: minutes.approvedBy ?? '',
            })
          : t('mp.minutes.draft', language),
      decisions: minutes.decisions.map((d) => ({
        label: d.label,
        text: inReader(d.text, d.translations),
        actions: d.actionItems.map((a) =>
          t('mp.minutes.actions', language, {
            activity: this.texts.pick(
              textsOf(a.activity, minutes.originalLanguage, a.translations, 'activity'),
              language,
            ),
            deadline: a.deadline ?? '—',
          }),
        ),
      })),
    };
  }

  private minutesForm(
    minutes: MinutesView | null,
    { values: typed, errors }: { values: FormBody; errors: Record<string, string> },
    language: Language,
  ) {
    const stored = minutes?.decisions ?? [];
    const typedRows = Object.keys(typed).filter((k) => /^decisions\.\d+\.text$/.test(k)).length;
    const rows = Math.max(stored.length, typedRows) + SPARE_DECISIONS;
    const typedOr = (name: string, fallback: string | undefined) =>
      Object.keys(typed).length ? String((typed[name] as string | undefined) ?? '') : (fallback ?? '');
    return {
      text: typedOr('text', minutes?.text),
      decisions: Array.from({ length: rows }, (_, i) => {
        const n = String(i + 1);
        const action = stored[i]?.actionItems[0];
        return {
          index: i,
          legend: t('mp.minutes.decision', language, { n }),
          textLabel: t('mp.minutes.decision.text', language, { n }),
          actionLabel: t('mp.minutes.action', language, { n }),
          text: typedOr(`decisions.${i}.text`, stored[i]?.text),
          activity: typedOr(`decisions.${i}.actionItems.0.activity`, action?.activity),
          deadline: typedOr(`decisions.${i}.actionItems.0.deadline`, action?.deadline),
          textError: errors[`decisions.${i}.text`] ?? null,
          activityError: errors[`decisions.${i}.actionItems.0.activity`] ?? null,
          deadlineError: errors[`decisions.${i}.actionItems.0.deadline`] ?? null,
        };
      }),
    };
  }

  private async minutesOrNull(id: string): Promise<MinutesView | null> {
    try {
      return await this.minutes.get(id);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}
