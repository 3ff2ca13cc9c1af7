import type { Language } from '../languages';

/** The sentences of the meeting forms and the calendar, in the three languages. */
export const MEETING_PAGE_MESSAGES = {
} as const satisfies Record<string, Record<Language, string>>;
