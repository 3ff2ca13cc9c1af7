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

/** The parsed font as pdfkit takes it (`doc.registerFont(name, font)`); its typings only list files and bytes. */
export type ParsedPaperFont = PDFKit.Mixins.PDFFontSource;

interface Fontkit {
  create(bytes: Buffer): object;
}

// The fontkit pdfkit itself uses, so the parsed font is exactly the kind of object it expects.
const fontkit = createRequire(resolveFrom.resolve('pdfkit'))('fontkit') as Fontkit;

let parsed: Record<PaperFont, object> | null = null;

/**
 * One paper's view of the fonts, read and parsed once per process (parsing is most of a letter's cost).
 * Each paper gets its own glyph and layout caches: fontkit records a glyph's characters only when it first
 * makes it, and a glyph first made as part of an accented one (the "a" in "а" or "ä") would come back
 * without them in the next paper, which then loses that letter when its text is extracted.
 */
export function paperFonts(): Record<PaperFont, ParsedPaperFont> {
  parsed ??= Object.fromEntries(
    Object.entries(PAPER_FONTS).map(([name, path]) => [name, fontkit.create(readFileSync(path))]),
  ) as Record<PaperFont, object>;
  return Object.fromEntries(
    Object.entries(parsed).map(([name, font]) => [name, Object.assign(Object.create(font) as object, { _glyphs: {} })]),
  ) as unknown as Record<PaperFont, ParsedPaperFont>;
}
