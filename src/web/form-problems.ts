import type { FieldProblem } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';

/** What the API said, by its wording, as a reason a reader understands in their language. */
const REASONS: [RegExp, MessageKey][] = [
  [/ISO 8601 date and time/, 'form.reason.dateTime'],
  [/ must be after startsAt/, 'form.reason.after'],
  [/must be a whole number|must not be (greater|less) than/, 'form.reason.number'],
  [/must be a URL|must be an URL|must be an http\(s\) URL/, 'form.reason.url'],
  [/must be an ISO 8601 date or time/, 'form.reason.date'],
  [/must be an email address/, 'form.reason.email'],
  [/must be a date written YYYY-MM-DD/, 'form.reason.date'],
  [/must be a UUID|must hold member ids|must be the id|no member has the id/, 'form.reason.choose'],
  [/must be one of/, 'form.reason.choice'],
  [/ISO 3166-1/, 'form.reason.country'],
  [/IANA time zone/, 'form.reason.zone'],
  [/must name at least one language/, 'form.reason.languages'],
  [/texts by language|at least one language|must be a non-empty text/, 'form.reason.name'],
  [/must be longer than or equal to 1|should not be empty/, 'form.reason.required'],
  [/must be shorter than or equal to|must be at most/, 'form.reason.long'],
];

/** Each message begins with the field's own label, never the API's field name, in the reader's language. */
export function labelledProblems(
  problems: FieldProblem[],
  labels: Record<string, string>,
  language: Language,
): FieldProblem[] {
  return problems.map(({ field, message }) => {
    const label = labels[field] ?? labels[field.split('.')[0]];
    if (!label) return { field, message };
    const reason = REASONS.find(([pattern]) => pattern.test(message));
    if (reason) return { field, message: `${label}: ${t(reason[1], language)}` };
    return { field, message: message.startsWith(`${label}:`) ? message : `${label}: ${message}` };
  });
}
