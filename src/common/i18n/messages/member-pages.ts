import type { Language } from '../languages';

/** The sentences of members, bodies and the member's own page, in the three languages. */
export const MEMBER_PAGE_MESSAGES = {
} as const satisfies Record<string, Record<Language, string>>;
