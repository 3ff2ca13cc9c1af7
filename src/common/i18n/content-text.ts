import { LANGUAGES, languageOf } from './languages';
import type { Language, LocalizedText } from './languages';

/** For each reader's language, the languages to try next when a text is missing in theirs. */
export type FallbackChain = Record<Language, readonly Language[]>;

export const DEFAULT_FALLBACK_CHAIN: FallbackChain = { kk: ['ru', 'en'], ru: ['en'], en: ['ru'] };
export const DEFAULT_FALLBACK_SETTING = 'kk:ru,en;ru:en;en:ru';

/**
 * A text the secretariat wrote, in the reader's language, else the first language of their chain that
 * has it, else any language it exists in (so a text is never lost, only shown in another language).
 */
export function pickText(
  texts: LocalizedText | null | undefined,
  reader: Language,
  chain: FallbackChain = DEFAULT_FALLBACK_CHAIN,
): string {
  if (!texts) return '';
  for (const language of [reader, ...chain[reader], ...LANGUAGES]) {
    const text = texts[language];
    if (typeof text === 'string' && text.trim() !== '') return text;
  }
  return '';
}

/** Reads "kk:ru,en;ru:en;en:ru"; null when it is not that shape (a language unknown, listed twice or itself). */
export function parseFallbackChain(setting: string): FallbackChain | null {
  const chain: Partial<Record<Language, Language[]>> = {};
  for (const part of setting.split(';').map((p) => p.trim())) {
    if (part === '') continue;
    const [reader, rest, extra] = part.split(':').map((p) => p.trim());
    if (extra !== undefined || !isLanguage(reader) || reader in chain) return null;
    const next = (rest ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (!next.every(isLanguage) || new Set(next).size !== next.length || next.includes(reader)) return null;
    chain[reader] = next;
  }
  return { en: chain.en ?? [], ru: chain.ru ?? [], kk: chain.kk ?? [] };
}

function isLanguage(value: string | undefined): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '');
}

/** Translations of a row's plain-text fields, by language: `{ ru: { description: '…' }, kk: { … } }`. */
export type Translations<Field extends string> = Partial<Record<Language, Partial<Record<Field, string>>>>;

/**
 * One field of a row kept in its original language (`original`, written in `language`, or guessed from its
 * letters when unknown) with its translations, as texts by language for `pickText`.
 */
export function textsOf<Field extends string>(
  original: string | null | undefined,
  language: Language | null | undefined,
  translations: Translations<Field> | null | undefined,
  field: Field,
): LocalizedText {
  const texts: LocalizedText = {};
  for (const lang of LANGUAGES) {
    const text = translations?.[lang]?.[field];
    if (typeof text === 'string' && text.trim() !== '') texts[lang] = text;
  }
  if (original) texts[language ?? languageOf(original)] = original;
  return texts;
}
