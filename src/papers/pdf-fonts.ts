import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** DejaVu carries every Kazakh letter (ә ғ қ ң ө ұ ү һ і); pdfkit embeds and subsets the TrueType files. */
const resolveFrom = createRequire(join(process.cwd(), 'package.json'));

const file = (name: string) => resolveFrom.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);

export const PAPER_FONTS = {
  regular: file('DejaVuSerif'),
  bold: file('DejaVuSerif-Bold'),
  italic: file('DejaVuSerif-Italic'),
  sans: file('DejaVuSans'),
  sansBold: file('DejaVuSans-Bold'),
} as const;

export type PaperFont = keyof typeof PAPER_FONTS;

/** pdfkit's own font parser (fontkit, which it depends on): only its `create` is used here. */
interface FontParser {
  create(bytes: Uint8Array): { layout: (...args: unknown[]) => unknown };
}
type ParsedFont = ReturnType<FontParser['create']>;

const parsed = new Map<PaperFont, ParsedFont>();

/**
 * The font parsed once per process and shared by every paper: parsing DejaVu again for each document cost
 * most of a letter's time (6 letters/s). pdfkit subsets and embeds a shared parsed font for each document.
 */
export function parsedFont(name: PaperFont): ParsedFont {
  let font = parsed.get(name);
  if (!font) {
    const fontkit = createRequire(resolveFrom.resolve('pdfkit'))('fontkit') as FontParser;
    font = fontkit.create(readFileSync(PAPER_FONTS[name]));
    parsed.set(name, font);
  }
  return font;
}
