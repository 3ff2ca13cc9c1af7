export type Part = 'early' | 'mid' | 'late';
export type Season = 'spring' | 'summer' | 'autumn' | 'winter';
/** Only "from" (ablative), "to" (dative) and "with/and" (comitative) change what a phrase means. */
export type KkCase = 'abl' | 'dat' | 'com' | 'other';

export type Lexeme =
  | { type: 'month'; month: number }
  | { type: 'season'; season: Season }
  | { type: 'partBefore'; part: Part }
  | { type: 'partAfter'; part: Part }
  /** Russian "декада": ten days, the same thirds as early/mid/late. */
  | { type: 'decade' }
  | { type: 'quarter' }
  | { type: 'half' }
  | { type: 'quarterLetter' }
  | { type: 'halfLetter' }
  | { type: 'ordinal'; n: number }
  | { type: 'yearWord' }
  | { type: 'monthWord' }
  | { type: 'by' }
  /** Kazakh "дейін", "кешіктірмей": "by" written after the period (or the end of a range). */
  | { type: 'byAfter' }
  | { type: 'to'; alsoBy: boolean }
  | { type: 'from'; between: boolean }
  | { type: 'and' }
  | { type: 'betweenAfter' }
  | { type: 'since' }
  | { type: 'or' }
  | { type: 'filler' }
  | { type: 'onRequest' }
  | { type: 'open' };

export interface WordInfo {
  lex: Lexeme;
  kkCase?: KkCase;
}

const LOOKUP_MEMO_SIZE = 5000;
/** Longer words are not remembered: no deadline word is that long, and keys would hold memory. */
const MEMO_WORD_LENGTH = 40;
const normaliseMemo = new Map<string, string>();

const LATIN_LOOKALIKE_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  i: 'і',
  h: 'һ',
};
const CYRILLIC_LOOKALIKE_TO_LATIN: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LATIN_LOOKALIKE_TO_CYRILLIC).map(([latin, cyrillic]) => [cyrillic, latin]),
);
const KAZAKH_FOLD: Readonly<Record<string, string>> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
};

const HAS_LATIN = /[a-z]/;
const HAS_CYRILLIC = /[\u0400-\u04ff]/;
const CYRILLIC_LETTERS = /[\u0400-\u04ff]/g;

export function normaliseWord(raw: string): string {
  let norm = normaliseMemo.get(raw);
  if (norm === undefined) {
    norm = normaliseUncached(raw);
    if (normaliseMemo.size < LOOKUP_MEMO_SIZE && raw.length <= MEMO_WORD_LENGTH) normaliseMemo.set(raw, norm);
  }
  return norm;
}

function normaliseUncached(raw: string): string {
  const word = raw.toLowerCase().normalize('NFC').replace(/ё/g, 'е').replace(/ə/g, 'ә');
  if (!HAS_LATIN.test(word) || !HAS_CYRILLIC.test(word)) return word;
  const cyrillic = word.match(CYRILLIC_LETTERS) ?? [];
  const toLatin = cyrillic.every((ch) => ch in CYRILLIC_LOOKALIKE_TO_LATIN);
  const map = toLatin ? CYRILLIC_LOOKALIKE_TO_LATIN : LATIN_LOOKALIKE_TO_CYRILLIC;
  let out = '';
  for (const ch of word) out += map[ch] ?? ch;
  return out;
}

const HAS_KAZAKH_LETTER = /[әғқңөұүһі]/;

export function foldKazakh(word: string): string {
  if (!HAS_KAZAKH_LETTER.test(word)) return word;
  let out = '';
  for (const ch of word) out += KAZAKH_FOLD[ch] ?? ch;
  return out;
}

const KK_SUFFIX_CHAIN =
  /^(?:лар|лер|дар|дер|тар|тер)?(?:сы|си|ы|и)?(?:н?(дан|ден|тан|тен|ан|ен|да|де|та|те|га|ге|ка|ке|а|е|дын|дин|тын|тин|ын|ин|ды|ди|ты|ти|мен|бен|пен))?(гы|ги|кы|ки)?$/;
const KK_ABLATIVE = new Set(['дан', 'ден', 'тан', 'тен', 'ан', 'ен']);
const KK_DATIVE = new Set(['га', 'ге', 'ка', 'ке', 'а', 'е']);
const KK_COMITATIVE = new Set(['мен', 'бен', 'пен']);

