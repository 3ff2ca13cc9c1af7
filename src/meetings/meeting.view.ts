import type { MeetingDocumentDeadlines } from '../document-distribution/distribution-rule';
import { pickText, textsOf } from '../common/i18n/content-text';
import type { FallbackChain, Translations } from '../common/i18n/content-text';
import type { Language, LocalizedText } from '../common/i18n/languages';
import { wallClockIso } from '../common/time/dates';
import type { Meeting, MeetingKind, MeetingStatus, MeetingTranslated } from './meeting.entity';

export interface MeetingView {
  id: string;
  bodyId: string;
  kind: MeetingKind;
  number: number | null;
  title: LocalizedText;
  timeZone: string;
  startsAt: string | null;
  endsAt: string | null;
  /** The same instants as wall-clock time where the meeting happens, e.g. 2019-12-03T10:00:00+01:00. */
  local: { startsAt: string | null; endsAt: string | null };
  location: { venue: string | null; city: string | null; countryCode: string | null } | null;
  onlineUrl: string | null;
  description: string | null;
  originalLanguage: Language | null;
  translations: Translations<MeetingTranslated>;
  status: MeetingStatus;
  statusReason: string | null;
  sequence: number;
  poll: { openedAt: string | null; closesAt: string | null };
  documentDeadlines: MeetingDocumentDeadlines | null;
  createdAt: string;
  updatedAt: string;
}

const local = (date: Date | null, zone: string) => (date ? wallClockIso(date, zone) : null);

export function toMeetingView(meeting: Meeting): MeetingView {
  const hasLocation = meeting.venue !== null || meeting.city !== null || meeting.countryCode !== null;
  return {
    id: meeting.id,
    bodyId: meeting.bodyId,
    kind: meeting.kind,
    number: meeting.number,
    title: meeting.title,
    timeZone: meeting.timeZone,
    startsAt: meeting.startsAt?.toISOString() ?? null,
    endsAt: meeting.endsAt?.toISOString() ?? null,
    local: { startsAt: local(meeting.startsAt, meeting.timeZone), endsAt: local(meeting.endsAt, meeting.timeZone) },
    location: hasLocation ? { venue: meeting.venue, city: meeting.city, countryCode: meeting.countryCode } : null,
    onlineUrl: meeting.onlineUrl,
    description: meeting.description,
    originalLanguage: meeting.originalLanguage,
    translations: meeting.translations ?? {},
    status: meeting.status,
    statusReason: meeting.statusReason,
    sequence: meeting.sequence,
    poll: {
      openedAt: meeting.pollOpenedAt?.toISOString() ?? null,
      closesAt: meeting.pollClosesAt?.toISOString() ?? null,
    },
    documentDeadlines: meeting.documentDeadlines ?? null,
    createdAt: meeting.createdAt.toISOString(),
    updatedAt: meeting.updatedAt.toISOString(),
  };
}

type MeetingTexts = Pick<Meeting, 'venue' | 'city' | 'description' | 'originalLanguage' | 'translations'>;

/** A meeting's description, venue or city in the reader's language, else the fallback chain's; null when it has none. */
export function meetingText(
  meeting: MeetingTexts,
  field: MeetingTranslated,
  reader: Language,
  chain: FallbackChain,
): string | null {
  return (
    pickText(textsOf(meeting[field], meeting.originalLanguage, meeting.translations, field), reader, chain) || null
  );
}

/** "Hotel Kazakhstan, Almaty, KZ" for emails and calendars, in the reader's language. */
export function locationText(
  meeting: MeetingTexts & Pick<Meeting, 'countryCode'>,
  reader: Language,
  chain: FallbackChain,
): string | null {
  const parts = [
    meetingText(meeting, 'venue', reader, chain),
    meetingText(meeting, 'city', reader, chain),
    meeting.countryCode,
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : null;
}
