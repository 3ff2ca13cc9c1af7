import { IntlMessageFormat } from 'intl-messageformat';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type English from '../../../templates/messages/en.json';
import { LANGUAGES } from './languages';
import type { Language } from './languages';

/**
 * Every sentence a person reads on a page or in an email: templates/messages/<language>.json, one catalog per
 * language in ICU MessageFormat (plurals, ordinals, numbers and dates by locale), shipped beside the templates.
 */
export const MESSAGES_DIR = join(process.cwd(), 'templates', 'messages');
export type MessageKey = keyof typeof English;

export const CATALOGS: Readonly<Record<Language, Readonly<Record<string, string>>>> = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    JSON.parse(readFileSync(join(MESSAGES_DIR, `${language}.json`), 'utf8')) as Record<string, string>,
  ]),
) as Record<Language, Record<string, string>>;
export const MESSAGES = CATALOGS.en as Readonly<Record<MessageKey, string>>;

/** A value a message fills in: text, a count (for plurals and numbers) or a date. */
export type MessageValue = string | number | Date;

interface Compiled {
  format: IntlMessageFormat;
  /** The arguments the message names: one left out shows as `{name}` instead of failing the page. */
  names: readonly string[];
}

const compiled = new Map<string, Compiled>();

function compile(key: string, language: Language): Compiled {
  const cacheKey = `${language}:${key}`;
  let entry = compiled.get(cacheKey);
  if (!entry) {
    const own = CATALOGS[language][key];
    const [text, locale] = own === undefined ? [CATALOGS.en[key] ?? key, 'en'] : [own, language];
    // Messages are plain text: a `<` is a character, not a tag.
    const format = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true });
    entry = { format, names: argumentNames(format.getAst()) };
    compiled.set(cacheKey, entry);
  }
  return entry;
}

/** The sentence in the reader's language, its arguments filled in (not escaped here: templates escape). */
export function t(key: MessageKey, language: Language, values: Record<string, MessageValue> = {}): string {
  const { format, names } = compile(key, language);
  let complete = values;
  for (const name of names) {
    if (values[name] === undefined || values[name] === null) complete = { ...complete, [name]: `{${name}}` };
  }
  return String(format.format(complete));
}

type Ast = ReturnType<IntlMessageFormat['getAst']>;

/** The parser's element types that name an argument: argument, number, date, time, select, plural. */
const NAMED = new Set([1, 2, 3, 4, 5, 6]);

/** Every argument a message names, inside plurals and selects too. */
function argumentNames(ast: Ast): string[] {
  const names = new Set<string>();
  const walk = (elements: Ast) => {
    for (const element of elements) {
      if (NAMED.has(element.type) && 'value' in element) names.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
      if ('children' in element) walk(element.children);
    }
  };
  walk(ast);
  return [...names];
}
