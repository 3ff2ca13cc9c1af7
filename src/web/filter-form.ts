import type { Request } from 'express';

/** What a GET filter form sent, field by field ('' for a field left empty), to validate and to show again as typed. */
export function typedFilters<F extends string>(query: Request['query'], fields: readonly F[]): Record<F, string> {
  return Object.fromEntries(
    fields.map((field) => [field, typeof query[field] === 'string' ? query[field].trim() : '']),
  ) as Record<F, string>;
}

/** One <option> of a filter, selected when it is what the form sent. */
export const filterOption = (value: string, label: string, chosen: string | undefined) => ({
  value,
  label,
  selected: value === chosen,
});
