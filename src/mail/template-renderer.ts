import { Injectable, Logger } from '@nestjs/common';
import Handlebars from 'handlebars';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { MessageKey, MessageValue } from '../common/i18n/messages';
import { formatDate, formatDateTime, formatTime, formatZone } from '../common/time/format';
import { EMAIL_KINDS } from './email-kinds';
import { htmlToText } from './html-to-text';
import type { EmailData, EmailKind } from './email-kinds';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** The language actually used: English when the reader's translation is missing. */
  language: Language;
}

export const TEMPLATES_DIR = join(process.cwd(), 'templates', 'email');

/** A meeting's wave of reminders needs one shape per (language, zone, answer), not one per reader. */
export const REUSED_SHAPES = 256;

@Injectable()
export class TemplateRenderer {
  private readonly logger = new Logger(TemplateRenderer.name);
  private readonly handlebars = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();
  /** Templates ship with the release: asking the file system once per (kind, language) is enough. */
  private readonly translated = new Map<string, boolean>();
  /** Keyed by the whole template input, so a moved meeting or a renamed title never meets an old shape. */
  private readonly shapes = new Map<string, RenderedEmail>();
  private readonly marker = `wgs${randomBytes(6).toString('hex')}m`;
  private readonly markers: RegExp;

  constructor(
    private readonly directory: string = TEMPLATES_DIR,
    private readonly reusedShapes: number = REUSED_SHAPES,
  ) {
    registerHelpers(this.handlebars);
    registerPartials(this.handlebars, join(directory, 'partials'));
    this.markers = new RegExp(`${this.marker}(\\d+)x`, 'g');
  }

