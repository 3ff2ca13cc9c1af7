import { isPluralElement, isSelectElement, isTagElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from './languages';
import { CATALOGS, t } from './messages';

/** Every argument of a message with its kind (plain, number, date, plural…), plurals checked on the way. */
function argumentsOf(
  elements: MessageFormatElement[],
  language: string,
  problems: string[],
  into = new Map<string, string>(),
) {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (isTagElement(element)) {
      argumentsOf(element.children, language, problems, into);
      continue;
    }
    into.set(element.value, TYPE[element.type]);
    if (isPluralElement(element)) {
      const type = element.pluralType === 'ordinal' ? 'ordinal' : 'cardinal';
      const needed = new Intl.PluralRules(language, { type }).resolvedOptions().pluralCategories as string[];
      const given = Object.keys(element.options);
      for (const category of needed)
        if (!given.includes(category)) problems.push(`{${element.value}} lacks the ${type} form “${category}”`);
      for (const option of given)
        if (!option.startsWith('=') && !needed.includes(option))
          problems.push(`{${element.value}} has a form “${option}” ${language} never uses`);
    }
    if (isPluralElement(element) || isSelectElement(element))
      for (const option of Object.values(element.options)) argumentsOf(option.value, language, problems, into);
  }
  return into;
}

/** What each message of a catalog names, or why it cannot be used. */
function read(language: (typeof LANGUAGES)[number]) {
  const messages = new Map<string, { args: Map<string, string>; problems: string[] }>();
  for (const [key, text] of Object.entries(CATALOGS[language])) {
    const problems: string[] = [];
    let args = new Map<string, string>();
    try {
      args = argumentsOf(parse(text, { ignoreTag: true, requiresOtherClause: true }), language, problems);
    } catch (error) {
      problems.push(`does not parse: ${(error as Error).message}`);
    }
    messages.set(key, { args, problems });
  }
  return messages;
}

describe('message catalogs', () => {
  const catalogs = Object.fromEntries(LANGUAGES.map((language) => [language, read(language)]));
  const keys = [...catalogs.en.keys()];

  it.each(LANGUAGES)('%s has exactly the keys of the English catalog', (language) => {
    expect([...catalogs[language].keys()].filter((key) => !catalogs.en.has(key))).toEqual([]);
    expect(keys.filter((key) => !catalogs[language].has(key))).toEqual([]);
  });

  it.each(LANGUAGES)('every %s message parses, with every plural form its language needs', (language) => {
    const problems = [...catalogs[language]].flatMap(([key, message]) =>
      message.problems.map((problem) => `${key}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    '%s messages name the same arguments as the English ones',
    (language) => {
      const mismatches = keys.flatMap((key) => {
        const own = catalogs[language].get(key)?.args;
        const english = catalogs.en.get(key)!.args;
        if (!own) return [];
        const names = (args: Map<string, string>) => [...args.keys()].sort().join(', ');
        // A count may be a plural in one language and a plain number in another, but never a date in one and text in another.
        const dates = (args: Map<string, string>) =>
          [...args]
            .filter(([, type]) => type === 'date' || type === 'time')
            .map(([name]) => name)
            .sort()
            .join(', ');
        return names(own) === names(english) && dates(own) === dates(english)
          ? []
          : [`${key}: {${names(english)}} in English, {${names(own)}} in ${language}`];
      });
      expect(mismatches).toEqual([]);
    },
  );

  it('says counts as each language counts', () => {
    expect(t('wpp.import.done', 'en', { count: 1 })).toBe('1 activity was imported.');
    expect(t('wpp.import.done', 'en', { count: 8 })).toBe('8 activities were imported.');
    expect(t('wpp.import.done', 'ru', { count: 3 })).toBe('Загружено 3 мероприятия.');
    expect(t('wpp.import.done', 'ru', { count: 21 })).toBe('Загружено 21 мероприятие.');
    expect(t('wpp.import.done', 'ru', { count: 11 })).toBe('Загружено 11 мероприятий.');
    expect(t('wpp.import.done', 'kk', { count: 21 })).toBe('21 іс-шара жүктелді.');
    expect(t('email.activities', 'ru', { count: 1 })).toBe('1 мероприятие');
    expect(t('email.inDays', 'ru', { days: 1 })).toBe('завтра');
    expect(t('email.inDays', 'ru', { days: 22 })).toBe('через 22 дня');
    expect(t('email.inDays', 'en', { days: 5 })).toBe('in 5 days');
  });

  it('writes ordinals and numbers as each language does', () => {
    const nth = (n: number, language: (typeof LANGUAGES)[number]) =>
      t('email.meetingNumber', language, { n, kind: 'working_group' });
    expect([1, 2, 3, 4, 11, 12, 13, 21, 101, 102, 111, 123].map((n) => nth(n, 'en').split(' ')[0])).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '101st',
      '102nd',
      '111th',
      '123rd',
    ]);
    expect(nth(101, 'en')).toBe('101st meeting of the Working Group (WGECC)');
    expect(nth(101, 'ru')).toBe('101-е заседание Рабочей группы (РГОСИК)');
    expect(nth(101, 'kk')).toBe('Жұмыс тобының 101-отырысы');
    expect(t('email.meetingNumber', 'ru', { n: 3, kind: 'workshop' })).toBe('3-й семинар');
    // Thousands and decimals by locale (Russian and Kazakh group with a no-break space, decimals with a comma).
    expect(t('wpp.filter.count', 'en', { shown: 1200, total: 1500 })).toBe('1,200 of 1,500 activities shown.');
    expect(t('wpp.filter.count', 'ru', { shown: 1200, total: 1500 }).replace(/\s/g, ' ')).toBe(
      'Показано 1 200 из 1 500 мероприятий.',
    );
    expect(t('bodies.since', 'ru', { date: '1 марта 2024 г.', years: 1.5 })).toBe('с 1 марта 2024 г. (1,5 года)');
  });

  it('has every key the page and email templates ask for', () => {
    const templates = join(process.cwd(), 'templates');
    const files = readdirSync(templates, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.hbs'));
    const unknown = files.flatMap((file) =>
      [...readFileSync(join(templates, file), 'utf8').matchAll(/\{\{t "([^"]+)"/g)]
        .map((match) => match[1])
        .filter((key) => !catalogs.en.has(key))
        .map((key) => `${file}: ${key}`),
    );
    expect(files.length).toBeGreaterThan(50);
    expect(unknown).toEqual([]);
  });

  it('shows an argument left out as its name rather than failing the page', () => {
    expect(t('page.confirm.lead', 'en')).toBe('This will be recorded for {name}:');
  });
});