function kazakhCase(suffix: string): KkCase | undefined {
  const m = KK_SUFFIX_CHAIN.exec(suffix);
  if (!m) return undefined;
  const [, grammaticalCase, adjectival] = m;
  if (adjectival !== undefined || grammaticalCase === undefined) return 'other';
  if (KK_ABLATIVE.has(grammaticalCase)) return 'abl';
  if (KK_DATIVE.has(grammaticalCase)) return 'dat';
  if (KK_COMITATIVE.has(grammaticalCase)) return 'com';
  return 'other';
}

const exact = new Map<string, Lexeme>();
const kkWords = new Map<string, Lexeme>();
const kkStems = new Map<string, Lexeme>();

function add(map: Map<string, Lexeme>, words: readonly string[], lex: Lexeme, fold = false): void {
  for (const w of words) {
    const key = fold ? foldKazakh(w) : w;
    const known = map.get(key);
    if (known && JSON.stringify(known) !== JSON.stringify(lex)) {
      throw new Error(`deadline lexicon: "${w}" has two meanings`);
    }
    map.set(key, lex);
  }
}
const words = (list: readonly string[], lex: Lexeme) => add(exact, list, lex);
const kazakh = (list: readonly string[], lex: Lexeme) => add(kkWords, list, lex, true);
const kazakhStems = (list: readonly string[], lex: Lexeme) => add(kkStems, list, lex, true);

function russianMonth(stem: string, soft: boolean): string[] {
  return soft ? ['ь', 'я', 'е', 'ю', 'ем'].map((e) => stem + e) : ['', 'а', 'е', 'у', 'ом'].map((e) => stem + e);
}

const MONTHS: readonly { ru: string[]; en: string[]; kk: string }[] = [
  { ru: [...russianMonth('январ', true), 'янв'], en: ['january', 'jan'], kk: 'қаңтар' },
  { ru: [...russianMonth('феврал', true), 'фев', 'февр'], en: ['february', 'feb', 'febr'], kk: 'ақпан' },
  { ru: [...russianMonth('март', false), 'мар'], en: ['march', 'mar'], kk: 'наурыз' },
  { ru: [...russianMonth('апрел', true), 'апр'], en: ['april', 'apr'], kk: 'сәуір' },
  { ru: ['май', 'мая', 'мае', 'маю', 'маем'], en: ['may'], kk: 'мамыр' },
  { ru: [...russianMonth('июн', true), 'июн'], en: ['june', 'jun'], kk: 'маусым' },
  { ru: [...russianMonth('июл', true), 'июл'], en: ['july', 'jul'], kk: 'шілде' },
  { ru: [...russianMonth('август', false), 'авг'], en: ['august', 'aug'], kk: 'тамыз' },
  { ru: [...russianMonth('сентябр', true), 'сен', 'сент'], en: ['september', 'sep', 'sept'], kk: 'қыркүйек' },
  { ru: [...russianMonth('октябр', true), 'окт'], en: ['october', 'oct'], kk: 'қазан' },
  { ru: [...russianMonth('ноябр', true), 'ноя', 'нояб'], en: ['november', 'nov'], kk: 'қараша' },
  { ru: [...russianMonth('декабр', true), 'дек'], en: ['december', 'dec'], kk: 'желтоқсан' },
];
MONTHS.forEach((m, i) => {
  const lex: Lexeme = { type: 'month', month: i + 1 };
  words([...m.ru, ...m.en], lex);
  kazakhStems([m.kk], lex);
});
// A final "к" softens before a vowel: "қыркүйегінде", "қыркүйегі".
kazakhStems(['қыркүйег'], { type: 'month', month: 9 });

words(['начало', 'начала', 'началу', 'началом', 'начале', 'beginning', 'start', 'early'], {
  type: 'partBefore',
  part: 'early',
});
words(['середина', 'середины', 'середине', 'середину', 'серединой', 'mid', 'middle'], {
  type: 'partBefore',
  part: 'mid',
});
words(['конец', 'конца', 'концу', 'концом', 'конце', 'end', 'late'], { type: 'partBefore', part: 'late' });
// Stems include the possessive so that "басқа" ("other") is not read as "басы" ("beginning").
kazakhStems(['басы'], { type: 'partAfter', part: 'early' });
kazakhStems(['ортасы'], { type: 'partAfter', part: 'mid' });
kazakhStems(['соңы', 'аяғы'], { type: 'partAfter', part: 'late' });
words(['декада', 'декады', 'декаде', 'декаду', 'декадой'], { type: 'decade' });

