import type { FieldProblem } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { listOf, nestFields } from './meeting-form-values';
import type { FormBody } from './meeting-form-values';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** "water, air quality" as the list the API takes; a blank box is no list. */
function commaList(value: unknown): string[] | undefined {
  const typed = text(value);
  return typed === undefined
    ? undefined
    : typed
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
}

/** "14, 3, 0" (days) as ISO durations; anything else is passed on as typed, for the DTO to name. */
function offsetList(value: unknown): string[] | undefined {
  return commaList(value)?.map((v) => (/^\d{1,3}$/.test(v) ? `P${Number(v)}D` : v));
}

/** Back from ISO durations to the days the form shows ("P14D" → "14"). */
export function offsetsText(offsets: string[] | null): string {
  return (offsets ?? []).map((o) => /^P(\d+)D$/.exec(o)?.[1] ?? o).join(', ');
}

function dropUndefined(input: FormBody): FormBody {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

/** The plan form; when editing, the body is not asked again. */
export function planInput(body: FormBody, editing: boolean): FormBody {
  return dropUndefined({
    bodyId: editing ? undefined : text(body.bodyId),
    title: nestFields({ en: body['title.en'], ru: body['title.ru'], kk: body['title.kk'] }),
    period: text(body.period) ?? (editing ? undefined : ''),
    status: text(body.status),
  });
}

/** The activity form. */
export function itemInput(body: FormBody, editing: boolean): FormBody {
  const cleared = editing ? null : undefined;
  const emptied = editing ? [] : undefined;
  return dropUndefined({
    activity: nestFields({ en: body['activity.en'], ru: body['activity.ru'], kk: body['activity.kk'] }),
    deadline: text(body.deadline) ?? (editing ? '' : undefined),
    executor: text(body.executor) ?? cleared,
    responsibleMemberIds: listOf(body.responsibleMemberIds).length ? listOf(body.responsibleMemberIds) : emptied,
    topics: commaList(body.topics) ?? emptied,
    countries: commaList(body.countries) ?? emptied,
    notes: text(body.notes) ?? cleared,
    reminderOffsets: offsetList(body.reminderOffsets) ?? cleared,
  });
}

export function statusInput(body: FormBody): FormBody {
  return dropUndefined({ status: text(body.status) ?? '', changeNote: text(body.changeNote) });
}

/** For each field of the API, the form's label and what to say, in the reader's language. */
export type FieldWords = Record<string, { label: MessageKey; message: MessageKey }>;

export const PLAN_FIELDS: FieldWords = {
  bodyId: { label: 'wpp.plan.body', message: 'wpp.error.bodyId' },
  title: { label: 'wpp.plan.title', message: 'wpp.error.title' },
  period: { label: 'wpp.plan.period', message: 'wpp.error.period' },
  status: { label: 'wpp.plan.status', message: 'wpp.error.status' },
};

export const ITEM_FIELDS: FieldWords = {
  activity: { label: 'wpp.item.activity', message: 'wpp.error.activity' },
  deadline: { label: 'wpp.item.deadline', message: 'wpp.error.deadline' },
  executor: { label: 'wpp.item.executor', message: 'wpp.error.executor' },
  responsibleMemberIds: { label: 'wpp.item.responsible', message: 'wpp.error.responsible' },
  topics: { label: 'wpp.item.topics', message: 'wpp.error.topics' },
  countries: { label: 'wpp.item.countries', message: 'wpp.error.countries' },
  notes: { label: 'wpp.item.notes', message: 'wpp.error.notes' },
  reminderOffsets: { label: 'wpp.item.offsets', message: 'wpp.error.offsets' },
  status: { label: 'wpp.item.status.new', message: 'wpp.error.status' },
  changeNote: { label: 'wpp.item.status.comment', message: 'wpp.error.comment' },
};

/**
 * The API's field problems as the form shows them: beside each field (keyed by the API's top-level field) a sentence
 * in the reader's language, and in the summary "Label: sentence".
 */
export function formProblems(
  problems: FieldProblem[],
  words: FieldWords,
  language: Language,
): { errors: Record<string, string>; summary: string[] } {
  const errors: Record<string, string> = {};
  const summary: string[] = [];
  for (const { field } of problems) {
    const top = field.split('.')[0];
    const known = words[top];
    if (!known) {
      const other = t('wpp.error.other', language);
      if (!summary.includes(other)) summary.push(other);
      continue;
    }
    if (errors[top]) continue;
    errors[top] = t(known.message, language);
    summary.push(`${t(known.label, language)}: ${errors[top]}`);
  }
  return { errors, summary };
}
