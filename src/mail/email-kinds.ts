import type { Language } from '../common/i18n/languages';

/** Every email the service sends; each has a template folder templates/email/<kind>/. */
export const EMAIL_KINDS = [
  'meeting-poll',
  'meeting-invitation',
  'meeting-update',
  'meeting-cancellation',
  'meeting-postponement',
  'substitute-withdrawn',
  'substitute-proposal-received',
  'substitute-proposal-approved',
  'substitute-proposal-refused',
  'minutes-available',
  'meeting-reminder',
  'meeting-rsvp-chase',
  'poll-chase',
  'item-due-soon',
  'item-due-today',
  'item-overdue',
  'item-escalation',
  'digest',
  'secretariat-digest',
  'sign-in-link',
  'documents-available',
  'documents-due',
  'document-chase',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export interface ActionLink {
  label: string;
  url: string;
}

export interface MeetingView {
  title: string;
  kind: string;
  number: number | null;
  startsAt: string | null;
  endsAt: string | null;
  timeZone: string;
  location: string | null;
  onlineUrl: string | null;
  description: string | null;
  status: 'tentative' | 'scheduled' | 'held' | 'cancelled' | 'postponed';
  reason: string | null;
  url: string;
}

export interface ItemView {
  activity: string;
  deadlineText: string;
  dueAt: string | null;
  executor: string | null;
  countries: string[];
  url: string;
}

/**
 * One document in an email: the language versions the reader can open, each by its own signed link.
 * `language`: the reader knew the document and only new language versions are added, named in `addedLanguages`.
 */
export interface DocumentLine {
  title: string;
  symbol: string | null;
  change: 'new' | 'revised' | 'language';
  addedLanguages?: string | null;
  files: { languageName: string; revision: number; url: string }[];
}

/** A body's standing library, where a document belongs to no meeting. */
export interface LibraryView {
  title: string;
  url: string;
}

export interface ProposedPerson {
  fullName: string;
  email: string;
  organization: string;
  position: string | null;
  /** The language they will be written to in, named in the reader's language. */
  languageName: string;
}

export interface Common {
  language: Language;
  recipient: { fullName: string; timeZone: string };
  appUrl: string;
  preferencesUrl?: string | null;
  /** Non-essential mail carries it (List-Unsubscribe too). */
  unsubscribeUrl?: string | null;
}

export interface EmailData {
  'meeting-poll': Common & {
    meeting: MeetingView;
    poll: {
      closesAt: string | null;
      url: string;
      options: {
        label: string;
        startsAt: string | null;
        endsAt: string | null;
        text: string | null;
        links: ActionLink[];
      }[];
    };
  };
  /** `fromPoll`: the answer is the one the recipient gave in the date poll for this date. */
  /** `letterUrl`: a signed link downloading the recipient's invitation letter (PDF), once the date is set. */
  'meeting-invitation': Common & {
    meeting: MeetingView;
    response: string;
    fromPoll: boolean;
    links: ActionLink[];
    letterUrl?: string | null;
  };
  'meeting-update': Common & {
    meeting: MeetingView;
    previous: { startsAt: string | null; endsAt: string | null; location: string | null; onlineUrl: string | null };
    links: ActionLink[];
  };
  'meeting-cancellation': Common & { meeting: MeetingView };
  'meeting-postponement': Common & { meeting: MeetingView };
  /** To a substitute no longer sent: `substituteFor` is the member who had named them. */
  'substitute-withdrawn': Common & { meeting: MeetingView; substituteFor: string };
  /** To the secretariat: `proposer` asks that `candidate` come in their place. */
  'substitute-proposal-received': Common & {
    meeting: MeetingView;
    proposer: { fullName: string; countryCode: string };
    candidate: ProposedPerson;
    reviewUrl: string;
  };
  'substitute-proposal-approved': Common & { meeting: MeetingView; candidate: ProposedPerson };
  'substitute-proposal-refused': Common & { meeting: MeetingView; candidate: ProposedPerson; reason: string | null };
  'minutes-available': Common & {
    meeting: MeetingView;
    minutesUrl: string;
    decisions: { label: string; text: string }[];
  };
  'meeting-reminder': Common & { meeting: MeetingView; daysBefore: number; response: string; links: ActionLink[] };
  'meeting-rsvp-chase': Common & { meeting: MeetingView; daysBefore: number; links: ActionLink[] };
  'poll-chase': Common & { meeting: MeetingView; poll: { closesAt: string | null; url: string } };
  'item-due-soon': Common & { item: ItemView; daysLeft: number; links: ActionLink[] };
  'item-due-today': Common & { item: ItemView; links: ActionLink[] };
  'item-overdue': Common & { item: ItemView; weeksOverdue: number; links: ActionLink[] };
  'item-escalation': Common & { item: ItemView; weeksOverdue: number; responsible: string[] };
  digest: Common & {
    period: 'daily' | 'weekly';
    entries: { kind: EmailKind; title: string; when: string | null; url: string }[];
  };
  'secretariat-digest': Common & {
    from: string;
    to: string;
    meetings: { title: string; startsAt: string | null; accepted: number; invited: number; url: string }[];
    deadlines: { activity: string; dueAt: string | null; deadlineText: string; executor: string | null; url: string }[];
    overdueByExecutor: { executor: string; count: number }[];
    overdueByCountry: { country: string; count: number }[];
    unanswered: { meeting: string; member: string; country: string }[];
    failed: { recipient: string; kind: string; error: string | null }[];
  };
  'sign-in-link': Common & { url: string; expiresMinutes: number };
  /** `revised`: every document listed is a revision of one the reader was told of before. */
  'documents-available': Common & {
    meeting: MeetingView | null;
    library: LibraryView | null;
    revised: boolean;
    groups: { heading: string | null; documents: DocumentLine[] }[];
  };
  /** To the secretariat: documents not yet published in a required language as a deadline nears. */
  'documents-due': Common & {
    meeting: MeetingView;
    deadline: 'documents' | 'translations';
    dueAt: string;
    daysLeft: number;
    documents: { title: string; symbol: string | null; missing: string[]; url: string }[];
  };
  'document-chase': Common & { meeting: MeetingView | null; library: LibraryView | null; document: DocumentLine };
}

export function emailCommon(
  recipient: { language: Language; fullName: string; timeZone: string },
  appUrl: string,
  preferencesUrl?: string | null,
): Common {
  return {
    language: recipient.language,
    recipient: { fullName: recipient.fullName, timeZone: recipient.timeZone },
    appUrl,
    preferencesUrl: preferencesUrl ?? null,
  };
}
