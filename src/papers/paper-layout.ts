import PDFDocument from 'pdfkit';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { paperFonts } from './pdf-fonts';
import type { PaperFont } from './pdf-fonts';

/** A4 in PDF points (1/72 inch): what `pdfinfo` reports as "595.28 x 841.89 pts (A4)". */
export const A4 = { width: 595.28, height: 841.89 } as const;

export interface PaperMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** 2 cm at the sides, room above for the running header and below for the page number. */
export const PAPER_MARGINS: PaperMargins = { top: 78, bottom: 64, left: 57, right: 57 };

export const BODY_SIZE = 10.5;
const HEADER_SIZE = 8;
const HEADING_SIZES = { 1: 16, 2: 13, 3: 11.5 } as const;

export interface PaperOptions {
  language: Language;
  /** The document's title in its metadata (what a PDF reader shows in its title bar). */
  title: string;
  /** Lines printed small at the top of every page (e.g. the meeting and the paper's name). */
  header?: readonly string[];
  /** "Page 1 of 3" at the bottom of every page, in the paper's language; on unless turned off. */
  pageNumbers?: boolean;
  margins?: Partial<PaperMargins>;
  /** The creation date in the PDF's metadata (and the file ID drawn from it); now unless given. */
  created?: Date;
}

export type TextAlign = 'left' | 'center' | 'right' | 'justify';

export interface TableColumn {
  header: string;
  /** A share of the table's width: widths [1, 3, 2] give the second column half of it. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** A row of cells, or a heading row spanning the table (kept on the page of the row after it). */
export type TableRow = readonly string[] | { readonly group: string };

export interface TableOptions {
  fontSize?: number;
  /** The least height of a row: room for a signature, say. */
  minRowHeight?: number;
  padding?: number;
}

/**
 * An A4 paper drawn with pdfkit: headings, paragraphs, tables whose header row comes back after each page
 * break, and at the end the running header and "Page n of N" on every page (pages are buffered for that).
 */
export class PaperLayout {
  readonly doc: PDFKit.PDFDocument;
  readonly language: Language;
  private readonly options: PaperOptions;
  private readonly margins: PaperMargins;
  private finished = false;

  constructor(options: PaperOptions) {
    this.options = options;
    this.language = options.language;
    this.margins = { ...PAPER_MARGINS, ...options.margins };
    const fonts = paperFonts();
    this.doc = new PDFDocument({
      size: 'A4',
      // No default font: pdfkit would parse Helvetica's metrics for every paper; ours is set just below.
      font: '',
      margins: this.margins,
      bufferPages: true,
      lang: options.language,
      displayTitle: true,
      info: {
        Title: options.title,
        Creator: t('app.name', options.language),
        ...(options.created ? { CreationDate: options.created } : {}),
      },
    });
    for (const [name, font] of Object.entries(fonts)) this.doc.registerFont(name, font);
    this.font('regular', BODY_SIZE);
  }

  get left(): number {
    return this.margins.left;
  }

  get width(): number {
    return A4.width - this.margins.left - this.margins.right;
  }

  /** The lowest y a line of the body may reach on a page. */
  get bottom(): number {
    return A4.height - this.margins.bottom;
  }

  get top(): number {
    return this.margins.top;
  }

  font(font: PaperFont, size: number = BODY_SIZE): this {
    this.doc.font(font).fontSize(size);
    return this;
  }

  heading(text: string, level: 1 | 2 | 3 = 1, align: TextAlign = 'left'): this {
    const size = HEADING_SIZES[level];
    this.font('bold', size);
    this.ensureSpace(this.doc.heightOfString(text, { width: this.width }) + size * 1.6);
    this.doc.text(text, this.left, this.doc.y, { width: this.width, align });
    this.doc.moveDown(level === 1 ? 0.6 : 0.35);
    this.font('regular');
    return this;
  }

  paragraph(text: string, options: { align?: TextAlign; font?: PaperFont; size?: number } = {}): this {
    this.font(options.font ?? 'regular', options.size ?? BODY_SIZE);
    this.doc.text(text, this.left, this.doc.y, { width: this.width, align: options.align ?? 'left' });
    this.doc.moveDown(0.5);
    this.font('regular');
    return this;
  }

  /** Label and value pairs, the labels in bold on the left: the facts of a meeting or a letter. */
  facts(pairs: readonly (readonly [string, string])[], labelShare = 0.3): this {
    const labelWidth = this.width * labelShare;
    const valueWidth = this.width - labelWidth - 8;
    for (const [label, value] of pairs) {
      this.font('bold');
      const labelHeight = this.doc.heightOfString(label, { width: labelWidth });
      this.font('regular');
      const valueHeight = this.doc.heightOfString(value, { width: valueWidth });
      this.ensureSpace(Math.max(labelHeight, valueHeight));
      const y = this.doc.y;
      this.font('bold').doc.text(label, this.left, y, { width: labelWidth });
      this.font('regular').doc.text(value, this.left + labelWidth + 8, y, { width: valueWidth });
      this.doc.x = this.left;
      this.doc.y = y + Math.max(labelHeight, valueHeight) + 3;
    }
    this.doc.moveDown(0.4);
    return this;
  }

