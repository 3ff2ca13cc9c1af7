import {
  KkCase,
  Lexeme,
  Part,
  Season,
  foldKazakh,
  lookupNumberSuffix,
  lookupWord,
  normaliseWord,
  phrasesStartingWith,
} from './deadline-lexicon';
import { DeadlineParseError, DeadlineParseReason } from './deadline-parse.error';
import { DeadlineKind, DeadlineWindow, ParsedDeadline } from './deadline.types';

export function parseDeadline(text: string): ParsedDeadline {
  if (typeof text !== 'string') throw new TypeError('A deadline must be a string');
  const tokens = tokenize(text);
  if (tokens.length === 0) return { text, kind: 'open', windows: [], onRequest: false };

  const fail = failer(text);
  const whole = () => fail('not_understood', tokens[0].start, tokens[tokens.length - 1].end);
  const prepared = prepare(text, tokens);
  const unknown = prepared.findIndex(isUnknown);
  if (unknown >= 0) {
    let last = unknown;
    while (last + 1 < prepared.length && isUnknown(prepared[last + 1])) last++;
    fail('not_understood', prepared[unknown].start, prepared[last].end);
  }

  const { body, onRequest } = stripOnRequest(prepared);
  if (body.length === 0) {
    return onRequest ? { text, kind: 'on_request', windows: [], onRequest } : whole();
  }
  if (body.length === 1 && body[0].lex?.type === 'open') {
    return { text, kind: onRequest ? 'on_request' : 'open', windows: [], onRequest };
  }

  const nodes = new Grammar(body, fail).deadline();
  resolve(nodes, fail);
  const windows = nodes.map((node) => nodeWindow(node, fail));
  let kind: DeadlineKind;
  if (nodes.length > 1) {
    kind = 'alternatives';
    windows.forEach((w, k) => (w.label = text.slice(nodes[k].start, nodes[k].end)));
  } else {
    kind = nodes[0].elems.length === 1 && nodes[0].elems[0].unit === 'day' ? 'date' : 'window';
  }
  return { text, kind, windows, onRequest };
}

type Fail = (reason: DeadlineParseReason, start: number, end: number) => never;

function failer(text: string): Fail {
  return (reason, start, end) => {
    throw new DeadlineParseError(text, text.slice(start, end), reason);
  };
}

type TokenKind =
  | 'word'
  | 'num'
  | 'date'
  | 'monthYear'
  | 'badDate'
  | 'dash'
  | 'comma'
  | 'semicolon'
  | 'colon'
  | 'slash'
  | 'dot'
  | 'bracketOpen'
  | 'bracketClose'
  | 'other';

interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  lead: number;
  tail: number;
  glued: boolean;
  norm: string;
  value: number;
  digits: number;
  date?: { year: number; month: number; day: number };
  lex?: Lexeme;
  kkCase?: KkCase;
}

/* Numeric dates are recognised before their dots and slashes can be taken for separators. */
const DAY_MONTH_YEAR = /(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)/y;
const YEAR_MONTH_DAY = /(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?!\d)/y;
const MONTH_YEAR = /(\d{1,2})[./](\d{4})(?!\d)/y;
/** Two-digit years are refused rather than guessed. */
const SHORT_YEAR_DATE = /\d{1,2}[./]\d{1,2}[./]\d{2}(?!\d)/y;
const DIGITS = /\d+/y;
const WORD = /[\p{L}\p{M}]+/uy;

const PUNCT_KIND: Readonly<Record<string, TokenKind>> = {
  '.': 'dot',
  ',': 'comma',
  ';': 'semicolon',
  ':': 'colon',
  '/': 'slash',
  '[': 'bracketOpen',
  '(': 'bracketOpen',
  ']': 'bracketClose',
  ')': 'bracketClose',
};
const DASHES = new Set([
  '-',
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  '\u2212',
  '\ufe58',
  '\ufe63',
  '\uff0d',
]);

