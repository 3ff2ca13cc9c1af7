/** Why a deadline could not be read; lets callers word the message in the reader's language. */
export type DeadlineParseReason = 'not_understood' | 'invalid_date' | 'missing_year' | 'reversed_range';

export interface AcceptedDeadlineForm {
  readonly form: string;
  readonly examples: readonly string[];
}

/** Shown to whoever typed a deadline we could not read. Every example here is tested to parse. */
export const ACCEPTED_DEADLINE_FORMS: readonly AcceptedDeadlineForm[] = Object.freeze(
  [
    { form: 'month and year', examples: ['February 2019', 'Февраль 2019', 'ақпан 2019'] },
    {
      form: 'part of a month (days 1–10, 11–20, 21–end)',
      examples: ['end of November 2019', 'конец ноября 2019', '2019 жылдың қараша айының соңы'],
    },
    {
      form: 'exact date',
      examples: ['15 June 2019', '15 июня 2019 г.', '2019 жылғы 15 маусым', '15.06.2019', '2019-06-15'],
    },
    {
      form: 'range of months or days',
      examples: [
        'April–July 2019',
        'Апрель-июль 2019',
        'сәуір – шілде 2019',
        '15–20 June 2019',
        'с 15 по 20 июня 2019',
      ],
    },
    { form: 'quarter', examples: ['Q3 2019', 'III квартал 2019', '2019 жылдың 3-тоқсаны'] },
    { form: 'half-year', examples: ['first half of 2020', 'первое полугодие 2020', '2020 жылдың бірінші жартысы'] },
    { form: 'year', examples: ['during 2019', 'в 2019 году', '2019 жылы'] },
    { form: 'season', examples: ['spring 2019', 'весна 2019', 'көктем 2019'] },
    { form: 'by a date', examples: ['by 15 June 2019', 'до конца марта 2019', '2019 жылғы 15 маусымға дейін'] },
    {
      form: 'alternatives',
      examples: [
        'end of November or early December 2019',
        'Конец ноября или начало декабря 2019 или февраль 2020',
        'қараша немесе желтоқсан 2019',
      ],
    },
    { form: 'on request', examples: ['on request', '[по запросу]', 'сұраныс бойынша'] },
    { form: 'not fixed yet', examples: ['TBD', 'уточняется', 'анықталады'] },
  ].map((f) => Object.freeze({ form: f.form, examples: Object.freeze(f.examples) })),
);

const REASON_TEXT: Readonly<Record<DeadlineParseReason, string>> = {
  not_understood: 'was not understood',
  invalid_date: 'is not a valid date',
  missing_year: 'has no year',
  reversed_range: 'ends before it starts',
};

export class DeadlineParseError extends Error {
  override readonly name = 'DeadlineParseError';
  readonly text: string;
  readonly unparsed: string;
  readonly reason: DeadlineParseReason;
  readonly acceptedForms: { form: string; examples: string[] }[];

  constructor(text: string, unparsed: string, reason: DeadlineParseReason = 'not_understood') {
    super(`Could not read the deadline "${text}": "${unparsed}" ${REASON_TEXT[reason]}.`);
    this.text = text;
    this.unparsed = unparsed;
    this.reason = reason;
    // A copy, so a caller that edits its error cannot change what the next one shows.
    this.acceptedForms = ACCEPTED_DEADLINE_FORMS.map((f) => ({ form: f.form, examples: [...f.examples] }));
  }
}