  space(lines = 1): this {
    this.doc.moveDown(lines);
    return this;
  }

  /** A new page unless `height` points still fit on this one. */
  ensureSpace(height: number): this {
    if (this.doc.y + height > this.bottom) this.newPage();
    return this;
  }

  newPage(): this {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.top;
    return this;
  }

  table(columns: readonly TableColumn[], rows: readonly TableRow[], options: TableOptions = {}): this {
    const size = options.fontSize ?? BODY_SIZE - 1;
    const padding = options.padding ?? 4;
    const minRowHeight = options.minRowHeight ?? 0;
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (this.width * column.width) / total);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));

    const heightOf = (cells: readonly string[], font: PaperFont) => {
      this.font(font, size);
      const tallest = Math.max(
        ...cells.map((cell, i) => this.doc.heightOfString(cell || ' ', { width: widths[i] - 2 * padding })),
      );
      return Math.max(tallest + 2 * padding, minRowHeight);
    };
    const drawCells = (cells: readonly string[], font: PaperFont, height: number, shade?: string) => {
      const y = this.doc.y;
      if (shade) this.doc.save().rect(this.left, y, this.width, height).fill(shade).restore();
      this.font(font, size);
      cells.forEach((cell, i) => {
        this.doc.text(cell, xs[i] + padding, y + padding, {
          width: widths[i] - 2 * padding,
          align: columns[i].align ?? 'left',
        });
        this.doc.save().lineWidth(0.5).strokeColor('#555555').rect(xs[i], y, widths[i], height).stroke().restore();
      });
      this.doc.x = this.left;
      this.doc.y = y + height;
    };
    const headers = columns.map((column) => column.header);
    const headerHeight = heightOf(headers, 'bold');
    const drawHeader = () => drawCells(headers, 'bold', headerHeight, '#e6e6e6');
    const groupHeight = (text: string) => {
      this.font('bold', size);
      return this.doc.heightOfString(text, { width: this.width - 2 * padding }) + 2 * padding;
    };
    const drawGroup = (text: string, height: number) => {
      const y = this.doc.y;
      this.doc.save().rect(this.left, y, this.width, height).fill('#f3f3f3').restore();
      this.doc.save().lineWidth(0.5).strokeColor('#555555').rect(this.left, y, this.width, height).stroke().restore();
      this.font('bold', size).doc.text(text, this.left + padding, y + padding, { width: this.width - 2 * padding });
      this.doc.x = this.left;
      this.doc.y = y + height;
    };

    const firstRow = rows.find((row) => !('group' in row));
    this.ensureSpace(headerHeight + (firstRow ? heightOf(firstRow as readonly string[], 'regular') : 0) + 20);
    drawHeader();
    rows.forEach((row, index) => {
      if ('group' in row) {
        const height = groupHeight(row.group);
        const next = rows[index + 1];
        const nextHeight = next && !('group' in next) ? heightOf(next, 'regular') : 0;
        if (this.doc.y + height + nextHeight > this.bottom) {
          this.newPage();
          drawHeader();
        }
        drawGroup(row.group, height);
        return;
      }
      const height = heightOf(row, 'regular');
      if (this.doc.y + height > this.bottom) {
        this.newPage();
        drawHeader();
      }
      drawCells(row, 'regular', height);
    });
    this.font('regular');
    this.doc.moveDown(0.8);
    return this;
  }

  /** Draws the running header and page numbers on every page, then ends the document. */
  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    const range = this.doc.bufferedPageRange();
    const pages = range.count;
    for (let i = range.start; i < range.start + pages; i++) {
      this.doc.switchToPage(i);
      // Writing in the margins must not spill onto a new page.
      const margins = { ...this.doc.page.margins };
      this.doc.page.margins = { top: 0, bottom: 0, left: margins.left, right: margins.right };
      const header = this.options.header ?? [];
      if (header.length > 0) {
        this.font('regular', HEADER_SIZE);
        let y = 28;
        for (const line of header) {
          this.doc.text(line, this.left, y, { width: this.width, align: 'center', lineBreak: false, ellipsis: true });
          y += HEADER_SIZE + 3;
        }
        this.doc
          .save()
          .lineWidth(0.5)
          .strokeColor('#777777')
          .moveTo(this.left, y + 2)
          .lineTo(this.left + this.width, y + 2)
          .stroke()
          .restore();
      }
      if (this.options.pageNumbers !== false) {
        this.font('regular', HEADER_SIZE);
        this.doc.text(
          t('papers.pageOfPages', this.language, { page: i - range.start + 1, pages }),
          this.left,
          A4.height - 40,
          { width: this.width, align: 'center', lineBreak: false },
        );
      }
      this.doc.page.margins = margins;
    }
    this.doc.end();
  }

  /** The finished PDF as a stream (pdfkit's document is a Readable). */
  toStream(): NodeJS.ReadableStream {
    this.finish();
    return this.doc;
  }

  toBuffer(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.finish();
    });
  }
}
