import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { LetterSettingsResponse } from '../letters/dto/letter-settings.dto';
import { imageTypeOf } from '../letters/letter-settings.service';
import type { MultipartForm } from './multipart-form';

export const LETTER_TEXTS = ['letterheadName', 'signatoryName', 'signatoryTitle'] as const;
export const LETTER_CONTACTS = ['contactName', 'contactEmail', 'contactPhone'] as const;
export const LETTER_IMAGES = ['logo', 'signature'] as const;

export type LetterFormValues = Record<string, string>;

export const letterSettingsLabels = (language: Language): Record<string, string> => ({
  letterheadName: t('letterSettings.page.letterheadName', language),
  signatoryName: t('letterSettings.page.signatoryName', language),
  signatoryTitle: t('letterSettings.page.signatoryTitle', language),
  contactName: t('letterSettings.page.contactName', language),
  contactEmail: t('letterSettings.page.contactEmail', language),
  contactPhone: t('letterSettings.page.contactPhone', language),
  logo: t('letterSettings.page.logo', language),
  signature: t('letterSettings.page.signature', language),
});

/** The boxes as the stored settings fill them. */
export function letterFormValues(settings: LetterSettingsResponse): LetterFormValues {
  const values: LetterFormValues = {};
  for (const field of LETTER_TEXTS)
    for (const language of LANGUAGES) values[`${field}.${language}`] = settings[field][language] ?? '';
  for (const field of LETTER_CONTACTS) values[field] = settings[field] ?? '';
  return values;
}

/** The boxes as the reader sent them, to show again beside the problems. */
export function sentFormValues(form: MultipartForm): LetterFormValues {
  const values: LetterFormValues = {};
  for (const field of LETTER_TEXTS)
    for (const language of LANGUAGES) values[`${field}.${language}`] = form.fields[`${field}.${language}`] ?? '';
  for (const field of LETTER_CONTACTS) values[field] = form.fields[field] ?? '';
  return values;
}

/**
 * The API's PUT body from the page form. A text whose boxes were sent blank in every language is cleared
 * (null); one whose boxes were not sent at all stays as stored. An image comes from its file input, typed by
 * its content, or is removed when ticked.
 */
export function letterSettingsBody(form: MultipartForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of LETTER_TEXTS) {
    const texts = LANGUAGES.flatMap((language) => {
      const text = (form.fields[`${field}.${language}`] ?? '').trim();
      return text ? [[language, text]] : [];
    });
    if (texts.length) body[field] = Object.fromEntries(texts);
    else if (LANGUAGES.some((language) => `${field}.${language}` in form.fields)) body[field] = null;
  }
  for (const field of LETTER_CONTACTS) body[field] = (form.fields[field] ?? '').trim() || null;
  for (const field of LETTER_IMAGES) {
    const bytes = form.files[field];
    if (bytes) body[field] = { type: imageTypeOf(bytes), data: bytes.toString('base64') };
    else if (form.fields[`${field}.remove`] === 'on') body[field] = null;
  }
  return body;
}