function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0xad ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200d) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x2060 ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let glued = false;
  let at = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (isSpace(code)) {
      at++;
      glued = false;
      continue;
    }
    const token: Token = {
      kind: 'other',
      start: at,
      end: at + 1,
      lead: at,
      tail: at + 1,
      glued,
      norm: '',
      value: 0,
      digits: 0,
    };
    glued = true;
    let m: RegExpExecArray | null;
    const afterLetter =
      tokens.length > 0 && tokens[tokens.length - 1].kind === 'word' && tokens[tokens.length - 1].end === at;
    if (code >= 0x30 && code <= 0x39) {
      if ((m = sticky(DAY_MONTH_YEAR, text, at))) {
        token.kind = 'date';
        token.date = { year: +m[4], month: +m[3], day: +m[1] };
      } else if ((m = sticky(YEAR_MONTH_DAY, text, at))) {
        token.kind = 'date';
        token.date = { year: +m[1], month: +m[3], day: +m[4] };
      } else if (!afterLetter && (m = sticky(MONTH_YEAR, text, at))) {
        // Not after a letter: "Q3/2019" is a quarter and a year, not March 2019.
        token.kind = 'monthYear';
        token.date = { year: +m[2], month: +m[1], day: 1 };
      } else if ((m = sticky(SHORT_YEAR_DATE, text, at))) {
        token.kind = 'badDate';
      } else {
        m = sticky(DIGITS, text, at);
        token.kind = 'num';
        token.value = Number(m?.[0]);
        token.digits = m?.[0].length ?? 1;
      }
      token.end = token.tail = at + (m?.[0].length ?? 1);
    } else if ((m = sticky(WORD, text, at))) {
      token.kind = 'word';
      token.norm = normaliseWord(m[0]);
      token.end = token.tail = at + m[0].length;
    } else {
      const ch = String.fromCodePoint(text.codePointAt(at) ?? code);
      token.kind = DASHES.has(ch) ? 'dash' : (PUNCT_KIND[ch] ?? 'other');
      token.end = token.tail = at + ch.length;
    }
    token.norm ||= text.slice(token.start, token.end);
    tokens.push(token);
    at = token.end;
  }
  return tokens;
}

function prepare(text: string, raw: Token[]): Token[] {
  const fail = failer(text);

  const numbered: Token[] = [];
  for (let k = 0; k < raw.length; k++) {
    const t = raw[k];
    numbered.push(t);
    if (t.kind !== 'num') continue;
    const dash = raw[k + 1]?.kind === 'dash' && raw[k + 1].glued ? 1 : 0;
    const word = raw[k + 1 + dash];
    if (word?.kind !== 'word' || !word.glued) continue;
    const suffix = lookupNumberSuffix(word.norm);
    if (!suffix) continue;
    t.end = t.tail = word.end;
    t.kkCase = suffix.kkCase;
    k += 1 + dash;
  }

  const undotted: Token[] = [];
  for (const t of numbered) {
    if (t.kind !== 'dot') undotted.push(t);
    else if (t.glued && undotted.length > 0) undotted[undotted.length - 1].tail = t.end;
  }

  const phrased: Token[] = [];
  for (let k = 0; k < undotted.length; k++) {
    const t = undotted[k];
    phrased.push(t);
    if (t.kind !== 'word') continue;
    const match = matchPhrase(undotted, k);
    if (match) {
      const last = undotted[match.last];
      t.end = last.end;
      t.tail = last.tail;
      t.lex = match.lex;
      k = match.last;
    } else {
      const info = lookupWord(t.norm);
      t.lex = info?.lex;
      t.kkCase = info?.kkCase;
    }
  }

  const kept: Token[] = [];
  const open: Token[] = [];
  let lead: number | undefined;
  for (const t of phrased) {
    if (t.kind === 'bracketOpen') {
      open.push(t);
      lead = undefined;
    } else if (t.kind === 'bracketClose') {
      const opener = open.pop();
      if (!opener || (text[opener.start] === '(') !== (text[t.start] === ')')) fail('not_understood', t.start, t.end);
      lead = undefined;
    } else if (t.lex?.type === 'filler') {
      lead ??= t.start;
    } else {
      t.lead = lead ?? t.start;
      lead = undefined;
      kept.push(t);
    }
  }
  if (open.length > 0) fail('not_understood', open[0].start, open[0].end);
  return kept;
}

