import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey, MessageValue } from '../common/i18n/messages';

export const PAGES_DIR = join(process.cwd(), 'templates', 'pages');
export type PageName = string;
const PAGE_NAMES: ReadonlySet<string> = new Set(
  readdirSync(PAGES_DIR)
    .filter((file) => file.endsWith('.hbs') && file !== 'layout.hbs')
    .map((file) => file.slice(0, -'.hbs'.length)),
);

// Every {{name}} is then a plain lookup, not a helper check: a page of 500 invitees has thousands of them.
const COMPILE_OPTIONS = { knownHelpers: { t: true, eq: true }, knownHelpersOnly: true };

/** Server-rendered pages from templates/pages, every text in the reader's language, everything escaped. */
@Injectable()
export class PageRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();

  constructor() {
    // {{t "key"}}, or with the message's arguments: {{t "wpp.import.done" count=imported}}.
    this.handlebars.registerHelper('t', (key: MessageKey, options: Handlebars.HelperOptions) =>
      t(
        key,
        (options.data as { root?: { language?: Language } } | undefined)?.root?.language ?? 'en',
        options.hash as Record<string, MessageValue>,
      ),
    );
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    // Sections kept in files of their own (templates/pages/partials/<name>.hbs), included with {{> name}}.
    const partials = join(PAGES_DIR, 'partials');
    for (const file of existsSync(partials) ? readdirSync(partials) : [])
      if (file.endsWith('.hbs'))
        this.handlebars.registerPartial(
          file.slice(0, -'.hbs'.length),
          this.handlebars.compile(readFileSync(join(partials, file), 'utf8'), COMPILE_OPTIONS),
        );
  }

  render(name: PageName, language: Language, title: string, data: Record<string, unknown> = {}): string {
    // Page names come from the files present at start: no request value ever becomes a path.
    if (!PAGE_NAMES.has(name)) throw new Error(`unknown page ${name}`);
    const context = { ...data, language, title };
    const body = this.template(`${name}.hbs`)(context);
    return this.template('layout.hbs')({ ...context, body: new Handlebars.SafeString(body) });
  }

  stylesheet(): string {
    return readFileSync(join(PAGES_DIR, 'assets', 'app.css'), 'utf8');
  }

  favicon(): string {
    return readFileSync(join(PAGES_DIR, 'assets', 'favicon.svg'), 'utf8');
  }

  private template(file: string): Handlebars.TemplateDelegate {
    let compiled = this.cache.get(file);
    if (!compiled) {
      compiled = this.handlebars.compile(readFileSync(join(PAGES_DIR, file), 'utf8'), COMPILE_OPTIONS);
      this.cache.set(file, compiled);
    }
    return compiled;
  }
}
