import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Type as Class } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import { LANGUAGES } from '../i18n/languages';
import type { Language } from '../i18n/languages';

/** The message of a language (or of `translations`) that is not an object of texts. */
export const TEXTS_MESSAGE = '$property must be an object of texts (by language, then by field)';

/** `{ en?: T, ru?: T, kk?: T }`: the strict pipe refuses any other language key or field, naming it. */
export function TranslationsOf<T>(texts: Class<T>) {
  class Translations {
    @ApiPropertyOptional({ type: texts })
    @IsOptional()
    @ValidateNested({ message: TEXTS_MESSAGE })
    @Type(() => texts)
    en?: T;

    @ApiPropertyOptional({ type: texts })
    @IsOptional()
    @ValidateNested({ message: TEXTS_MESSAGE })
    @Type(() => texts)
    ru?: T;

    @ApiPropertyOptional({ type: texts })
    @IsOptional()
    @ValidateNested({ message: TEXTS_MESSAGE })
    @Type(() => texts)
    kk?: T;
  }
  return Translations;
}

export function OriginalLanguage(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({
      enum: LANGUAGES,
      nullable: true,
      description: 'The language the plain texts are written in (default: read from their letters)',
    })(target, key);
    IsOptional()(target, key);
    IsIn([...LANGUAGES, null], { message: `${String(key)} must be one of ${LANGUAGES.join(', ')}` })(target, key);
  };
}

export type OriginalLanguageValue = Language | null;

/** The validated translations as stored: plain objects, languages without a text left out. */
export function storedTranslations<Field extends string>(
  dto: Partial<Record<Language, object | undefined>> | undefined,
): Partial<Record<Language, Partial<Record<Field, string>>>> {
  const stored: Partial<Record<Language, Partial<Record<Field, string>>>> = {};
  for (const language of LANGUAGES) {
    const texts = Object.entries(dto?.[language] ?? {}).filter(
      (entry): entry is [Field, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
    );
    if (texts.length) stored[language] = Object.fromEntries(texts) as Partial<Record<Field, string>>;
  }
  return stored;
}
