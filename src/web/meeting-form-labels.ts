import type { FieldProblem } from '../common/http/api-error';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey } from '../common/i18n/messages';
import { labelledProblems } from './form-problems';

/** Each meeting form's fields, by the API's name, and the label the form shows for them. */
const LABELS: Record<string, Record<string, MessageKey>> = {
  meeting: {
    bodyId: 'mp.form.body',
    kind: 'mp.form.kind',
    number: 'mp.form.number',
    title: 'mp.form.title.en',
    timeZone: 'mp.form.timeZone',
    startsAt: 'mp.form.startsAt',
    endsAt: 'mp.form.endsAt',
    'location.venue': 'mp.form.venue',
    'location.city': 'mp.form.city',
    'location.countryCode': 'mp.form.countryCode',
    onlineUrl: 'mp.form.onlineUrl',
    description: 'mp.form.description',
  },
  options: {
    startsAt: 'mp.form.startsAt',
    endsAt: 'mp.form.endsAt',
    text: 'mp.options.text',
    label: 'mp.options.label',
  },
  poll: { memberIds: 'mp.audience.members', closesAt: 'mp.poll.closesAt' },
  pollAnswer: { memberId: 'mp.answer.member', optionId: 'mp.poll.option', answer: 'mp.poll.answer' },
  confirm: { dateOptionId: 'mp.confirm.option', startsAt: 'mp.form.startsAt', endsAt: 'mp.form.endsAt' },
  invite: { memberIds: 'mp.audience.members' },
  answer: {
    memberId: 'mp.answer.member',
    response: 'mp.answer.response',
    delegateMemberId: 'mp.answer.delegate',
    note: 'mp.answer.note',
  },
  attendance: { records: 'mp.attendance.title' },
  agenda: {
    title: 'mp.agenda.item.en',
    order: 'mp.agenda.title',
    durationMinutes: 'mp.agenda.duration',
    presenterId: 'mp.agenda.presenter',
  },
  minutes: { text: 'mp.minutes.text' },
};

/** The problems of a meeting form worded with the form's own labels in the reader's language, once per field. */
export function meetingFormProblems(form: string, problems: FieldProblem[], language: Language): FieldProblem[] {
  const labels = Object.fromEntries(
    Object.entries(LABELS[form] ?? {}).map(([field, key]) => [field, t(key, language)]),
  );
  for (const { field } of problems) {
    const row = /^decisions\.(\d+)\.(text|actionItems\.0\.activity|actionItems\.0\.deadline)$/.exec(field);
    if (!row) continue;
    const n = String(Number(row[1]) + 1);
    labels[field] =
      row[2] === 'text'
        ? t('mp.minutes.decision.text', language, { n })
        : row[2].endsWith('activity')
          ? t('mp.minutes.action', language, { n })
          : `${t('mp.minutes.decision', language, { n })} — ${t('mp.minutes.deadline', language)}`;
  }
  // One message per field: the first reason the API gave is the one to fix first.
  const seen = new Set<string>();
  return labelledProblems(problems, labels, language).filter(({ field }) => !seen.has(field) && seen.add(field));
}
