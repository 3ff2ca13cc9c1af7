import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** The columns of the documents' table (Мероприятие / Сроки / Исполнитель) and the optional ones, by their names in three languages. */
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
  'activity_en', 'activity_ru', 'activity_kk', 'deadline', 'parsed_windows', 'due_at', 'on_request',
  'executor', 'responsible', 'countries', 'topics', 'status', 'notes',
];

export const MAX_IMPORT_ROWS = 20_000;

export class TableFormatError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 | 422 = 422,
  ) {
    super(message);
  }
}

export interface TableRow {
  /** Line (CSV) or row (XLSX) number in the file, as a spreadsheet program shows it. */
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

const normaliseHeader = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');

function columnFor(header: string): Column | null {
  const name = normaliseHeader(header);
  for (const [column, aliases] of Object.entries(COLUMN_ALIASES) as [Column, readonly string[]][]) {
    if (aliases.includes(name)) return column;
  }
  return null;
}

/** Our export writes "'=…" so spreadsheets do not run formulas; importing it back gives the text as it was. */
export function unescapeCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection advice). */
export function escapeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Text of a CSV file in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1251 (older Russian Excel). */
export function decodeCsv(buffer: Buffer): { text: string; encoding: string } {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), encoding: 'utf-16le' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer), encoding: 'utf-8' };
  } catch {
    const text = new TextDecoder('windows-1251').decode(buffer);
    // Windows-1251 decodes any byte; real Russian text is mostly Cyrillic letters, binary junk is not.
    const letters = (text.match(/[\p{L}\s\d.,;:()\-–—"'[\]/]/gu) ?? []).length;
    if (letters / Math.max(text.length, 1) < 0.85) {
      throw new TableFormatError('The file is not readable text: save it as CSV in UTF-8 (or Windows-1251), or as XLSX', 415);
    }
    return { text, encoding: 'windows-1251' };
  }
}

function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}

function toTable(format: 'csv' | 'xlsx', encoding: string | null, records: { line: number; values: string[] }[]): ReadTable {
  if (records.length === 0) throw new TableFormatError('The file is empty: it needs a header row and at least one row of items');
  const [header, ...body] = records;
  const columns: (Column | null)[] = header.values.map(columnFor);
  const ignoredColumns = header.values.filter((_, i) => columns[i] === null).map((h) => h.trim()).filter(Boolean);
  const present = new Set(columns.filter((c): c is Column => c !== null));
  const hasActivity = ['activity', 'activity_en', 'activity_ru', 'activity_kk'].some((c) => present.has(c as Column));
  const missing = [!hasActivity && 'activity (мероприятие / іс-шара)', !present.has('deadline') && 'deadline (сроки / мерзімдер)'].filter(Boolean);
  if (missing.length) {
    throw new TableFormatError(
      `The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(' and ')}. Found: ${header.values.map((h) => `"${h.trim()}"`).join(', ') || 'nothing'}. ` +
        'Expected the columns of the work-plan table: activity, deadline, executor (in English, Russian or Kazakh), plus optional responsible, countries, topics, status, notes.',
    );
  }
  const rows = body
    .filter((record) => record.values.some((v) => v.trim() !== ''))
    .map((record) => {
      const cells: Partial<Record<Column, string>> = {};
      columns.forEach((column, i) => {
        if (column && record.values[i] !== undefined) cells[column] = unescapeCell(record.values[i].trim());
      });
      return { line: record.line, cells };
    });
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new TableFormatError(`The file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS.toLocaleString('en')} can be imported at once. Split it into several files.`, 413);
  }
  return { format, encoding, columns: [...present], ignoredColumns, rows };
}

export function readCsv(buffer: Buffer): ReadTable {
  const { text, encoding } = decodeCsv(buffer);
  let records: { line: number; values: string[] }[] = [];
  try {
    let nextLine = 1;
    const parsed = parse(text.replace(/^\uFEFF/, ''), {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    records = parsed.map(({ record, info }) => {
      const line = nextLine;
      nextLine = info.lines + 1;
      return { line, values: record };
    });
  } catch (error) {
    throw new TableFormatError(`The CSV file could not be read: ${(error as Error).message}`, 422);
  }
  return toTable('csv', encoding, records);
}

export async function readXlsx(buffer: Buffer): Promise<ReadTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new TableFormatError('The XLSX file could not be opened: save it again from a spreadsheet program, or as CSV', 415);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TableFormatError('The XLSX file has no worksheet');
  const records: { line: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) values.push(row.getCell(i).text ?? '');
    records.push({ line: rowNumber, values });
  });
  return toTable('xlsx', null, records);
}

export async function readTable(buffer: Buffer, filename: string, mimeType: string): Promise<ReadTable> {
  const isZip = buffer[0] === 0x50 && buffer[1] === 0x4b;
  if (/\.xlsx$/i.test(filename) || mimeType.includes('spreadsheetml') || isZip) return readXlsx(buffer);
  if (/\.xls$/i.test(filename)) throw new TableFormatError('Old .xls files are not supported: save the table as .xlsx or .csv', 415);
  return readCsv(buffer);
}
