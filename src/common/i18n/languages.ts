export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Language = (typeof LANGUAGES)[number];

export type LocalizedText = Partial<Record<Language, string>>;

/** The text in the reader's language, else English, else whichever language it exists in. */
export function pickLocalized(text: LocalizedText | null | undefined, language: Language): string {
  if (!text) return '';
  return text[language] ?? text.en ?? text.ru ?? text.kk ?? '';
}

/** Which of the group's languages a text is in, from its letters (Kazakh has letters Russian lacks). */
export function languageOf(text: string): Language {
  if (/[әғқңөұүһі]/i.test(text)) return 'kk';
  if (/[а-яё]/i.test(text)) return 'ru';
  return 'en';
}

/** The reader's language from the browser's Accept-Language, when no member is known yet. */
export function languageFromHeader(acceptLanguage: string | undefined): Language {
  const first = (acceptLanguage ?? '').toLowerCase();
  return first.startsWith('ru') ? 'ru' : first.startsWith('kk') ? 'kk' : 'en';
}
