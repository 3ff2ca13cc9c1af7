import type { Language } from '../languages';

/** The sentences of the outbox, in the three languages. */
export const OUTBOX_PAGE_MESSAGES = {
} as const satisfies Record<string, Record<Language, string>>;
