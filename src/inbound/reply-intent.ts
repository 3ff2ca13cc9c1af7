export const SUGGESTED_ACTIONS = ['attend', 'decline', 'done', 'in_progress', 'more_time'] as const;
export type SuggestedAction = (typeof SUGGESTED_ACTIONS)[number];

/** What a reply is about decides which answers make sense: a meeting is attended, an activity is done. */
export type ReplySubject = 'meeting' | 'item' | null;

export interface Suggestion {
  action: SuggestedAction;
  /** 0..1: how sure the reading is; the secretariat decides either way. */
  confidence: number;
  /** The words that were read, as written. */
  phrase: string;
}

const MEETING_ACTIONS: SuggestedAction[] = ['attend', 'decline'];
const ITEM_ACTIONS: SuggestedAction[] = ['done', 'in_progress', 'more_time'];

/** A salutation on its own line says nothing of the answer: "Dear Lucia,", "Здравствуйте!", "Құрметті әріптестер,". */
const GREETING =
  /^(?:dear|hello|hi|good (?:morning|afternoon|day)|здравствуйте|добрый (?:день|вечер)|уважаем\p{L}*|сәлеметсіз бе|құрметті|қайырлы күн)(?!\p{L})(?:\s+[\p{L}.-]+){0,3}\s*[,!.]?$/iu;

/** Lines read: the answer comes first; what follows is detail, greetings or a signature. */
const LINES_READ = 4;

// "not", "не", "n't" right before an agreeing phrase turn it around; each language's refusals are listed too.
const NEGATED = String.raw`(?<!(?:\bnot|n't|\bnever|(?<!\p{L})не|(?<!\p{L})ни)\s+(?:\p{L}+\s+)?)`;

interface Phrase {
  action: SuggestedAction;
  pattern: RegExp;
  /** A plain "yes"/"к сожалению" says less than "I will attend". */
  strength: number;
}

function phrases(action: SuggestedAction, strength: number, words: string[], guard = ''): Phrase[] {
  return words.map((word) => ({
    action,
    strength,
    pattern: new RegExp(`${guard}(?<!\\p{L})(?:${word})(?!\\p{L})`, 'iu'),
  }));
}

const PHRASES: Phrase[] = [
  ...phrases('decline', 1, [
    "(?:can ?not|can't|won't|will not|shall not|unable to|not able to|unfortunately cannot) (?:attend|participate|join|come|make it|be there)",
    'i (?:have to|must|regret to) decline',
    'i decline',
    'не (?:смогу|сможем|получится|буду|будем|приду|придем|приеду|примем|приму|участвую|могу)',
    'к сожалению,? не',
    'вынужден[аы]? отказаться',
    'отказываюсь',
    'қатыса алмаймын',
    'қатыса алмаймыз',
    'қатыспаймын',
    'қатыспаймыз',
    'келе алмаймын',
    'келе алмаймыз',
  ]),
  ...phrases('decline', 0.6, ['regret', 'unfortunately', 'к сожалению', 'өкінішке (?:орай|қарай)']),
  ...phrases(
    'attend',
    1,
    [
      "i(?:'ll| will| shall) (?:attend|participate|join|come|be there)",
      'will (?:attend|participate|be there)',
      'count me in',
      'confirm(?:ing)? (?:my|our) (?:participation|attendance)',
      'i accept',
      'буду',
      'будем',
      'приду',
      'придем',
      'приеду',
      'приму участие',
      'примем участие',
      'участвую',
      'подтверждаю (?:свое |своё )?участие',
      'қатысамын',
      'қатысамыз',
      'келемін',
      'келеміз',
      'қатысуымды растаймын',
    ],
    NEGATED,
  ),
  ...phrases('attend', 0.5, ['yes', 'да', 'иә', 'confirmed?', 'подтверждаю', 'растаймын'], NEGATED),
  ...phrases('more_time', 1, [
    'need(?:s|ed)? (?:some |a bit )?more time',
    'more time',
    '(?:an )?extension',
    'next week',
    '(?:extend|postpone|move) the deadline',
    'нужно (?:больше|еще|ещё|дополнительное) (?:время|времени)',
    'нужно больше времени',
    'нужно время',
    'на следующей неделе',
    '(?:продлить|перенести|сдвинуть) срок',
    'не успева(?:ю|ем)',
    'не успе(?:ю|ем)',
    'келесі аптада',
    '(?:қосымша|көбірек) уақыт (?:керек|қажет)',
    'мерзімді (?:ұзарту|ауыстыру)',
  ]),
  ...phrases('in_progress', 1, [
    'in progress',
    'working on it',
    'under ?way',
    'ongoing',
    'в процессе',
    'в работе',
    'работаем над',
    'выполняется',
    'процесте',
    'орындалуда',
    'орындалып жатыр',
    'жұмыс (?:істеп|жасап) жатыр(?:мыз|мын)',
  ]),
  ...phrases('in_progress', 0.8, [
    'not (?:yet )?(?:done|finished|completed)',
    'еще не (?:готово|выполнено|завершено)',
    'әлі (?:дайын емес|аяқталған жоқ)',
  ]),
  ...phrases(
    'done',
    1,
    [
      'done',
      '(?:has been |is |was )?completed',
      'finished',
      'выполнено',
      'выполнили',
      'сделано',
      'сделали',
      'готово',
      'завершено',
      'исполнено',
      'орындалды',
      'аяқталды',
      'дайын',
      'жасалды',
    ],
    NEGATED,
  ),
];

/**
 * Reads the suggested answer from the first lines of a reply (en, ru, kk). Only a suggestion: the
 * secretariat applies it, or not. Null when nothing fits what the reply is about.
 */
export function suggestAction(text: string, subject: ReplySubject): Suggestion | null {
  const allowed = subject === 'meeting' ? MEETING_ACTIONS : subject === 'item' ? ITEM_ACTIONS : SUGGESTED_ACTIONS;
  const lines = text
    .replace(/ё/g, 'е')
    .replace(/Ё/g, 'Е')
    .replace(/[’‘`]/g, "'")
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !GREETING.test(line))
    .slice(0, LINES_READ);
  let best: (Suggestion & { score: number }) | null = null;
  lines.forEach((line, index) => {
    for (const phrase of PHRASES) {
      if (!allowed.includes(phrase.action)) continue;
      const match = phrase.pattern.exec(line);
      if (!match) continue;
      // Earlier lines count more: "Done." above "The next report is in progress" answers done.
      const score = phrase.strength * (1 - index * 0.15) - match.index / 10_000;
      if (!best || score > best.score) {
        const confidence = Math.round(Math.min(0.95, phrase.strength * (0.9 - index * 0.1)) * 100) / 100;
        best = { action: phrase.action, confidence, phrase: match[0], score };
      }
    }
  });
  if (!best) return null;
  const { action, confidence, phrase } = best as Suggestion & { score: number };
  return { action, confidence, phrase };
}