function matchPhrase(tokens: readonly Token[], at: number): { lex: Lexeme; last: number } | undefined {
  for (const phrase of phrasesStartingWith(tokens[at].norm)) {
    let k = at;
    let ok = true;
    for (let w = 1; w < phrase.words.length && ok; w++) {
      k++;
      // "half-year", "on-request": a glued hyphen may join the words of a phrase.
      if (tokens[k]?.kind === 'dash' && tokens[k].glued && tokens[k + 1]?.glued) k++;
      const t = tokens[k];
      ok = t?.kind === 'word' && phrase.words[w] === foldKazakh(t.norm);
    }
    if (ok) return { lex: phrase.lex, last: k };
  }
  return undefined;
}

function isUnknown(t: Token): boolean {
  return t.kind === 'other' || t.kind === 'badDate' || (t.kind === 'word' && t.lex === undefined);
}

const STRIPPABLE_BESIDE_ON_REQUEST: ReadonlySet<TokenKind> = new Set(['comma', 'semicolon', 'colon', 'dash']);

function besideOnRequest(t: Token | undefined): boolean {
  return t !== undefined && (STRIPPABLE_BESIDE_ON_REQUEST.has(t.kind) || t.lex?.type === 'or');
}

function stripOnRequest(tokens: Token[]): { body: Token[]; onRequest: boolean } {
  let first = 0;
  let last = tokens.length - 1;
  let onRequest = false;
  if (tokens[first]?.lex?.type === 'onRequest') {
    onRequest = true;
    first++;
    while (first <= last && besideOnRequest(tokens[first])) first++;
  }
  if (last >= first && tokens[last].lex?.type === 'onRequest') {
    onRequest = true;
    last--;
    while (last >= first && besideOnRequest(tokens[last])) last--;
  }
  return { body: tokens.slice(first, last + 1), onRequest };
}

type Unit = 'day' | 'month' | 'quarter' | 'half' | 'season' | 'year' | 'bare';

interface Elem {
  unit: Unit;
  n?: number;
  month?: number;
  season?: Season;
  year?: number;
  part?: Part;
  ordinalOnly?: boolean;
  partOnly?: boolean;
  kkCase?: KkCase;
  start: number;
  end: number;
}

interface Node {
  elems: [Elem] | [Elem, Elem];
  start: number;
  end: number;
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const PARTS: readonly Part[] = ['early', 'mid', 'late'];

class Grammar {
  private i = 0;

  constructor(
    private readonly t: readonly Token[],
    private readonly failWith: Fail,
  ) {}

  deadline(): Node[] {
    const nodes: Node[] = [this.alternative()];
    while (this.i < this.t.length) {
      const separator = this.i;
      if (!this.separator()) this.fail(this.i);
      if (this.i >= this.t.length) this.fail(separator);
      nodes.push(this.alternative());
    }
    return nodes;
  }

  private separator(): boolean {
    const c = this.cur;
    if (c?.kind === 'comma' || c?.kind === 'semicolon' || c?.kind === 'slash') {
      this.i++;
      if (this.is('or')) this.i++;
      return true;
    }
    if (this.is('or')) {
      this.i++;
      return true;
    }
    return false;
  }

  private alternative(): Node {
    const first = this.i;
    const c = this.cur;
    if (this.is('by') || (c?.lex?.type === 'to' && c.lex.alsoBy)) this.i++;
    const elems: Node['elems'] = this.cur?.lex?.type === 'from' ? this.fromTo() : this.periodOrRange();
    if (this.is('byAfter')) this.i++;
    if (this.i < this.t.length && !this.atSeparator()) this.fail(this.i);
    return { elems, start: this.t[first].lead, end: this.t[this.i - 1].tail };
  }

  private fromTo(): [Elem, Elem] {
    const from = this.i;
    const lex = this.cur?.lex;
    this.i++;
    const a = this.period();
    const joined = lex?.type === 'from' && lex.between ? this.is('and') : this.isDash() || this.is('to');
    if (!joined) this.fail(this.i, from);
    this.i++;
    return [a, this.period()];
  }

