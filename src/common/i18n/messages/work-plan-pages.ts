import type { Language } from '../languages';

/** The sentences of the work-plan import preview and export, in the three languages. */
export const WORK_PLAN_PAGE_MESSAGES = {
} as const satisfies Record<string, Record<Language, string>>;
