import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** DejaVu carries every Kazakh letter (ә ғ қ ң ө ұ ү һ і); pdfkit embeds and subsets the TrueType files. */
const resolveFrom = createRequire(join(process.cwd(), 'package.json'));

const file = (name: string) => resolveFrom.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);

export const PAPER_FONTS = {
  regular: file('DejaVuSerif'),
  bold: file('DejaVuSerif-Bold'),
  italic: file('DejaVuSerif-Italic'),
} as const;

export type PaperFont = keyof typeof PAPER_FONTS;

let loaded: Record<PaperFont, Buffer> | null = null;

/**
 * The font files read once per process. Each paper still parses its own copy: a font parsed once and
 * shared loses glyphs in later papers (its subsetting state is not per document).
 */
export function paperFonts(): Record<PaperFont, Buffer> {
  loaded ??= Object.fromEntries(
    Object.entries(PAPER_FONTS).map(([name, path]) => [name, readFileSync(path)]),
  ) as Record<PaperFont, Buffer>;
  return loaded;
}