  /** All readers in one language and zone get the same email but for their name and links: render it once. */
  render<K extends EmailKind>(kind: K, data: EmailData[K]): RenderedEmail {
    // Kinds come from a fixed list, so no request value ever becomes a path.
    if (!(EMAIL_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown email kind ${kind}`);
    const personal = this.reusedShapes > 0 ? this.withMarkers(data) : null;
    if (!personal) return this.renderFresh(kind, data);
    const key = `${kind}|${JSON.stringify(personal.shape)}`;
    let shape = this.shapes.get(key);
    if (shape) {
      this.shapes.delete(key);
    } else {
      shape = this.renderFresh(kind, personal.shape as EmailData[K]);
      if (this.shapes.size >= this.reusedShapes) this.shapes.delete(this.shapes.keys().next().value!);
    }
    this.shapes.set(key, shape);
    const values = personal.values;
    return {
      subject: shape.subject.replace(this.markers, (_, i: string) => values[Number(i)]),
      html: shape.html.replace(this.markers, (_, i: string) => Handlebars.escapeExpression(values[Number(i)])),
      text: shape.text.replace(this.markers, (_, i: string) => values[Number(i)]),
      language: shape.language,
    };
  }

  private withMarkers(data: object): { shape: object; values: string[] } | null {
    const values: string[] = [];
    let plain = true;
    const mark = (value: unknown): unknown => {
      if (typeof value !== 'string' || value === '') return value;
      if (!/^\S+( \S+)*$/.test(value)) plain = false;
      let i = values.indexOf(value);
      if (i < 0) i = values.push(value) - 1;
      return `${this.marker}${i}x`;
    };
    const copy = (value: unknown, key: string, parent: string): unknown => {
      if (PERSONAL.has(`${parent}.${key}`)) return mark(value);
      if (Array.isArray(value)) return value.map((item) => copy(item, '[]', key));
      if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v, k, key)]));
      return value;
    };
    const shape = copy(data, '', '') as object;
    return plain ? { shape, values } : null;
  }

  private renderFresh<K extends EmailKind>(kind: K, data: EmailData[K]): RenderedEmail {
    const requested = LANGUAGES.includes(data.language) ? data.language : 'en';
    const language = this.hasTranslation(kind, requested) ? requested : 'en';
    if (language !== requested)
      this.logger.warn({ msg: 'missing email translation, sent in English', kind, language: requested });
    const context = { ...data, language };
    // A subject is a mail header, not HTML: escaping it would show "&amp;" to the reader.
    const subject = this.template(`${kind}/${kind}.subject.${language}.hbs`, true)(context).replace(/\s+/g, ' ').trim();
    const body = this.template(`${kind}/${kind}.${language}.hbs`)(context);
    const html = this.template(`layout.${language}.hbs`)({
      ...context,
      subject,
      body: new Handlebars.SafeString(body),
    });
    const text = htmlToText(html);
    return { subject, html, text, language };
  }

  /** Which (kind, language) pairs lack a template: a test lists them, so none goes unnoticed. */
  missingTranslations(): string[] {
    const missing: string[] = [];
    for (const kind of EMAIL_KINDS) {
      for (const language of LANGUAGES) {
        for (const file of [`${kind}/${kind}.${language}.hbs`, `${kind}/${kind}.subject.${language}.hbs`]) {
          if (!existsSync(join(this.directory, file))) missing.push(file);
        }
      }
    }
    for (const language of LANGUAGES)
      if (!existsSync(join(this.directory, `layout.${language}.hbs`))) missing.push(`layout.${language}.hbs`);
    return missing;
  }

  private hasTranslation(kind: EmailKind, language: Language): boolean {
    const key = `${kind}.${language}`;
    let found = this.translated.get(key);
    if (found === undefined) {
      found =
        existsSync(join(this.directory, kind, `${kind}.${language}.hbs`)) &&
        existsSync(join(this.directory, kind, `${kind}.subject.${language}.hbs`));
      this.translated.set(key, found);
    }
    return found;
  }

  private template(file: string, plainText = false): Handlebars.TemplateDelegate {
    let compiled = this.cache.get(file);
    if (!compiled) {
      compiled = this.handlebars.compile(readFileSync(join(this.directory, file), 'utf8'), {
        strict: false,
        noEscape: plainText,
      });
      this.cache.set(file, compiled);
    }
    return compiled;
  }
}

/** What differs from one reader to the next in an otherwise identical email, as `parent.key`. */
const PERSONAL = new Set(['recipient.fullName', '.preferencesUrl', '.unsubscribeUrl', '.url', '[].url']);

/** partials/button.hbs as {{> button url=… label=…}}: the bulletproof button compiled from MJML. */
function registerPartials(hb: typeof Handlebars, directory: string) {
  if (!existsSync(directory)) return;
  for (const file of readdirSync(directory))
    if (file.endsWith('.hbs')) hb.registerPartial(file.slice(0, -4), readFileSync(join(directory, file), 'utf8'));
}

function registerHelpers(hb: typeof Handlebars) {
  const language = (options: Handlebars.HelperOptions): Language =>
    (options.data as { root?: { language?: Language } } | undefined)?.root?.language ?? 'en';
  hb.registerHelper('dateTime', (iso: string | null, zone: string, options: Handlebars.HelperOptions) =>
    iso ? formatDateTime(iso, zone, language(options)) : '',
  );
  hb.registerHelper('date', (iso: string | null, zone: string, options: Handlebars.HelperOptions) =>
    iso ? formatDate(iso, zone, language(options)) : '',
  );
  hb.registerHelper('time', (iso: string | null, zone: string, options: Handlebars.HelperOptions) =>
    iso ? formatTime(iso, zone, language(options)) : '',
  );
  hb.registerHelper('zone', (zone: string, iso: string | null, options: Handlebars.HelperOptions) =>
    formatZone(zone, iso ?? new Date().toISOString(), language(options)),
  );
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hb.registerHelper('and', (a: unknown, b: unknown) => Boolean(a) && Boolean(b));
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  hb.registerHelper('join', (list: unknown[], separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
  );
  hb.registerHelper('t', (key: MessageKey, options: Handlebars.HelperOptions) =>
    t(key, language(options), options.hash as Record<string, MessageValue>),
  );
}
