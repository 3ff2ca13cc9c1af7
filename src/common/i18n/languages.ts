export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A name or title given in one or more of the working group's languages. */
export type LocalizedText = Partial<Record<Language, string>>;

/** The text in the reader's language, else English, else whichever language it exists in. */
export function pickLocalized(text: LocalizedText | null | undefined, language: Language): string {
  if (!text) return '';
  return text[language] ?? text.en ?? text.ru ?? text.kk ?? '';
}
