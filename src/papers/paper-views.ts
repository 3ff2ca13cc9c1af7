import type { Language } from '../common/i18n/languages';
import type { ParticipantGroup } from './participant-groups';

/** How every paper names its meeting: title, its place in the series, when and where, all in the paper's language. */
export interface MeetingHeading {
  language: Language;
  bodyName: string;
  /** "9th meeting of the Working Group (WGECC)", or null for an unnumbered meeting. */
  numbered: string | null;
  title: string;
  /** Dates and times in the meeting's zone, the zone named. */
  when: string;
  place: string;
  /** The PDF's creation date in its metadata: the meeting's start (or 1970 without one), never "now". */
  dated: Date;
}

export interface PeoplePaper {
  meeting: MeetingHeading;
  groups: ParticipantGroup[];
  affiliation: (person: ParticipantGroup['people'][number]) => string;
}

export interface MinutesPaper {
  meeting: MeetingHeading;
  status: string;
  attendance: { country: string; count: number }[];
  agenda: string[];
  text: string;
  decisions: {
    label: string;
    text: string;
    actionItems: { activity: string; executor: string; deadline: string }[];
  }[];
}

export interface CertificatePaper {
  meeting: MeetingHeading;
  fullName: string;
  affiliation: string;
  /** The day it is issued, in the reader's language. */
  issued: string;
}