  private periodOrRange(): Node['elems'] {
    const a = this.period();
    if (this.isDash() || this.is('to')) {
      this.i++;
      const b = this.period();
      if (this.is('betweenAfter')) this.i++;
      return this.yearAfterRange(a, b);
    }
    // Kazakh cases make a range without a connector: "маусымнан шілдеге дейін".
    if (a.kkCase === 'abl' && (this.is('since') || this.startsPeriod(this.cur))) {
      if (this.is('since')) this.i++;
      const b = this.period();
      if (this.is('byAfter')) this.i++;
      return this.yearAfterRange(a, b);
    }
    // "маусым мен шілде аралығында" is a range; "June and July" is not.
    if ((a.kkCase === 'com' && this.startsPeriod(this.cur)) || this.is('and')) {
      const and = this.i;
      if (this.is('and')) this.i++;
      const b = this.period();
      if (!this.is('betweenAfter')) this.fail(and);
      this.i++;
      return this.yearAfterRange(a, b);
    }
    return [a];
  }

  private yearAfterRange(a: Elem, b: Elem): [Elem, Elem] {
    const y = this.cur;
    if (a.year === undefined && b.year === undefined && this.isYear(y)) {
      this.i++;
      this.yearWords();
      b.year = y.value;
      b.end = this.t[this.i - 1].tail;
    }
    return [a, b];
  }

  private period(allowPart = true): Elem {
    const first = this.i;
    const lex = this.cur?.lex;
    if (allowPart && lex?.type === 'partBefore') {
      const part = lex.part;
      this.i++;
      // "начало–середина июня", "early to mid June": this part takes its period from the next.
      if ((this.isDash() || this.is('to')) && this.peek(1)?.lex?.type === 'partBefore') {
        const t = this.t[first];
        return { unit: 'bare', part, partOnly: true, start: t.lead, end: t.tail };
      }
      if (this.isDash() && this.cur?.glued) this.i++;
      const inner = this.period(false);
      if (inner.unit === 'day' || inner.unit === 'bare') this.fail(first, first, this.i - 1);
      inner.part = part;
      inner.start = this.t[first].lead;
      return inner;
    }

    let el: Elem;
    if (this.is('yearWord') && this.isYear(this.peek(1))) this.i++;
    if (this.isYear(this.cur)) {
      const year = this.cur?.value;
      this.i++;
      this.yearWords();
      if (this.startsCore(this.cur)) {
        const coreAt = this.i;
        el = this.core();
        if (el.year !== undefined) this.fail(coreAt);
        el.year = year;
      } else {
        el = { unit: 'year', year, start: 0, end: 0 };
      }
    } else {
      el = this.core();
    }
    if (allowPart) this.partAfter(el);
    if (el.year === undefined) this.trailingYear(el);
    else this.yearWords(); // "15.06.2019 г."
    if (allowPart) this.partAfter(el);
    const last = this.t[this.i - 1];
    el.start = this.t[first].lead;
    el.end = last.tail;
    el.kkCase = last.kkCase;
    return el;
  }

  private partAfter(el: Elem): void {
    const lex = this.cur?.lex;
    if (el.part !== undefined || lex?.type !== 'partAfter') return;
    if (el.unit === 'day' || el.unit === 'bare') this.fail(this.i);
    el.part = lex.part;
    this.i++;
  }

  private trailingYear(el: Elem): void {
    let k = this.i;
    const c = this.t[k];
    const next = this.t[k + 1];
    if (c?.kind === 'comma' && this.isYear(next))
      k++; // "June 15, 2019"
    else if (
      el.unit !== 'day' &&
      el.unit !== 'bare' &&
      (c?.kind === 'slash' || c?.kind === 'dash') &&
      c.glued &&
      next?.glued &&
      this.isYear(next)
    )
      k++; // "Q3/2019", "Feb-2019": one word, not a range to the year 2019
    const y = this.t[k];
    if (!this.isYear(y)) return;
    el.year = y.value;
    this.i = k + 1;
    this.yearWords();
    const sep = this.cur;
    const second = this.peek(1);
    if (
      el.season === 'winter' &&
      (sep?.kind === 'slash' || sep?.kind === 'dash') &&
      this.isYear(second) &&
      second.value === y.value + 1
    ) {
      this.i += 2;
      this.yearWords();
    }
  }

