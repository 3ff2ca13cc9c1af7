import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { NoWorksheetError, SheetRecord, xlsxRows } from './xlsx-rows';
import { ZIP_LIMITS, ZipBombError } from './zip-archive';
import { t } from '../../common/i18n/messages';

/** The columns of the documents' table (Мероприятие / Сроки / Исполнитель) and the optional ones. */
export const COLUMN_ALIASES = {
  activity: ['activity', 'мероприятие', 'мероприятия', 'іс-шара', 'іс шара', 'іс-шаралар'],
  activity_en: ['activity_en', 'activity (en)', 'activity en'],
  activity_ru: ['activity_ru', 'activity (ru)', 'мероприятие (ru)'],
  activity_kk: ['activity_kk', 'activity (kk)', 'іс-шара (kk)'],
  deadline: ['deadline', 'deadline (as written)', 'сроки', 'срок', 'мерзімдер', 'мерзім'],
  executor: ['executor', 'исполнитель', 'исполнители', 'орындаушы', 'орындаушылар'],
  responsible: ['responsible', 'responsible members', 'ответственные', 'жауаптылар'],
  countries: ['countries', 'страны', 'елдер'],
  topics: ['topics', 'темы', 'тақырыптар'],
  status: ['status', 'статус', 'мәртебе'],
  notes: ['notes', 'примечания', 'ескертпелер'],
  // Written by the export for people to read; derived again from the deadline on import.
  parsed_windows: ['parsed_windows', 'window', 'windows'],
  due_at: ['due_at', 'due'],
  on_request: ['on_request'],
} as const;
export type Column = keyof typeof COLUMN_ALIASES;

export const EXPORT_COLUMNS: Column[] = [
  'activity_en',
  'activity_ru',
  'activity_kk',
  'deadline',
  'parsed_windows',
  'due_at',
  'on_request',
  'executor',
  'responsible',
  'countries',
  'topics',
  'status',
  'notes',
];

export const MAX_IMPORT_ROWS = 20_000;
/** Records read between two turns of the event loop, so that a large file never holds up other requests. */
const RECORDS_PER_TURN = 200;
const CSV_CHUNK = 8 * 1024;
const ENCODING_SAMPLE = 100_000;

export class TableFormatError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 | 422 = 422,
  ) {
    super(message);
  }
}

export interface TableRow {
  line: number;
  cells: Partial<Record<Column, string>>;
}

export interface ReadTable {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  columns: Column[];
  ignoredColumns: string[];
  rows: TableRow[];
}

const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

function columnFor(header: string): Column | null {
  const name = normaliseHeader(header);
  for (const [column, aliases] of Object.entries(COLUMN_ALIASES) as [Column, readonly string[]][]) {
    if (aliases.includes(name)) return column;
  }
  return null;
}

const ESCAPED_START = /^['=+\-@\t\r]/;

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection advice). */
export function escapeCell(value: string): string {
  return ESCAPED_START.test(value) ? `'${value}` : value;
}

/** Undoes `escapeCell`: only for files our export wrote, never for a quote someone typed in their own table. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && ESCAPED_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** The export's CSV: a BOM so that Excel opens the Cyrillic text as UTF-8, and every cell escaped. */
export function writeCsv(rows: Record<Column, string>[]): string {
  return (
    '\uFEFF' +
    stringify(
      rows.map((row) => EXPORT_COLUMNS.map((c) => escapeCell(row[c]))),
      { header: true, columns: EXPORT_COLUMNS },
    )
  );
}

/** A header row exactly as `writeCsv` writes it marks a file whose cells it escaped. */
const isExportHeader = (values: string[]) =>
  values.length === EXPORT_COLUMNS.length && values.every((v, i) => v.replace(/^\uFEFF/, '') === EXPORT_COLUMNS[i]);

