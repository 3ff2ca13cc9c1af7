import { labelledProblems } from './form-problems';
import { meetingIsOver } from './meeting-over';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/languages';
import { label } from '../common/i18n/labels';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { ApiError } from '../common/http/api-error';
import { formatDateTime, formatZone } from '../common/time/format';
import { POLL_ANSWERS } from '../meetings/date-option.entity';
import { AgendaService } from '../meetings/agenda.service';
import { InvitationsService } from '../meetings/invitations.service';
import { MeetingPollService } from '../meetings/meeting-poll.service';
import { MeetingRepository } from '../meetings/meeting.repository';
import type { MeetingView } from '../meetings/meeting.view';
import { MeetingsService } from '../meetings/meetings.service';
import { MinutesService } from '../meetings/minutes.service';
import type { MinutesView } from '../meetings/minutes.service';
import { hasLetter } from '../letters/letters.service';
import { MemberCards } from '../members/member-cards';
import type { Member } from '../members/member.entity';
import { choices } from './choices';
import type { MyPageFailure } from './my-page.service';
import { byField } from './forms';
import { MemberRecordService } from './member-record.service';
import { isNotFound } from './not-found';
import { ContentTexts } from '../common/i18n/content-texts';

const ANSWERS = ['accepted', 'declined', 'tentative', 'delegated'] as const;
const COMING = ['accepted', 'tentative'];

export function bothZones(iso: string, readerZone: string, meetingZone: string, language: Language) {
  const at = (zone: string) => `${formatDateTime(iso, zone, language)} (${formatZone(zone, iso, language)})`;
  return { reader: at(readerZone), meeting: readerZone === meetingZone ? null : at(meetingZone) };
}

/** A proposed date as a member reads it: its label, never without the date and time (or the period as written). */
export function optionWhen(
  option: { label: string | null; text: string | null; startsAt: string | null; endsAt: string | null },
  readerZone: string,
  meetingZone: string,
  language: Language,
): { label: string | null; when: string; meetingWhen: string | null } {
  if (!option.startsAt) return { label: option.label, when: option.text ?? '—', meetingWhen: null };
  const start = bothZones(option.startsAt, readerZone, meetingZone, language);
  if (!option.endsAt) return { label: option.label, when: start.reader, meetingWhen: start.meeting };
  const end = bothZones(option.endsAt, readerZone, meetingZone, language);
  return {
    label: option.label,
    when: t('mm.range', language, { start: start.reader, end: end.reader }),
    meetingWhen: start.meeting ? t('mm.range', language, { start: start.meeting, end: end.meeting! }) : null,
  };
}

