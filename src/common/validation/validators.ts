import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidTimeZone } from '../time/time-zone';
import { COUNTRY_CODES } from './country-codes';
import { parseOffset } from '../../reminders/reminder-policy';

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: '$property must be an IANA time zone such as "Asia/Almaty" or "Europe/Brussels"',
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value) },
    });
}

export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCountryCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an ISO 3166-1 alpha-2 country code (such as KZ) or EU', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && COUNTRY_CODES.has(value) },
    });
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const LANGUAGE_KEYS = ['en', 'ru', 'kk'];

function localizedProblem(value: unknown, maxLength: number): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be an object with texts by language, e.g. {"en": "…", "ru": "…", "kk": "…"}';
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const unknownKey = entries.find(([key]) => !LANGUAGE_KEYS.includes(key));
  if (unknownKey) return `has an unknown language "${unknownKey[0]}" (use en, ru or kk)`;
  if (entries.length === 0) return 'must have a text in at least one language (en, ru or kk)';
  for (const [key, text] of entries) {
    if (typeof text !== 'string' || text.trim() === '') return `.${key} must be a non-empty text`;
    if (text.length > maxLength) return `.${key} must be at most ${maxLength} characters`;
  }
  return null;
}

export function IsLocalizedText(maxLength = 500, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLocalizedText',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => localizedProblem(value, maxLength) === null,
        defaultMessage: (args) => `${args?.property} ${localizedProblem(args?.value, maxLength)}`,
      },
    });
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: '$property must be an ISO 8601 date and time with an offset, e.g. 2019-12-03T10:00:00+05:00',
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          INSTANT.test(value) &&
          !Number.isNaN(Date.parse(value)) &&
          isCalendarDate(value.slice(0, 10)),
      },
    });
}

/** A list of reminder offsets: ISO 8601 durations such as P14D, PT2H or PT1M, at most 10, none over a year. */
export function IsReminderOffsets(options?: ValidationOptions): PropertyDecorator {
  const problem = (value: unknown): string | null => {
    if (!Array.isArray(value)) return 'must be a list of ISO 8601 durations such as ["P14D", "P3D", "PT2H"]';
    if (value.length > 10) return 'may hold at most 10 offsets';
    const bad = (value as unknown[]).find((v) => typeof v !== 'string' || parseOffset(v) === null);
    if (bad !== undefined)
      return `holds ${JSON.stringify(bad)}, which is not an ISO 8601 duration of at most a year (e.g. P14D, PT2H, PT1M)`;
    return null;
  };
  return (target, propertyName) =>
    registerDecorator({
      name: 'isReminderOffsets',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args) => `${args?.property} ${problem(args?.value)}`,
      },
    });
}

const LOCAL_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\p{L}\\p{M}\\p{N}]+";
const DOMAIN_LABEL = '[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}\\-]{0,61}[\\p{L}\\p{M}\\p{N}])?';
const EMAIL_ADDRESS = new RegExp(
  `^(?=[^@]{1,64}@)${LOCAL_ATOM}(?:\\.${LOCAL_ATOM})*@(?:${DOMAIN_LABEL}\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9\\-]{1,59})$`,
  'iu',
);

export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && EMAIL_ADDRESS.test(value);
}

export const EMAIL_ADDRESS_MESSAGE =
  'must be an email address such as name@example.org (no quotes, spaces, commas or angle brackets)';

/** The one email rule of every address the service takes in (members, their forms, sign-in). */
export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEmailAddress',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property ${EMAIL_ADDRESS_MESSAGE}`, ...options },
      validator: { validate: isEmailAddress },
    });
}