  private yearWords(): void {
    for (let k = 0; k < 2; k++) {
      const dashed = this.isDash() && this.cur?.glued && this.peek(1)?.glued && this.peek(1)?.lex?.type === 'yearWord';
      if (dashed) this.i++;
      else if (!this.is('yearWord')) return;
      this.i++;
    }
  }

  private core(): Elem {
    const c = this.cur;
    if (!c) return this.fail(this.i, this.i - 1);
    const at = this.i;
    if (c.date && (c.date.year < MIN_YEAR || c.date.year > MAX_YEAR)) this.failWith('invalid_date', c.start, c.end);
    if (c.kind === 'date' && c.date) {
      this.i++;
      return { unit: 'day', n: c.date.day, month: c.date.month, year: c.date.year, start: 0, end: 0 };
    }
    if (c.kind === 'monthYear' && c.date) {
      this.i++;
      return { unit: 'month', month: c.date.month, year: c.date.year, start: 0, end: 0 };
    }
    if (c.kind === 'num') return this.numberFirst(c);
    const lex = c.lex;
    switch (lex?.type) {
      case 'month': {
        const month = this.monthWord();
        const d = this.cur;
        if (d?.kind === 'num' && d.digits <= 2 && !this.startsNoun(this.peek(1))) {
          this.i++;
          return { unit: 'day', n: d.value, month, start: 0, end: 0 };
        }
        return { unit: 'month', month, start: 0, end: 0 };
      }
      case 'season':
        this.i++;
        return { unit: 'season', season: lex.season, start: 0, end: 0 };
      case 'quarterLetter':
      case 'halfLetter': {
        const n = this.peek(1);
        if (n?.kind !== 'num' || !n.glued) return this.fail(at);
        this.i += 2;
        return this.numbered(lex.type === 'quarterLetter' ? 'quarter' : 'half', n.value, at);
      }
      case 'ordinal':
        this.i++;
        if (this.startsNoun(this.cur) || (this.isDash() && this.cur?.glued && this.startsNoun(this.peek(1)))) {
          if (this.isDash()) this.i++;
          return this.ordinalNoun(lex.n, at);
        }
        return { unit: 'bare', n: lex.n, ordinalOnly: true, start: 0, end: 0 };
      default:
        return this.fail(at);
    }
  }

  private numberFirst(c: Token): Elem {
    const at = this.i;
    const next = this.peek(1);
    const letter = next?.lex?.type;
    if (next?.glued && (letter === 'quarterLetter' || letter === 'halfLetter')) {
      this.i += 2; // "3Q 2019", "1H 2020"
      return this.numbered(letter === 'quarterLetter' ? 'quarter' : 'half', c.value, at);
    }
    if (c.digits > 2) return this.fail(at);
    if (letter === 'month') {
      this.i++;
      return { unit: 'day', n: c.value, month: this.monthWord(), start: 0, end: 0 };
    }
    if (this.startsNoun(next)) {
      this.i++;
      return this.ordinalNoun(c.value, at);
    }
    if (next?.kind === 'dash' && next.glued && this.startsNoun(this.peek(2))) {
      this.i += 2; // "3-тоқсан"
      return this.ordinalNoun(c.value, at);
    }
    this.i++;
    return { unit: 'bare', n: c.value, start: 0, end: 0 };
  }

  private ordinalNoun(n: number, at: number): Elem {
    const noun = this.cur?.lex?.type;
    this.i++;
    if (noun === 'quarter') return this.numbered('quarter', n, at);
    if (noun === 'half') return this.numbered('half', n, at);
    if (n < 1 || n > 3) return this.fail(at, at, this.i - 1);
    const month = this.period(false);
    if (month.unit !== 'month' || month.part !== undefined) return this.fail(at, at, this.i - 1);
    month.part = PARTS[n - 1];
    return month;
  }

  private numbered(unit: 'quarter' | 'half', n: number, at: number): Elem {
    if (n < 1 || n > (unit === 'quarter' ? 4 : 2)) return this.fail(at, at, this.i - 1);
    return { unit, n, start: 0, end: 0 };
  }

  private monthWord(): number {
    const lex = this.cur?.lex;
    const month = lex?.type === 'month' ? lex.month : 0;
    this.i++;
    if (this.is('monthWord')) this.i++; // Kazakh "қараша айы"
    return month;
  }

