import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mjml2html from 'mjml';

/**
 * Build-time compilation of the email layout: templates/email/layout.mjml (one source, language
 * strings as {{t.key}}) becomes layout.<lang>.hbs, and partials/button.mjml the button partial.
 * The runtime Handlebars expressions ({{subject}}, {{{body}}}, {{#if …}}) pass through MJML untouched.
 */

export const EMAIL_DIR = join(process.cwd(), 'templates', 'email');
const LANGUAGES = ['en', 'ru', 'kk'] as const;
const GENERATED = '{{!-- Generated from {source} by `npm run emails:build`: edit the source, not this file. --}}';

async function compile(file: string): Promise<string> {
  const { html, errors } = await mjml2html(readFileSync(join(EMAIL_DIR, file), 'utf8'), {
    validationLevel: 'strict',
    keepComments: false,
    filePath: EMAIL_DIR,
  });
  if (errors.length) throw new Error(`${file}: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  return html;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Blank lines and indentation MJML leaves behind; the markup itself is kept as MJML made it. */
function tidy(html: string): string {
  return html
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** The button table of a compiled mj-button: a table whose cell carries bgcolor, so Outlook paints it. */
function buttonTable(html: string): string {
  const cell = html.indexOf('bgcolor=');
  const start = html.lastIndexOf('<table', cell);
  const end = html.indexOf('</table>', cell) + '</table>'.length;
  if (cell < 0 || start < 0 || end < cell) throw new Error('no button table in the compiled button');
  return html
    .slice(start, end)
    .replace(/\s+/g, ' ')
    .replace(/>\s+</g, '><')
    .replace(/>\s+(\{\{label\}\})\s+</, '>$1<');
}

/** Every generated file, relative to templates/email, with its content. */
export async function compileEmailTemplates(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const strings = JSON.parse(readFileSync(join(EMAIL_DIR, 'layout.strings.json'), 'utf8')) as Record<
    string,
    Record<string, string>
  >;
  const layout = tidy(await compile('layout.mjml'));
  for (const language of LANGUAGES) {
    const words: Record<string, string> = { lang: language, ...strings[language] };
    const html = layout.replace(/\{\{t\.(\w+)\}\}/g, (_, key: string) => {
      if (words[key] === undefined) throw new Error(`layout.strings.json: no "${key}" in ${language}`);
      return escapeHtml(words[key]);
    });
    files.set(`layout.${language}.hbs`, GENERATED.replace('{source}', 'layout.mjml') + html + '\n');
  }
  // Each button is an inline block: side by side where there is room, one under another on a phone and in Outlook.
  const button = buttonTable(await compile(join('partials', 'button.mjml')));
  files.set(
    join('partials', 'button.hbs'),
    `${GENERATED.replace('{source}', 'partials/button.mjml')}<div style="display:inline-block;margin:0 8px 8px 0;vertical-align:top;">${button}</div>\n`,
  );
  return files;
}
