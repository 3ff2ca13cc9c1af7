import { DateTime } from 'luxon';

const MONTHS: Record<string, number> = {};
const names: [number, string[]][] = [
  [1, ['jan', 'january', 'январ', 'января', 'январь', 'қаңтар']],
  [2, ['feb', 'february', 'феврал', 'февраля', 'февраль', 'ақпан']],
  [3, ['mar', 'march', 'март', 'марта', 'наурыз']],
  [4, ['apr', 'april', 'апрел', 'апреля', 'апрель', 'сәуір']],
  [5, ['may', 'мая', 'май', 'мамыр']],
  [6, ['jun', 'june', 'июня', 'июнь', 'маусым']],
  [7, ['jul', 'july', 'июля', 'июль', 'шілде']],
  [8, ['aug', 'august', 'августа', 'август', 'тамыз']],
  [9, ['sep', 'sept', 'september', 'сентября', 'сентябрь', 'қыркүйек']],
  [10, ['oct', 'october', 'октября', 'октябрь', 'қазан']],
  [11, ['nov', 'november', 'ноября', 'ноябрь', 'қараша']],
  [12, ['dec', 'december', 'декабря', 'декабрь', 'желтоқсан']],
];
for (const [month, words] of names) for (const word of words) MONTHS[word] = month;

/** A month named in any of the three languages, also inflected ("наурызға", "марта"). */
function monthOf(word: string): number | null {
  const lower = word.toLowerCase();
  if (MONTHS[lower]) return MONTHS[lower];
  const stem = Object.keys(MONTHS)
    .filter((name) => name.length >= 4 && lower.startsWith(name))
    .sort((a, b) => b.length - a.length)[0];
  return stem ? MONTHS[stem] : null;
}

const MONTH_WORD = '([a-zа-яёәғқңөұүһі]+)';
const PATTERNS: { regex: RegExp; read: (m: RegExpExecArray) => [number | null, number, number] | null }[] = [
  { regex: /(\d{4})-(\d{2})-(\d{2})/g, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  {
    regex: /\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b/g,
    read: (m) => [Number(m[3].length === 2 ? `20${m[3]}` : m[3]), Number(m[2]), Number(m[1])],
  },
  {
    regex: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_WORD}\\.?(?:\\s+(\\d{4}))?`, 'giu'),
    read: (m) => {
      const month = monthOf(m[2]);
      return month ? [m[3] ? Number(m[3]) : null, month, Number(m[1])] : null;
    },
  },
  {
    regex: new RegExp(`(?<![\\p{L}\\d])${MONTH_WORD}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?`, 'giu'),
    read: (m) => {
      const month = monthOf(m[1]);
      return month ? [m[3] ? Number(m[3]) : null, month, Number(m[2])] : null;
    },
  },
];

/** Words after which an out-of-office message names the day the person is back or away until. */
const UNTIL = /(until|till|through|returning|return on|back on|back in the office on|до|по|вернусь|дейін|қайтамын)/i;

/**
 * The day an out-of-office reply says its writer is away until, or null: the first date after a word such
 * as "until", "до" or "дейін", else the first date in the text; a date without a year is the next one.
 */
export function readAwayUntil(text: string, received: Date, zone = 'UTC'): string | null {
  const sample = text.slice(0, 2000);
  const today = DateTime.fromJSDate(received, { zone }).startOf('day');
  const found: { at: number; day: DateTime }[] = [];
  for (const { regex, read } of PATTERNS) {
    regex.lastIndex = 0;
    for (let m = regex.exec(sample); m; m = regex.exec(sample)) {
      const parts = read(m);
      if (!parts) continue;
      const [year, month, day] = parts;
      let date = DateTime.fromObject({ year: year ?? today.year, month, day }, { zone });
      if (!date.isValid) continue;
      if (year === null && date < today) date = date.plus({ years: 1 });
      // A date long past or years ahead is not a return date (a signature, a reference number).
      if (date < today.minus({ days: 1 }) || date > today.plus({ years: 1 })) continue;
      found.push({ at: m.index, day: date });
    }
  }
  if (found.length === 0) return null;
  found.sort((a, b) => a.at - b.at);
  const afterWord = found.find(({ at }) => UNTIL.test(sample.slice(Math.max(0, at - 30), at)));
  return (afterWord ?? found[0]).day.toISODate();
}