words(
  [
    'квартал',
    'квартала',
    'квартале',
    'кварталу',
    'кварталом',
    'кварталы',
    'кварталов',
    'кв',
    'quarter',
    'quarters',
    'qtr',
  ],
  { type: 'quarter' },
);
kazakhStems(['тоқсан'], { type: 'quarter' });
words(
  [
    'полугодие',
    'полугодия',
    'полугодии',
    'полугодию',
    'полугодием',
    'половина',
    'половины',
    'половине',
    'половину',
    'половиной',
    'half',
  ],
  { type: 'half' },
);
kazakhStems(['жартыжылдық', 'жартыжылдығ', 'жартысы'], { type: 'half' });
words(['q'], { type: 'quarterLetter' });
words(['h'], { type: 'halfLetter' });

const ORDINALS: readonly { ru: string; en: string[]; kk: string; roman: string[] }[] = [
  { ru: 'перв', en: ['first'], kk: 'бірінші', roman: ['i', 'і'] },
  { ru: 'втор', en: ['second'], kk: 'екінші', roman: ['ii', 'іі'] },
  { ru: 'трет', en: ['third'], kk: 'үшінші', roman: ['iii', 'ііі'] },
  { ru: 'четверт', en: ['fourth'], kk: 'төртінші', roman: ['iv'] },
];
ORDINALS.forEach((o, i) => {
  const lex: Lexeme = { type: 'ordinal', n: i + 1 };
  const ru =
    o.ru === 'трет'
      ? ['третий', 'третья', 'третье', 'третьего', 'третьей', 'третьем', 'третью', 'третьему']
      : ['ый', 'ой', 'ая', 'ое', 'ого', 'ом', 'ую', 'ому'].map((e) => o.ru + e);
  words([...ru, ...o.en, ...o.roman], lex);
  kazakh([o.kk], lex);
});

words(['весна', 'весны', 'весне', 'весну', 'весной', 'spring'], { type: 'season', season: 'spring' });
words(['лето', 'лета', 'лете', 'лету', 'летом', 'summer'], { type: 'season', season: 'summer' });
words(['осень', 'осени', 'осенью', 'autumn', 'fall'], { type: 'season', season: 'autumn' });
words(['зима', 'зимы', 'зиме', 'зиму', 'зимой', 'winter'], { type: 'season', season: 'winter' });
kazakhStems(['көктем'], { type: 'season', season: 'spring' });
kazakhStems(['жаз'], { type: 'season', season: 'summer' });
kazakhStems(['күз'], { type: 'season', season: 'autumn' });
kazakhStems(['қыс'], { type: 'season', season: 'winter' });

words(['г', 'год', 'года', 'году', 'годом', 'гг', 'годы', 'годов', 'годах', 'year'], { type: 'yearWord' });
kazakh(['ж'], { type: 'yearWord' });
kazakhStems(['жыл'], { type: 'yearWord' });
kazakhStems(['ай'], { type: 'monthWord' });

words(['by', 'before', 'к', 'ко'], { type: 'by' });
kazakh(['дейін', 'шейін', 'кешіктірмей'], { type: 'byAfter' });
words(['to', 'through', 'thru', 'по'], { type: 'to', alsoBy: false });
words(['until', 'till', 'til', 'до'], { type: 'to', alsoBy: true });
words(['from', 'с', 'со'], { type: 'from', between: false });
words(['between', 'между'], { type: 'from', between: true });
words(['and', 'и'], { type: 'and' });
kazakh(['мен', 'пен', 'бен', 'және'], { type: 'and' });
kazakh(['аралығында', 'аралығы'], { type: 'betweenAfter' });
kazakh(['бастап'], { type: 'since' });
words(['or', 'или', 'либо'], { type: 'or' });
kazakh(['немесе', 'әлде'], { type: 'or' });

words(['the', 'of', 'in', 'at', 'on', 'during', 'throughout', 'within', 'either', 'в', 'во', 'течение'], {
  type: 'filler',
});
kazakh(['ішінде', 'барысында', 'кезінде', 'бойы', 'бойында'], { type: 'filler' });

words(['tbd', 'tbc', 'tba', 'уточняется', 'уточняются', 'уточнится', 'уточнятся', 'определяется', 'определяются'], {
  type: 'open',
});
kazakh(['анықталады', 'нақтыланады', 'анықталмаған'], { type: 'open' });

const lookupMemo = new Map<string, WordInfo | null>();

export function lookupWord(norm: string): WordInfo | undefined {
  let info = lookupMemo.get(norm);
  if (info === undefined) {
    info = lookupUncached(norm) ?? null;
    if (lookupMemo.size < LOOKUP_MEMO_SIZE && norm.length <= MEMO_WORD_LENGTH) lookupMemo.set(norm, info);
  }
  return info ?? undefined;
}

const longestStem = Math.max(...[...kkStems.keys()].map((k) => k.length));