export function decodeCsv(buffer: Buffer): { text: string; encoding: string } {
  if (buffer[0] === 0xff && buffer[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), encoding: 'utf-16le' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer), encoding: 'utf-8' };
  } catch {
    const text = new TextDecoder('windows-1251').decode(buffer);
    // Windows-1251 decodes any byte; real Russian text is mostly Cyrillic letters, binary junk is not.
    const sample = text.slice(0, ENCODING_SAMPLE);
    const letters = sample.replace(/[^\p{L}\s\d.,;:()\-–—"'[\]/]/gu, '').length;
    if (letters / Math.max(sample.length, 1) < 0.85) {
      throw new TableFormatError(
        'The file is not readable text: save it as CSV in UTF-8 (or Windows-1251), or as XLSX',
        415,
      );
    }
    return { text, encoding: 'windows-1251' };
  }
}

function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const firstLine = (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}

const isBlank = (values: string[]) => values.every((v) => v.trim() === '');

class TableBuilder {
  private header: string[] | null = null;
  private columns: (Column | null)[] = [];
  private escaped = false;
  private readonly rows: TableRow[] = [];

  constructor(
    private readonly format: 'csv' | 'xlsx',
    private readonly encoding: string | null,
  ) {}

  add(record: SheetRecord): void {
    if (isBlank(record.values)) return;
    if (!this.header) return this.readHeader(record.values);
    if (this.rows.length === MAX_IMPORT_ROWS) {
      throw new TableFormatError(
        `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; at most ${MAX_IMPORT_ROWS.toLocaleString('en')} can be imported at once. Split it into several files.`,
        413,
      );
    }
    const cells: Partial<Record<Column, string>> = {};
    this.columns.forEach((column, i) => {
      const value = record.values[i];
      if (column && value !== undefined) cells[column] = this.escaped ? unescapeCell(value) : value.trim();
    });
    this.rows.push({ line: record.line, cells });
  }

  finish(): ReadTable {
    if (!this.header)
      throw new TableFormatError('The file is empty: it needs a header row and at least one row of items');
    const present = new Set(this.columns.filter((c): c is Column => c !== null));
    const ignoredColumns = this.header
      .filter((_, i) => this.columns[i] === null)
      .map((h) => h.trim())
      .filter(Boolean);
    return { format: this.format, encoding: this.encoding, columns: [...present], ignoredColumns, rows: this.rows };
  }

  private readHeader(header: string[]): void {
    const columns = header.map(columnFor);
    const present = new Set(columns.filter((c): c is Column => c !== null));
    const hasActivity = ['activity', 'activity_en', 'activity_ru', 'activity_kk'].some((c) => present.has(c as Column));
    const missing = [
      !hasActivity && 'activity (мероприятие / іс-шара)',
      !present.has('deadline') && 'deadline (сроки / мерзімдер)',
    ].filter(Boolean);
    if (missing.length) {
      throw new TableFormatError(
        t('import.header.missing', 'en', {
          count: missing.length,
          columns: missing.join(' and '),
          found: header.map((h) => `"${h.trim()}"`).join(', ') || 'nothing',
        }),
      );
    }
    this.header = header;
    this.columns = columns;
    // Our own export's cells are read back exactly as written; a table made by hand is tidied of stray spaces.
    this.escaped = this.format === 'csv' && isExportHeader(header);
  }
}

function* pieces(text: string): Generator<string> {
  for (let at = 0; at < text.length;) {
    let end = Math.min(at + CSV_CHUNK, text.length);
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end++;
    yield text.slice(at, end);
    at = end;
  }
}

export async function readCsv(buffer: Buffer): Promise<ReadTable> {
  const { text, encoding } = decodeCsv(buffer);
  const table = new TableBuilder('csv', encoding);
  const source = Readable.from(pieces(text.replace(/^\uFEFF/, '')));
  const parser = source.pipe(
    parse({
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      info: true,
    }),
  );
  try {
    let nextLine = 1;
    let read = 0;
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      table.add({ line: nextLine, values: record });
      nextLine = info.lines + 1;
      if (++read % RECORDS_PER_TURN === 0) await nextTurn();
    }
  } catch (error) {
    if (error instanceof TableFormatError) throw error;
    throw new TableFormatError(`The CSV file could not be read: ${(error as Error).message}`, 422);
  } finally {
    source.destroy();
    parser.destroy();
  }
  return table.finish();
}

export async function readXlsx(buffer: Buffer): Promise<ReadTable> {
  const table = new TableBuilder('xlsx', null);
  try {
    for await (const record of xlsxRows(buffer)) table.add(record);
  } catch (error) {
    if (error instanceof TableFormatError) throw error;
    if (error instanceof ZipBombError) {
      throw new TableFormatError(
        `The XLSX file would unpack to more than ${ZIP_LIMITS.maxUnpackedBytes / 1024 / 1024} MB, or one of its parts is packed more than ${ZIP_LIMITS.maxRatio} to 1 (${error.message}). ` +
          'Save the table as CSV, or split it into several files.',
        413,
      );
    }
    if (error instanceof NoWorksheetError) throw new TableFormatError('The XLSX file has no worksheet');
    throw new TableFormatError(
      'The XLSX file could not be opened: save it again from a spreadsheet program, or as CSV',
      415,
    );
  }
  return table.finish();
}

export async function readTable(buffer: Buffer, filename: string, mimeType: string): Promise<ReadTable> {
  const isZip = buffer[0] === 0x50 && buffer[1] === 0x4b;
  if (/\.xlsx$/i.test(filename) || mimeType.includes('spreadsheetml') || isZip) return readXlsx(buffer);
  if (/\.xls$/i.test(filename))
    throw new TableFormatError('Old .xls files are not supported: save the table as .xlsx or .csv', 415);
  return readCsv(buffer);
}
