import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { parseDeadline } from './deadline-parser';
import { ACCEPTED_DEADLINE_FORMS, DeadlineParseError } from './deadline-parse.error';
import { EN_CASES, ERROR_CASES, KK_CASES, ParseCase, RU_CASES } from './deadline-parser.cases';
import { ParsedDeadline } from './deadline.types';

function parseError(text: string): DeadlineParseError {
  try {
    parseDeadline(text);
  } catch (e) {
    if (e instanceof DeadlineParseError) return e;
    throw e;
  }
  throw new Error(`"${text}" was expected not to parse`);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** What holds for every deadline read, whatever the text. */
function expectWellFormed(text: string, result: ParsedDeadline): void {
  expect(result.text).toBe(text);
  for (const w of result.windows) {
    expect(isIsoDate(w.start) && isIsoDate(w.end)).toBe(true);
    expect(w.start <= w.end).toBe(true);
  }
  const count = result.windows.length;
  const expectedCount = {
    date: count === 1,
    window: count === 1,
    alternatives: count > 1,
    on_request: count === 0,
    open: count === 0,
  };
  expect(expectedCount[result.kind]).toBe(true);
  if (result.kind === 'date') expect(result.windows[0].start).toBe(result.windows[0].end);
  if (result.kind === 'on_request') expect(result.onRequest).toBe(true);
  if (result.kind === 'open') expect(result.onRequest).toBe(false);
}

/** Parses, or fails with a DeadlineParseError quoting a fragment of the text; nothing else. */
function expectParsesOrExplains(text: string): void {
  let result: ParsedDeadline;
  try {
    result = parseDeadline(text);
  } catch (e) {
    expect(e).toBeInstanceOf(DeadlineParseError);
    const error = e as DeadlineParseError;
    expect(error.text).toBe(text);
    expect(error.unparsed.length).toBeGreaterThan(0);
    expect(text.includes(error.unparsed)).toBe(true);
    return;
  }
  expectWellFormed(text, result);
}

function expectCase(c: ParseCase): void {
  const result = parseDeadline(c.text);
  expect({
    kind: result.kind,
    windows: result.windows.map((w) => [w.start, w.end]),
    onRequest: result.onRequest,
  }).toEqual({
    kind: c.kind,
    windows: c.windows,
    onRequest: c.onRequest,
  });
  expectWellFormed(c.text, result);
  if (result.kind === 'alternatives') {
    for (const w of result.windows) expect(w.label !== undefined && c.text.includes(w.label)).toBe(true);
  }
}

describe('parseDeadline', () => {
  describe('the work-plan fixtures', () => {
    /** A tiny RFC 4180 reader: quoted fields, doubled quotes, commas and newlines inside quotes. */
    function readCsv(file: string): Record<string, string>[] {
      // Jest runs from the project root (specs are ES modules here: no __dirname).
      const text = readFileSync(resolve('test/fixtures', file), 'utf8');
      const rows: string[][] = [];
      let row: string[] = [];
      let field = '';
      let quoted = false;
      for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quoted) {
          if (ch === '"' && text[i + 1] === '"') {
            field += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else field += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
          row.push(field);
          field = '';
        } else if (ch === '\n' || ch === '\r') {
          if (ch === '\r' && text[i + 1] === '\n') i++;
          row.push(field);
          field = '';
          if (row.some((f) => f !== '')) rows.push(row);
          row = [];
        } else field += ch;
      }
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      const [header, ...body] = rows;
      return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
    }

    const expected: Record<string, Pick<ParsedDeadline, 'kind' | 'windows'>> = {
      'Октябрь 2018': { kind: 'window', windows: [{ start: '2018-10-01', end: '2018-10-31' }] },
      'Декабрь 2018 – Январь 2019': { kind: 'window', windows: [{ start: '2018-12-01', end: '2019-01-31' }] },
      'Октябрь – Декабрь 2018': { kind: 'window', windows: [{ start: '2018-10-01', end: '2018-12-31' }] },
      'Февраль 2019': { kind: 'window', windows: [{ start: '2019-02-01', end: '2019-02-28' }] },
      'Апрель-июль 2019': { kind: 'window', windows: [{ start: '2019-04-01', end: '2019-07-31' }] },
      'Июнь 2019': { kind: 'window', windows: [{ start: '2019-06-01', end: '2019-06-30' }] },
      'Июль 2019': { kind: 'window', windows: [{ start: '2019-07-01', end: '2019-07-31' }] },
      'Июль-август 2019': { kind: 'window', windows: [{ start: '2019-07-01', end: '2019-08-31' }] },
      'Конец ноября или начало декабря 2019 или февраль 2020': {
        kind: 'alternatives',
        windows: [
          { start: '2019-11-21', end: '2019-11-30', label: 'Конец ноября' },
          { start: '2019-12-01', end: '2019-12-10', label: 'начало декабря 2019' },
          { start: '2020-02-01', end: '2020-02-29', label: 'февраль 2020' },
        ],
      },
    };

    const rows = ['wgecc-work-plan-2019.csv', 'wgecc-activities-2018.csv'].flatMap((file) =>
      readCsv(file).map((r) => ({ file, deadline: r.deadline })),
    );

    it('has deadlines to read', () => {
      expect(rows.length).toBeGreaterThanOrEqual(12);
    });

    it.each(rows)('$file: "$deadline"', ({ deadline }) => {
      expect(expected[deadline]).toBeDefined();
      expect(parseDeadline(deadline)).toEqual({ text: deadline, onRequest: false, ...expected[deadline] });
    });
  });

  describe('the table', () => {
    it('has at least 150 phrases per language and 60 errors', () => {
      expect(EN_CASES.length).toBeGreaterThanOrEqual(150);
      expect(RU_CASES.length).toBeGreaterThanOrEqual(150);
      expect(KK_CASES.length).toBeGreaterThanOrEqual(150);
      expect(ERROR_CASES.length).toBeGreaterThanOrEqual(60);
    });

    it('has no phrase twice', () => {
      const texts = [...EN_CASES, ...RU_CASES, ...KK_CASES, ...ERROR_CASES].map((c) => c.text);
      expect(new Set(texts).size).toBe(texts.length);
    });

    it.each(EN_CASES)('en: "$text"', expectCase);
    it.each(RU_CASES)('ru: "$text"', expectCase);
    it.each(KK_CASES)('kk: "$text"', expectCase);

    it.each(ERROR_CASES)('error: "$text" quotes "$unparsed"', ({ text, unparsed, reason }) => {
      const error = parseError(text);
      expect({ unparsed: error.unparsed, reason: error.reason }).toEqual({ unparsed, reason });
      expect(error.text).toBe(text);
      expect(text.includes(error.unparsed)).toBe(true);
      expect(error.message.startsWith(`Could not read the deadline "${text}": "${unparsed}" `)).toBe(true);
    });
  });

  describe('errors', () => {
    it('say in English what was not understood', () => {
      expect(parseError('Февраль 2019 примерно').message).toBe(
        'Could not read the deadline "Февраль 2019 примерно": "примерно" was not understood.',
      );
      expect(parseError('blah').message).toBe('Could not read the deadline "blah": "blah" was not understood.');
    });

    it('say when a date does not exist', () => {
      const error = parseError('31.02.2019');
      expect(error.message).toBe('Could not read the deadline "31.02.2019": "31.02.2019" is not a valid date.');
      expect(error.name).toBe('DeadlineParseError');
      expect(error).toBeInstanceOf(Error);
    });

    it('list the accepted forms, with examples in English, Russian and Kazakh', () => {
      const error = parseError('blah');
      expect(error.acceptedForms).toEqual(ACCEPTED_DEADLINE_FORMS);
      expect(error.acceptedForms.length).toBeGreaterThanOrEqual(10);
      for (const form of error.acceptedForms) expect(form.examples.length).toBeGreaterThanOrEqual(3);
    });

    it('give each error its own copy of the accepted forms', () => {
      const first = parseError('blah');
      first.acceptedForms[0].examples.push('changed');
      first.acceptedForms.pop();
      expect(parseError('blah').acceptedForms).toEqual(ACCEPTED_DEADLINE_FORMS);
    });

    it.each(ACCEPTED_DEADLINE_FORMS.flatMap((f) => f.examples))('accepted form example "%s" parses', (example) => {
      expect(() => parseDeadline(example)).not.toThrow();
    });
  });

  describe('what the result carries', () => {
    it('keeps the text exactly as given', () => {
      const text = '  Конец НОЯБРЯ   или начало декабря 2019 [по запросу] ';
      const result = parseDeadline(text);
      expect(result.text).toBe(text);
      expect(result.onRequest).toBe(true);
      expect(result.windows.map((w) => w.label)).toEqual(['Конец НОЯБРЯ', 'начало декабря 2019']);
    });

    it('labels alternatives with their fragments, fillers and abbreviation dots included', () => {
      const result = parseDeadline('в конце ноября 2019 г. или в начале декабря 2019 г.');
      expect(result.windows.map((w) => w.label)).toEqual(['в конце ноября 2019 г.', 'в начале декабря 2019 г.']);
    });

    it('does not label a single window', () => {
      expect(parseDeadline('Февраль 2019').windows[0].label).toBeUndefined();
    });

    it('rejects what is not a string', () => {
      expect(() => parseDeadline(42 as unknown as string)).toThrow(TypeError);
    });
  });

  describe('properties', () => {
    it('never fails with anything but a DeadlineParseError, and every window is well formed', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 40 }),
            fc.string({ unit: 'binary', maxLength: 40 }),
            fc.string({ maxLength: 40 }),
          ),
          expectParsesOrExplains,
        ),
        { numRuns: 2000 },
      );
    });

    /** Words and numbers the parser knows, so that random phrases reach deep into the grammar. */
    const pieces = [
      'январь',
      'февраля',
      'ноябре',
      'June',
      'Sept.',
      'қаңтар',
      'ақпанның',
      'маусымнан',
      'шілдеге',
      'қыркүйегінде',
      'начало',
      'в конце',
      'mid-',
      'end of',
      'соңы',
      'басында',
      'ортасы',
      'декада',
      'первая',
      'third',
      'үшінші',
      'квартал',
      'Q',
      'H',
      'тоқсаны',
      'полугодие',
      'half',
      'жартысы',
      'III',
      'IV',
      'весна',
      'winter',
      'қыс',
      'г.',
      'года',
      'жылдың',
      'жылғы',
      'айының',
      'year',
      'by',
      'до',
      'не позднее',
      'дейін',
      'кешіктірмей',
      'to',
      'по',
      'с',
      'from',
      'between',
      'and',
      'и',
      'мен',
      'аралығында',
      'бастап',
      'or',
      'или',
      'немесе',
      'по запросу',
      '[on request]',
      'TBD',
      'уточняется',
      '-',
      '–',
      ',',
      '/',
      ';',
      '.',
      '(',
      ')',
      '[',
      ']',
      '1',
      '3',
      '15',
      '20',
      '29',
      '31',
      '0',
      '13',
      '2019',
      '2020',
      '1899',
      '2200',
      '15.06.2019',
      '31.02.2019',
      '06.2019',
      '2019-06-15',
      '1-й',
      '3-тоқсан',
      '15-тен',
      '2019-дан',
      '3rd',
      '1st',
    ];
    const phrase = fc
      .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(' ', '', '  ', '-')), { maxLength: 8 })
      .map((parts) => parts.map(([p, sep]) => p + sep).join(''));

    it('reads random phrases of known words without failing otherwise than with a DeadlineParseError', () => {
      fc.assert(fc.property(phrase, expectParsesOrExplains), { numRuns: 5000 });
    });

    const MONTHS = {
      en: [
        'January',
        'February',
        'March',
        'April',
        'May',
        'June',
        'July',
        'August',
        'September',
        'October',
        'November',
        'December',
      ],
      ruNominative: [
        'январь',
        'февраль',
        'март',
        'апрель',
        'май',
        'июнь',
        'июль',
        'август',
        'сентябрь',
        'октябрь',
        'ноябрь',
        'декабрь',
      ],
      ruGenitive: [
        'января',
        'февраля',
        'марта',
        'апреля',
        'мая',
        'июня',
        'июля',
        'августа',
        'сентября',
        'октября',
        'ноября',
        'декабря',
      ],
      ruPrepositional: [
        'январе',
        'феврале',
        'марте',
        'апреле',
        'мае',
        'июне',
        'июле',
        'августе',
        'сентябре',
        'октябре',
        'ноябре',
        'декабре',
      ],
      kk: [
        'қаңтар',
        'ақпан',
        'наурыз',
        'сәуір',
        'мамыр',
        'маусым',
        'шілде',
        'тамыз',
        'қыркүйек',
        'қазан',
        'қараша',
        'желтоқсан',
      ],
      kkGenitive: [
        'қаңтардың',
        'ақпанның',
        'наурыздың',
        'сәуірдің',
        'мамырдың',
        'маусымның',
        'шілденің',
        'тамыздың',
        'қыркүйектің',
        'қазанның',
        'қарашаның',
        'желтоқсанның',
      ],
      kkLocative: [
        'қаңтарда',
        'ақпанда',
        'наурызда',
        'сәуірде',
        'мамырда',
        'маусымда',
        'шілдеде',
        'тамызда',
        'қыркүйекте',
        'қазанда',
        'қарашада',
        'желтоқсанда',
      ],
    };
    type Lang = 'en' | 'ru' | 'kk';
    type PartOfMonth = 'whole' | 'early' | 'mid' | 'late';

    /** Ways to write a part of a month, each language in its own word order. */
    const FORMS: Record<Lang, Record<PartOfMonth, ((m: number, y: number) => string)[]>> = {
      en: {
        whole: [(m, y) => `${MONTHS.en[m]} ${y}`, (m, y) => `in ${MONTHS.en[m]} ${y}`],
        early: [(m, y) => `early ${MONTHS.en[m]} ${y}`, (m, y) => `beginning of ${MONTHS.en[m]} ${y}`],
        mid: [(m, y) => `mid-${MONTHS.en[m]} ${y}`, (m, y) => `middle of ${MONTHS.en[m]} ${y}`],
        late: [(m, y) => `end of ${MONTHS.en[m]} ${y}`, (m, y) => `late ${MONTHS.en[m]} ${y}`],
      },
      ru: {
        whole: [(m, y) => `${MONTHS.ruNominative[m]} ${y}`, (m, y) => `в ${MONTHS.ruPrepositional[m]} ${y} года`],
        early: [(m, y) => `начало ${MONTHS.ruGenitive[m]} ${y}`, (m, y) => `в начале ${MONTHS.ruGenitive[m]} ${y} г.`],
        mid: [
          (m, y) => `середина ${MONTHS.ruGenitive[m]} ${y} года`,
          (m, y) => `в середине ${MONTHS.ruGenitive[m]} ${y}`,
        ],
        late: [(m, y) => `конец ${MONTHS.ruGenitive[m]} ${y}`, (m, y) => `в конце ${MONTHS.ruGenitive[m]} ${y} года`],
      },
      kk: {
        whole: [
          (m, y) => `${MONTHS.kk[m]} ${y}`,
          (m, y) => `${y} жылы ${MONTHS.kkLocative[m]}`,
          (m, y) => `${y} жылғы ${MONTHS.kk[m]}`,
        ],
        early: [(m, y) => `${y} жылдың ${MONTHS.kk[m]} айының басы`, (m, y) => `${MONTHS.kkGenitive[m]} басы ${y}`],
        mid: [
          (m, y) => `${y} жылдың ${MONTHS.kk[m]} айының ортасында`,
          (m, y) => `${MONTHS.kkGenitive[m]} ортасы ${y}`,
        ],
        late: [(m, y) => `${MONTHS.kkGenitive[m]} соңы ${y}`, (m, y) => `${y} жылғы ${MONTHS.kk[m]} айының соңында`],
      },
    };

    const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const pad = (n: number) => String(n).padStart(2, '0');
    const isoOf = (y: number, m: number, d: number) => `${y}-${pad(m + 1)}-${pad(d)}`;

    function expectedWindow(part: PartOfMonth, y: number, m: number): [string, string] {
      const [from, to] = { whole: [1, lastDay(y, m)], early: [1, 10], mid: [11, 20], late: [21, lastDay(y, m)] }[part];
      return [isoOf(y, m, from), isoOf(y, m, to)];
    }

    /** Upper, lower or title case, and doubled spaces: none of it matters. */
    const restyle = (text: string, style: number, spaces: boolean) => {
      const cased = style === 0 ? text : style === 1 ? text.toUpperCase() : text.toLowerCase();
      return spaces ? `  ${cased.replace(/ /g, '   ')} ` : cased;
    };

    it('round-trips every part of every month, in every language and word order', () => {
      fc.assert(
        fc.property(
          fc.constantFrom<Lang>('en', 'ru', 'kk'),
          fc.constantFrom<PartOfMonth>('whole', 'early', 'mid', 'late'),
          fc.integer({ min: 0, max: 11 }),
          fc.integer({ min: 1900, max: 2199 }),
          fc.nat(),
          fc.integer({ min: 0, max: 2 }),
          fc.boolean(),
          (lang, part, m, y, formPick, style, spaces) => {
            const forms = FORMS[lang][part];
            const text = restyle(forms[formPick % forms.length](m, y), style, spaces);
            const result = parseDeadline(text);
            expect(result.kind).toBe('window');
            expect(result.windows.map((w) => [w.start, w.end])).toEqual([expectedWindow(part, y, m)]);
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('round-trips ranges of months, the year written once, across the new year too', () => {
      fc.assert(
        fc.property(
          fc.constantFrom<Lang>('en', 'ru', 'kk'),
          fc.integer({ min: 0, max: 11 }),
          fc.integer({ min: 0, max: 11 }),
          fc.integer({ min: 1901, max: 2199 }),
          (lang, a, b, y) => {
            const text =
              lang === 'en'
                ? `${MONTHS.en[a]} – ${MONTHS.en[b]} ${y}`
                : lang === 'ru'
                  ? `с ${MONTHS.ruGenitive[a]} по ${MONTHS.ruNominative[b]} ${y} г.`
                  : `${y} жылғы ${MONTHS.kk[a]} – ${MONTHS.kk[b]}`;
            // Kazakh writes the year first: it belongs to the start. Otherwise it belongs to the end.
            const [startYear, endYear] = lang === 'kk' ? [y, a > b ? y + 1 : y] : [a > b ? y - 1 : y, y];
            expect(parseDeadline(text).windows.map((w) => [w.start, w.end])).toEqual([
              [isoOf(startYear, a, 1), isoOf(endYear, b, lastDay(endYear, b))],
            ]);
          },
        ),
        { numRuns: 2000 },
      );
    });

    it('round-trips exact dates in every language and in numbers', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }),
          fc.constantFrom<'en' | 'en-us' | 'ru' | 'kk' | 'kk-after' | 'dots' | 'iso'>(
            'en',
            'en-us',
            'ru',
            'kk',
            'kk-after',
            'dots',
            'iso',
          ),
          (ms, form) => {
            const date = new Date(ms);
            const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
            const text = {
              en: `${d} ${MONTHS.en[m]} ${y}`,
              'en-us': `${MONTHS.en[m]} ${d}, ${y}`,
              ru: `${d} ${MONTHS.ruGenitive[m]} ${y} г.`,
              kk: `${y} жылғы ${d} ${MONTHS.kk[m]}`,
              'kk-after': `${d} ${MONTHS.kk[m]} ${y} ж.`,
              dots: `${pad(d)}.${pad(m + 1)}.${y}`,
              iso: isoOf(y, m, d),
            }[form];
            const result = parseDeadline(text);
            expect(result.kind).toBe('date');
            expect(result.windows.map((w) => [w.start, w.end])).toEqual([[isoOf(y, m, d), isoOf(y, m, d)]]);
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('round-trips quarters and halves', () => {
      const ROMAN = ['I', 'II', 'III', 'IV'];
      const RU_ORDINAL = ['первый', 'второй', 'третий', 'четвертый'];
      const KK_ORDINAL = ['бірінші', 'екінші', 'үшінші', 'төртінші'];
      const EN_ORDINAL = ['first', 'second', 'third', 'fourth'];
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 1900, max: 2199 }),
          fc.integer({ min: 0, max: 7 }),
          (q, y, form) => {
            const h = q <= 2 ? q : q - 2;
            const [text, months] = [
              [`Q${q} ${y}`, 3],
              [`${ROMAN[q - 1]} квартал ${y} г.`, 3],
              [`${RU_ORDINAL[q - 1]} квартал ${y}`, 3],
              [`${y} жылдың ${q}-тоқсаны`, 3],
              [`${KK_ORDINAL[q - 1]} тоқсан ${y}`, 3],
              [`${EN_ORDINAL[q - 1]} quarter of ${y}`, 3],
              [`H${h} ${y}`, 6],
              [`${y} жылдың ${KK_ORDINAL[h - 1]} жартысы`, 6],
            ][form] as [string, number];
            const n = months === 3 ? q : h;
            const first = (n - 1) * months;
            const last = first + months - 1;
            expect(parseDeadline(text).windows.map((w) => [w.start, w.end])).toEqual([
              [isoOf(y, first, 1), isoOf(y, last, lastDay(y, last))],
            ]);
          },
        ),
        { numRuns: 1000 },
      );
    });

    it('keeps alternatives in the order written, borrowing the year written after them', () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 11 }), { minLength: 2, maxLength: 5 }),
          fc.integer({ min: 1950, max: 2150 }),
          (months, y) => {
            const text = months
              .map((m, k) => (k === months.length - 1 ? `${MONTHS.ruNominative[m]} ${y}` : MONTHS.ruNominative[m]))
              .join(' или ');
            const result = parseDeadline(text);
            expect(result.kind).toBe('alternatives');
            expect(result.windows.map((w) => Number(w.start.slice(5, 7)) - 1)).toEqual(months);
            expect(result.windows[result.windows.length - 1].start.slice(0, 4)).toBe(String(y));
            // Written in time order: each alternative starts no later than the next one.
            for (let k = 1; k < result.windows.length; k++) {
              expect(result.windows[k - 1].start.slice(0, 7) <= result.windows[k].start.slice(0, 7)).toBe(true);
            }
          },
        ),
        { numRuns: 1000 },
      );
    });
  });
});