  private get cur(): Token | undefined {
    return this.t[this.i];
  }

  private peek(k: number): Token | undefined {
    return this.t[this.i + k];
  }

  private is(type: Lexeme['type']): boolean {
    return this.cur?.lex?.type === type;
  }

  private isDash(): boolean {
    return this.cur?.kind === 'dash';
  }

  private isYear(t: Token | undefined): t is Token {
    return t?.kind === 'num' && t.digits === 4 && t.value >= MIN_YEAR && t.value <= MAX_YEAR;
  }

  private startsNoun(t: Token | undefined): boolean {
    const type = t?.lex?.type;
    return type === 'quarter' || type === 'half' || type === 'decade';
  }

  private startsCore(t: Token | undefined): boolean {
    if (!t) return false;
    if (t.kind === 'date' || t.kind === 'monthYear') return true;
    if (t.kind === 'num') return !this.isYear(t);
    const type = t.lex?.type;
    return (
      type === 'month' || type === 'season' || type === 'ordinal' || type === 'quarterLetter' || type === 'halfLetter'
    );
  }

  private startsPeriod(t: Token | undefined): boolean {
    return t?.lex?.type === 'partBefore' || this.startsCore(t) || this.isYear(t);
  }

  private atSeparator(): boolean {
    const c = this.cur;
    return c?.kind === 'comma' || c?.kind === 'semicolon' || c?.kind === 'slash' || c?.lex?.type === 'or';
  }

