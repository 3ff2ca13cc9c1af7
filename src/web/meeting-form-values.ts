import { DateTime } from 'luxon';
import { languageOf } from '../common/i18n/languages';
import { isValidTimeZone } from '../common/time/time-zone';
import { idOfChoice } from './person-choice';

/** What a meeting form posts, turned into the body the API takes, so that the API's own DTO judges it. */
export type FormBody = Record<string, unknown>;

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);
const WALL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
/** A person picked from the page's shared list: the id at the end of the entry. */
const chosenId = (value: unknown): string | undefined => {
  const given = text(value);
  return given === undefined ? undefined : idOfChoice(given);
};

export function nestFields(values: FormBody): FormBody {
  const root: FormBody = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    const path = name.split('.');
    if (path.some((key) => UNSAFE.has(key))) continue;
    let node = root as Record<string, unknown>;
    path.forEach((key, i) => {
      if (i === path.length - 1) node[key] = value;
      else node = (node[key] ??= /^\d+$/.test(path[i + 1]) ? [] : {}) as Record<string, unknown>;
    });
  }
  return compact(root) as FormBody;
}

/** Rows left blank leave holes in arrays; the API numbers what is there. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  return value;
}

/** Every IANA zone the runtime knows, for the form's searchable list. */
export const TIME_ZONES: readonly string[] = (() => {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
})();

/** A datetime-local box ("2031-11-27T10:00") holds wall time where the meeting happens; the API takes an instant. */
export function instantIn(value: unknown, zone: string): unknown {
  const typed = text(value);
  if (typed === undefined || !WALL_TIME.test(typed)) return typed;
  const instant = DateTime.fromISO(typed, { zone: isValidTimeZone(zone) ? zone : 'UTC' });
  return instant.isValid ? instant.toISO({ suppressMilliseconds: true }) : typed;
}

export function wallTime(instant: string | null, zone: string): string {
  return instant ? DateTime.fromISO(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

/** "9" is the number 9; anything else stays as typed. */
function wholeNumber(value: unknown): unknown {
  const typed = text(value);
  return typed !== undefined && /^-?\d{1,9}$/.test(typed) ? Number(typed) : typed;
}

export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

const ticked = (value: unknown) => value === 'on' || value === 'true';

export function meetingInput(body: FormBody, current?: { startsAt: string; endsAt: string }): FormBody {
  const zone = text(body.timeZone) ?? '';
  const cleared = current ? null : undefined;
  const optional = (value: unknown) => text(value) ?? cleared;
  const location = nestFields({
    venue: body['location.venue'],
    city: body['location.city'],
    countryCode: body['location.countryCode'],
  });
  const input: FormBody = {
    kind: text(body.kind),
    number: wholeNumber(body.number) ?? cleared,
    title: nestFields({ en: body['title.en'], ru: body['title.ru'], kk: body['title.kk'] }),
    timeZone: text(body.timeZone),
    startsAt: current && text(body.startsAt) === current.startsAt ? undefined : instantIn(body.startsAt, zone),
    endsAt: current && text(body.endsAt) === current.endsAt ? undefined : instantIn(body.endsAt, zone),
    location: Object.keys(location).length ? { venue: null, city: null, countryCode: null, ...location } : cleared,
    onlineUrl: optional(body.onlineUrl),
    description: optional(body.description),
    translations: translationsInput(body, !!current),
    documentDeadlines: deadlinesInput(body, !!current),
  };
  if (!current)
    Object.assign(input, { bodyId: text(body.bodyId), status: ticked(body.tentative) ? 'tentative' : undefined });
  return dropUndefined(input);
}

/** The meeting's own document deadlines; both boxes blank: the body's rule (cleared when editing). */
function deadlinesInput(body: FormBody, editing: boolean): FormBody | null | undefined {
  const documentsDays = wholeNumber(body['documentDeadlines.documentsDays']);
  const translationsDays = wholeNumber(body['documentDeadlines.translationsDays']);
  if (documentsDays === undefined && translationsDays === undefined) return editing ? null : undefined;
  return { documentsDays: documentsDays ?? null, translationsDays: translationsDays ?? null };
}

/** The ru/kk boxes ("translations.ru.venue"); when editing, all of them emptied clears the translations. */
function translationsInput(body: FormBody, editing: boolean): FormBody | undefined {
  const boxes = Object.fromEntries(Object.entries(body).filter(([name]) => name.startsWith('translations.')));
  const nested = nestFields(boxes).translations as FormBody | undefined;
  return nested ?? (editing ? {} : undefined);
}

export function dateOptionInput(body: FormBody, zone: string): FormBody {
  return dropUndefined({
    startsAt: instantIn(body.startsAt, zone),
    endsAt: instantIn(body.endsAt, zone),
    text: text(body.text),
    label: text(body.label),
  });
}

export function audienceInput(body: FormBody, zone?: string): FormBody {
  const memberIds = listOf(body.memberIds);
  return dropUndefined({
    fromBody: ticked(body.fromBody) ? true : undefined,
    memberIds: memberIds.length ? memberIds : undefined,
    closesAt: zone === undefined ? undefined : instantIn(body.closesAt, zone),
  });
}

export function confirmInput(body: FormBody, zone: string): FormBody {
  return dropUndefined({
    dateOptionId: text(body.dateOptionId),
    startsAt: instantIn(body.startsAt, zone),
    endsAt: instantIn(body.endsAt, zone),
  });
}

export function responseInput(body: FormBody): FormBody {
  return dropUndefined({
    response: text(body.response),
    delegateMemberId: chosenId(body.delegateMemberId),
    note: text(body.note),
  });
}

export function attendanceInput(body: FormBody): FormBody {
  const attended = new Set(listOf(body.attended));
  return { records: listOf(body.participants).map((memberId) => ({ memberId, attended: attended.has(memberId) })) };
}

export function agendaInput(body: FormBody): FormBody {
  return dropUndefined({
    title: nestFields({ en: body['title.en'], ru: body['title.ru'], kk: body['title.kk'] }),
    durationMinutes: wholeNumber(body.durationMinutes),
    presenterId: chosenId(body.presenterId),
  });
}

export function minutesInput(body: FormBody): FormBody {
  const { decisions } = nestFields(
    Object.fromEntries(Object.entries(body).filter(([name]) => name.startsWith('decisions.'))),
  );
  // One member chosen arrives as a string; the API takes a list.
  if (Array.isArray(decisions))
    for (const decision of decisions as { actionItems?: { responsibleMemberIds?: unknown }[] }[])
      for (const action of Array.isArray(decision?.actionItems) ? decision.actionItems : [])
        if (action && action.responsibleMemberIds !== undefined)
          action.responsibleMemberIds = listOf(action.responsibleMemberIds);
  return dropUndefined({ text: text(body.text) ?? '', decisions });
}

export function approveInput(body: FormBody): FormBody {
  const title = text(body['newWorkPlan.title']);
  const period = text(body['newWorkPlan.period']);
  return dropUndefined({
    workPlanId: text(body.workPlanId),
    newWorkPlan:
      title || period
        ? dropUndefined({ title: title ? { [languageOf(title)]: title } : undefined, period })
        : undefined,
  });
}

function dropUndefined(input: FormBody): FormBody {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}
