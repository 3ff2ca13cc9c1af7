import { Transform } from 'class-transformer';

/** Query strings carry text: "true"/"false" become booleans, anything else stays as given so validation names it. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  );

/** Integers in query strings; a non-number stays text so @IsInt reports it. */
export const QueryInt = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value,
  );

/** Trims surrounding white space from text input. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Upper-cases codes such as countries ("kz" → "KZ"). */
export const UpperCase = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
