export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Language = (typeof LANGUAGES)[number];

export type LocalizedText = Partial<Record<Language, string>>;

/** Which of the group's languages a text is in, from its letters (Kazakh has letters Russian lacks). */
export function languageOf(text: string): Language {
  if (/[әғқңөұүһі]/i.test(text)) return 'kk';
  if (/[а-яё]/i.test(text)) return 'ru';
  return 'en';
}

/** The reader's language from Accept-Language when no member is known yet, else English. */
export function languageFromHeader(acceptLanguage: string | undefined): Language {
  let best: Language = 'en';
  let bestWeight = 0;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [range, ...parameters] = part.trim().toLowerCase().split(';');
    const primary = range.trim().split('-')[0];
    if (!(LANGUAGES as readonly string[]).includes(primary)) continue;
    const q = parameters.find((p) => /^\s*q\s*=/.test(p));
    // A malformed weight drops the entry rather than promoting it to the top.
    const weight =
      q === undefined ? 1 : /^\s*q\s*=\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/.test(q) ? Number(q.split('=')[1]) : 0;
    if (weight <= bestWeight) continue;
    best = primary as Language;
    bestWeight = weight;
  }
  return best;
}