export function mapUrl(place: string): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(place)}`;
}

/** A meeting as a participant (or a member of its body) sees it: never anyone's email. */
@Injectable()
export class MemberMeetingService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly meetings: MeetingsService,
    private readonly invitations: InvitationsService,
    private readonly agenda: AgendaService,
    private readonly minutes: MinutesService,
    private readonly poll: MeetingPollService,
    private readonly meetingRecords: MeetingRepository,
    private readonly cards: MemberCards,
    private readonly record: MemberRecordService,
  ) {}

  /** The meeting, or a 404 for a member who may not see it: its existence is not theirs to learn. */
  visible(id: string): Promise<MeetingView> {
    return this.hidden(() => this.meetings.get(id));
  }

  /** A record the reader may not see answers as one that does not exist (the page's 404). */
  async hidden<T>(load: () => Promise<T>): Promise<T> {
    try {
      return await load();
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === Number(HttpStatus.FORBIDDEN))
        throw new ApiError(HttpStatus.NOT_FOUND, 'Not found');
      throw error;
    }
  }

  async meeting(id: string, member: Member, language: Language, failure?: MyPageFailure) {
    const meeting = await this.visible(id);
    const zone = member.timeZone;
    const [people, agenda, minutes, substitutes, myItems] = await Promise.all([
      this.invitations.list(id),
      this.agenda.list(id),
      this.approvedMinutes(id),
      this.meetingRecords.substitutesOfferedTo(member),
      this.record.workPlanItems(member.id, { language, timeZone: zone }),
    ]);
    const mine = people.find((p) => p.memberId === member.id) ?? null;
    const names = new Map(people.map((p) => [p.memberId, p.fullName]));
    const countryPeople = people.filter(
      (p) => p.memberId !== member.id && p.countryCode === member.countryCode && COMING.includes(p.response),
    );
    const cards = await this.cards.of(
      member.id,
      countryPeople.map((p) => p.memberId),
      { anyOf: true },
    );
    const coming = new Map<string, number>();
    for (const p of people.filter((p) => COMING.includes(p.response)))
      coming.set(p.countryCode, (coming.get(p.countryCode) ?? 0) + 1);
    const over = meetingIsOver(meeting);
    const open =
      !over && (meeting.status === 'tentative' || meeting.status === 'postponed' || meeting.status === 'scheduled');
    const typed = failure?.form === 'answer' ? (failure.typed ?? {}) : null;
    const place = [meeting.location?.venue, meeting.location?.city, meeting.location?.countryCode]
      .filter(Boolean)
      .join(', ');
    const myItemIds = new Set(myItems.map((i) => i.id));
    const pollOpen =
      meeting.poll.openedAt !== null &&
      (meeting.status === 'tentative' || meeting.status === 'postponed') &&
      (!meeting.poll.closesAt || new Date(meeting.poll.closesAt) > new Date());
    return {
      id,
      title: this.texts.pick(meeting.title, language),
      certificateUrl: mine?.attended === true ? `/meetings/${id}/certificates/${member.id}.pdf` : null,
      letters:
        mine?.invitedAt && hasLetter(mine.response)
          ? { letter: `/meetings/${id}/letters/${member.id}.pdf`, details: `/meetings/${id}/letters/${member.id}` }
          : null,
      kindLabel: label('meetingKind', meeting.kind, language),
      statusLabel: label('meetingStatus', meeting.status, language),
      statusNote: this.statusNote(meeting, language),
      reason: meeting.statusReason ? t('mm.reason', language, { reason: meeting.statusReason }) : null,
      starts: meeting.startsAt ? bothZones(meeting.startsAt, zone, meeting.timeZone, language) : null,
      ends: meeting.endsAt ? bothZones(meeting.endsAt, zone, meeting.timeZone, language) : null,
      place: place || null,
      mapUrl: place ? mapUrl(place) : null,
      onlineUrl: meeting.onlineUrl,
      description: meeting.description,
      icsUrl: meeting.startsAt && meeting.status !== 'cancelled' ? `/meetings/${id}/calendar.ics` : null,
      pollUrl: pollOpen ? `/meetings/${id}/poll` : null,
      agenda: agenda.map((item) => ({
        title: this.texts.pick(item.title, language),
        duration: item.durationMinutes
          ? t('mp.agenda.minutes', language, { minutes: String(item.durationMinutes) })
          : null,
        presenter:
          item.presenterId && names.has(item.presenterId)
            ? t('mm.presenter', language, { name: names.get(item.presenterId)! })
            : null,
        documents: item.documents,
      })),
      answer: mine
        ? {
            current: over
              ? t(
                  mine.attended === true
                    ? 'mm.outcome.attended'
                    : mine.attended === false
                      ? 'mm.outcome.absent'
                      : 'mm.outcome.unrecorded',
                  language,
                )
              : t('mm.answer.current', language, {
                  answer: t(`my.response.${mine.response}` as MessageKey, language),
                }),
            substitute: mine.delegate ? t('mm.answer.substitute', language, { name: mine.delegate.fullName }) : null,
            open,
            dateless: open && meeting.startsAt === null ? `/meetings/${id}/poll` : null,
            legend: t('my.answer.for', language, { meeting: this.texts.pick(meeting.title, language) }),
            choices: choices(ANSWERS, typed?.response ?? mine.response, (value) =>
              t(`my.response.${value}` as MessageKey, language),
            ),
            substitutes: choices(
              substitutes.map((s) => s.id),
              typed?.delegateMemberId ?? mine.delegateMemberId,
              (sid) => substitutes.find((s) => s.id === sid)!.fullName,
            ),
            error:
              failure?.form === 'answer'
                ? labelledProblems(
                    failure.problems,
                    { response: t('my.answer', language), delegateMemberId: t('my.substitute', language) },
                    language,
                  )
                    .map((p) => p.message)
                    .join('; ')
                : '',
          }
        : null,
      country: {
        heading: t('mm.country.title', language, { country: member.countryCode }),
        people: countryPeople.map((p) => {
          const card = cards.get(p.memberId);
          return {
            name: p.fullName,
            organization: card?.organization ? this.texts.pick(card.organization.name, language) : null,
            roles: [...new Set((card?.roles ?? []).map((r) => label('membershipRole', r.role, language)))].join(', '),
            response: label('invitationResponse', p.response, language),
          };
        }),
      },
      countries: [...coming.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([country, count]) => t('mm.countries.count', language, { country, count })),
      minutes: minutes ? this.minutesShown(minutes, myItemIds, language) : null,
      minutesPending: !minutes && (meeting.status === 'held' || meeting.status === 'scheduled'),
    };
  }

  async pollPage(id: string, member: Member, language: Language, failure?: MyPageFailure) {
    const meeting = await this.visible(id);
    const zone = member.timeZone;
    const matrix = await this.poll.participantMatrix(id, member.id);
    const options =
      matrix?.options ??
      (await this.poll.options(id)).map((o) => ({
        id: o.id,
        label: o.label,
        text: o.text,
        startsAt: o.startsAt?.toISOString() ?? null,
        endsAt: o.endsAt?.toISOString() ?? null,
      }));
    const mine = matrix?.participants.find((p) => p.memberId === member.id) ?? null;
    const decided = meeting.status !== 'tentative' && meeting.status !== 'postponed';
    const closed = meeting.poll.closesAt !== null && new Date(meeting.poll.closesAt) <= new Date();
    const editable = mine !== null && meeting.poll.openedAt !== null && !decided && !closed;
    const typed = failure?.form === 'poll' ? (failure.typed ?? {}) : {};
    const errors = failure?.form === 'poll' ? byField(failure.problems) : {};
    const closes = meeting.poll.closesAt
      ? bothZones(meeting.poll.closesAt, zone, meeting.timeZone, language).reader
      : null;
    return {
      id,
      title: this.texts.pick(meeting.title, language),
      heading: t('mm.poll.title', language, { title: this.texts.pick(meeting.title, language) }),
      state:
        meeting.status === 'cancelled'
          ? t('mm.cancelled', language)
          : decided
            ? t('mm.poll.decided', language)
            : closed
              ? t('mm.poll.closed', language)
              : !meeting.poll.openedAt
                ? t('mm.poll.notOpen', language)
                : !mine
                  ? t('mm.poll.notAsked', language)
                  : t('mm.poll.open', language),
      closes: closes && !decided ? t('mm.poll.closes', language, { date: closes }) : null,
      editable,
      error: errors.poll ?? '',
      options: options.map((o) => {
        const name = `option.${o.id}`;
        const shown = optionWhen(o, zone, meeting.timeZone, language);
        const answer = mine?.answers[o.id] ?? null;
        return {
          name,
          ...shown,
          answer: t('mm.poll.myAnswer', language, {
            answer: answer ? label('pollAnswer', answer, language) : t('mm.poll.noAnswer', language),
          }),
          choices: choices(POLL_ANSWERS, typed[name] ?? answer, (value) => label('pollAnswer', value, language)),
          error: errors[name] ?? null,
        };
      }),
    };
  }

  private statusNote(meeting: MeetingView, language: Language): string | null {
    if (meeting.status === 'cancelled') return t('mm.cancelled', language);
    if (meeting.status === 'postponed') return t('mm.postponed', language);
    if (meeting.status === 'held') return t('mm.held', language);
    return null;
  }

  private minutesShown(minutes: MinutesView, myItemIds: Set<string>, language: Language) {
    const mine = minutes.decisions.flatMap((d) =>
      d.actionItems.flatMap((a, i) =>
        myItemIds.has(d.workPlanItemIds[i])
          ? [
              {
                decision: t('mm.decision', language, { label: d.label }),
                text: t('mp.minutes.actions', language, { activity: a.activity, deadline: a.deadline ?? '—' }),
                itemId: d.workPlanItemIds[i],
              },
            ]
          : [],
      ),
    );
    return {
      text: minutes.text,
      decisions: minutes.decisions.map((d) => ({
        heading: t('mm.decision', language, { label: d.label }),
        text: d.text,
        actions: d.actionItems.map((a) =>
          t('mp.minutes.actions', language, { activity: a.activity, deadline: a.deadline ?? '—' }),
        ),
      })),
      mine,
    };
  }

  /** Members read the minutes once approved; a draft is the secretariat's. */
  private async approvedMinutes(id: string): Promise<MinutesView | null> {
    try {
      const minutes = await this.minutes.get(id);
      return minutes.status === 'approved' ? minutes : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}