  private fail(at: number, from = at, to?: number): never {
    const n = this.t.length;
    const first = Math.max(0, at < n ? at : Math.min(from, n - 1));
    let last = to ?? first;
    if (to === undefined && !isAlternativeBoundary(this.t[first])) {
      while (last + 1 < n && !isAlternativeBoundary(this.t[last + 1])) last++;
    }
    return this.failWith('not_understood', this.t[first].start, this.t[Math.min(last, n - 1)].end);
  }
}

function isAlternativeBoundary(t: Token): boolean {
  return t.kind === 'semicolon' || t.lex?.type === 'or';
}

function resolve(nodes: Node[], fail: Fail): void {
  for (const node of nodes) {
    const [a, b] = node.elems;
    if (!b) continue;
    if (a.unit === 'bare' && b.unit === 'bare') fail('not_understood', node.start, node.end);
    if (a.unit === 'bare') adoptUnit(a, b, fail);
    if (b.unit === 'bare') adoptUnit(b, a, fail);
    carryWithin(node);
  }
  // A bare alternative borrows the unit of the next one that has a unit, else of the one before.
  let next: Elem | undefined;
  for (let k = nodes.length - 1; k >= 0; k--) {
    const el = nodes[k].elems[0];
    if (el.unit !== 'bare') next = el;
    else if (next) adoptUnit(el, next, fail);
  }
  for (let k = 0; k < nodes.length; k++) {
    const el = nodes[k].elems[0];
    if (el.unit !== 'bare') continue;
    if (k === 0) fail('not_understood', el.start, el.end);
    const prev = nodes[k - 1].elems;
    adoptUnit(el, prev[prev.length - 1], fail);
  }
  for (let k = nodes.length - 2; k >= 0; k--) {
    const donor = nodes[k + 1].elems[0];
    const target = nodes[k].elems[nodes[k].elems.length - 1];
    if (target.year === undefined && donor.year !== undefined) {
      carry(target, donor, 'backward');
      carryWithin(nodes[k]);
    }
  }
  for (let k = 1; k < nodes.length; k++) {
    const prev = nodes[k - 1].elems;
    const donor = prev[prev.length - 1];
    const target = nodes[k].elems[0];
    if (target.year === undefined && donor.year !== undefined) {
      carry(target, donor, 'forward');
      carryWithin(nodes[k]);
    }
  }
  for (const node of nodes) {
    if (node.elems.some((e) => e.year === undefined)) fail('missing_year', node.start, node.end);
  }
}

function adoptUnit(bare: Elem, other: Elem, fail: Fail): void {
  const n = bare.n ?? 0;
  if (bare.partOnly) {
    if (other.unit === 'day' || other.unit === 'bare') fail('not_understood', bare.start, bare.end);
    bare.unit = other.unit;
    bare.month = other.month;
    bare.n = other.n;
    bare.season = other.season;
    if (other.unit === 'year') bare.year = other.year;
  } else if (other.unit === 'day' && !bare.ordinalOnly) {
    bare.unit = 'day';
    bare.month = other.month;
  } else if ((other.unit === 'quarter' && n >= 1 && n <= 4) || (other.unit === 'half' && n >= 1 && n <= 2)) {
    bare.unit = other.unit;
  } else {
    fail('not_understood', bare.start, bare.end);
  }
}

function carryWithin(node: Node): void {
  const [a, b] = node.elems;
  if (!b) return;
  if (a.year === undefined && b.year !== undefined) carry(a, b, 'backward');
  if (b.year === undefined && a.year !== undefined) carry(b, a, 'forward');
}

/** Gives `target` the year of `donor`, one earlier when written order needs it ("ноябрь–февраль 2020"). */
function carry(target: Elem, donor: Elem, direction: 'backward' | 'forward'): void {
  const year = donor.year ?? 0;
  const t = firstMonth(target);
  const d = firstMonth(donor);
  if (direction === 'backward') target.year = t > d ? year - 1 : year;
  else target.year = t < d ? year + 1 : year;
}

function firstMonth(el: Elem): number {
  return (monthSpan(el, 0)[0] % 12) + 1;
}

function monthSpan(el: Elem, year = el.year ?? 0): [number, number] {
  const y = year * 12;
  let span: [number, number];
  switch (el.unit) {
    case 'day':
    case 'month':
    case 'bare':
      span = [y + (el.month ?? 1) - 1, y + (el.month ?? 1) - 1];
      break;
    case 'quarter':
      span = [y + 3 * (el.n ?? 1) - 3, y + 3 * (el.n ?? 1) - 1];
      break;
    case 'half':
      span = [y + 6 * (el.n ?? 1) - 6, y + 6 * (el.n ?? 1) - 1];
      break;
    case 'season': {
      const first = { spring: 2, summer: 5, autumn: 8, winter: 11 }[el.season ?? 'spring'];
      span = [y + first, y + first + 2];
      break;
    }
    case 'year':
      span = [y, y + 11];
      break;
  }
  if (el.part && el.unit !== 'month') {
    const third = (span[1] - span[0] + 1) / 3;
    const k = PARTS.indexOf(el.part);
    span = [span[0] + k * third, span[0] + (k + 1) * third - 1];
  }
  return span;
}

function nodeWindow(node: Node, fail: Fail): DeadlineWindow {
  const first = elemWindow(node.elems[0], fail);
  const last = node.elems[1] ? elemWindow(node.elems[1], fail) : first;
  if (last.end < first.start) fail('reversed_range', node.start, node.end);
  return { start: first.start, end: last.end };
}

function elemWindow(el: Elem, fail: Fail): DeadlineWindow {
  const year = el.year ?? 0;
  const month = el.month ?? 1;
  // Years were checked where they were written; a borrowed one may step just outside the range.
  const badMonth = (el.unit === 'day' || el.unit === 'month') && (month < 1 || month > 12);
  if (badMonth || (el.unit === 'day' && ((el.n ?? 0) < 1 || (el.n ?? 0) > daysInMonth(year, month)))) {
    fail('invalid_date', el.start, el.end);
  }
  if (el.unit === 'day') {
    const day = iso(year, month, el.n ?? 1);
    return { start: day, end: day };
  }
  const [from, to] = monthSpan(el);
  const fy = Math.floor(from / 12);
  const fm = (from % 12) + 1;
  const ty = Math.floor(to / 12);
  const tm = (to % 12) + 1;
  if (el.unit === 'month' && el.part) {
    const [d1, d2] = { early: [1, 10], mid: [11, 20], late: [21, daysInMonth(fy, fm)] }[el.part];
    return { start: iso(fy, fm, d1), end: iso(fy, fm, d2) };
  }
  return { start: iso(fy, fm, 1), end: iso(ty, tm, daysInMonth(ty, tm)) };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
