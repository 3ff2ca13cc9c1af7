import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../common/i18n/languages';
import { sampleData } from '../../test/support/email-samples';
import { compileEmailTemplates } from '../../scripts/email-layout';
import { EMAIL_KINDS } from './email-kinds';
import { TEMPLATES_DIR, TemplateRenderer } from './template-renderer';

const renderer = new TemplateRenderer(TEMPLATES_DIR, 0);
const emails = EMAIL_KINDS.flatMap((kind) =>
  LANGUAGES.map((language) => ({
    name: `${kind} (${language})`,
    html: renderer.render(kind, sampleData(kind, language) as never).html,
  })),
);

/** The start tags of the anchors styled as buttons, each with the markup that encloses it. */
function buttons(html: string): { anchor: string; before: string }[] {
  return [...html.matchAll(/<a\b[^>]*style="[^"]*background[^"]*"[^>]*>/g)].map((m) => ({
    anchor: m[0],
    before: html.slice(0, m.index),
  }));
}

describe('the compiled email layout', () => {
  it('is what `npm run emails:build` makes of layout.mjml and partials/button.mjml', async () => {
    const stale: string[] = [];
    for (const [file, content] of await compileEmailTemplates())
      if (readFileSync(join(TEMPLATES_DIR, file), 'utf8') !== content) stale.push(file);
    // Run `npm run emails:build` after changing templates/email/*.mjml or layout.strings.json.
    expect(stale).toEqual([]);
  }, 60_000);

  it.each(LANGUAGES)('is laid out with tables, 600 pixels wide at most, and light only (%s)', (language) => {
    const layout = readFileSync(join(TEMPLATES_DIR, `layout.${language}.hbs`), 'utf8');
    expect(layout).toMatch(/<table\b[^>]*role="presentation"/);
    // Outlook's Word engine centres and sizes by a fixed-width table in its conditional comments.
    expect(layout).toMatch(/<!--\[if mso \| IE\]><table[^>]*width="600"/);
    expect(layout).toContain('<meta name="color-scheme" content="light">');
    expect(layout).toMatch(/color-scheme:\s*light/);
    expect(layout).toContain('{{{body}}}');
    for (const [, width] of layout.matchAll(/\bwidth(?:="|:\s*)(\d+)(?:px)?/g))
      expect(Number(width)).toBeLessThanOrEqual(600);
  });

  it.each(emails)('$name: no CSS Outlook drops, buttons are tables painted with bgcolor', ({ html }) => {
    expect(html).not.toMatch(/display:\s*(flex|grid|inline-flex)/);
    expect(html).not.toMatch(/position:\s*(absolute|fixed)|float:|background-image|<img\b/);
    expect(html).not.toMatch(/\{\{|\}\}/);
    for (const { anchor, before } of buttons(html)) {
      const cell = before.slice(before.lastIndexOf('<td'));
      // The cell carries the colour and, for Outlook, the padding; the link's own padding is zeroed there.
      expect(cell).toMatch(/^<td\b[^>]*bgcolor="#[0-9a-f]{6}"[^>]*mso-padding-alt:\s*\d/);
      expect(anchor).toContain('mso-padding-alt:0px');
      expect(anchor).toMatch(/color:#ffffff/);
    }
    // Every text has its colour and every panel its background, so a dark-mode inversion keeps them apart.
    expect(html).toMatch(/<body[^>]*background-color:#eef1f4/);
  });

  it('gives every answer link of an invitation its own button', () => {
    const data = sampleData('meeting-invitation', 'en');
    const html = renderer.render('meeting-invitation', data).html;
    const hrefs = buttons(html).map(({ anchor }) => /href="([^"]*)"/.exec(anchor)![1].replace(/&amp;/g, '&'));
    expect(hrefs).toEqual(data.links.map((link) => link.url));
  });
});