function lookupUncached(norm: string): WordInfo | undefined {
  const lex = exact.get(norm);
  if (lex) return { lex };
  const folded = foldKazakh(norm);
  const kk = kkWords.get(folded);
  if (kk) return { lex: kk };
  // Longest stem first: "жартыжылдығы" must not stop at a shorter stem.
  for (let len = Math.min(folded.length, longestStem); len >= 2; len--) {
    const stem = kkStems.get(folded.slice(0, len));
    if (!stem) continue;
    const kkCase = kazakhCase(folded.slice(len));
    if (kkCase) return { lex: stem, kkCase };
  }
  return undefined;
}

const NUMBER_SUFFIXES = new Set([
  'st',
  'nd',
  'rd',
  'th',
  'й',
  'я',
  'е',
  'го',
  'ое',
  'ой',
  'ая',
  'ий',
  'ого',
  'ому',
  'ом',
  'м',
  'х',
  'ых',
  'ю',
  'ую',
  'ье',
  'ья',
  'ее',
  'ей',
  'ые',
]);
const KK_ORDINAL_SUFFIX = /^(?:инши|ынши|иншы|ыншы|нши|ншы|ши|шы)/;

export function lookupNumberSuffix(norm: string): { kkCase?: KkCase } | undefined {
  if (NUMBER_SUFFIXES.has(norm)) return {};
  const folded = foldKazakh(norm);
  const rest = folded.replace(KK_ORDINAL_SUFFIX, '');
  if (rest === '') return {};
  const kkCase = kazakhCase(rest);
  return kkCase ? { kkCase } : undefined;
}

export interface Phrase {
  words: readonly string[];
  lex: Lexeme;
}

const PHRASE_LIST: readonly [string, Lexeme][] = [
  ['no later than', { type: 'by' }],
  ['not later than', { type: 'by' }],
  ['не позднее', { type: 'by' }],
  ['не позже', { type: 'by' }],
  ['up to', { type: 'to', alsoBy: true }],
  ['вплоть до', { type: 'to', alsoBy: true }],
  ['начиная с', { type: 'from', between: false }],
  ['на протяжении', { type: 'filler' }],
  ['half year', { type: 'half' }],
  ['жарты жыл', { type: 'half' }],
  ['жарты жылдық', { type: 'half' }],
  ...['determined', 'confirmed', 'decided', 'defined', 'announced', 'agreed', 'fixed'].map((w): [string, Lexeme] => [
    `to be ${w}`,
    { type: 'open' },
  ]),
  ['not yet determined', { type: 'open' }],
  ['not yet decided', { type: 'open' }],
  ['t b d', { type: 'open' }],
  ['t b c', { type: 'open' }],
  ['t b a', { type: 'open' }],
  ...['определено', 'определен', 'определена', 'уточнено', 'уточнен', 'уточнена'].map((w): [string, Lexeme] => [
    `будет ${w}`,
    { type: 'open' },
  ]),
  ['будут определены', { type: 'open' }],
  ['будут уточнены', { type: 'open' }],
  ['не определено', { type: 'open' }],
  ['не определен', { type: 'open' }],
  ['не определены', { type: 'open' }],
  ['кейін анықталады', { type: 'open' }],
  ['кейінірек анықталады', { type: 'open' }],
  ['анықталатын болады', { type: 'open' }],
  ['әлі анықталмаған', { type: 'open' }],
  ['on request', { type: 'onRequest' }],
  ['upon request', { type: 'onRequest' }],
  ['at request', { type: 'onRequest' }],
  ['by request', { type: 'onRequest' }],
  ['on demand', { type: 'onRequest' }],
  ['as requested', { type: 'onRequest' }],
  ['if requested', { type: 'onRequest' }],
  ['по запросу', { type: 'onRequest' }],
  ['по требованию', { type: 'onRequest' }],
  ['по заявке', { type: 'onRequest' }],
  ['сұраныс бойынша', { type: 'onRequest' }],
  ['сұрау бойынша', { type: 'onRequest' }],
  ['сұраным бойынша', { type: 'onRequest' }],
  ['өтініш бойынша', { type: 'onRequest' }],
];

const phrasesByFirstWord = new Map<string, Phrase[]>();
for (const [text, lex] of PHRASE_LIST) {
  const ws = text.split(' ').map(foldKazakh);
  const list = phrasesByFirstWord.get(ws[0]) ?? [];
  list.push({ words: ws, lex });
  list.sort((a, b) => b.words.length - a.words.length);
  phrasesByFirstWord.set(ws[0], list);
}

export function phrasesStartingWith(norm: string): readonly Phrase[] {
  return phrasesByFirstWord.get(foldKazakh(norm)) ?? [];
}
