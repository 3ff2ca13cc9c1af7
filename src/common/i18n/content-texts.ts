import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/app-config';
import type { AppConfig } from '../../config/app-config';
import { pickText } from './content-text';
import type { Language, LocalizedText } from './languages';

/** Texts the secretariat wrote, picked for a reader by the group's configured fallback chain. */
@Injectable()
export class ContentTexts {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  pick(texts: LocalizedText | null | undefined, language: Language): string {
    return pickText(texts, language, this.config.contentLanguageFallback);
  }
}
