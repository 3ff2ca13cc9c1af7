import { createRequire } from 'node:module';
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
