import { posix } from 'node:path';
import { SaxesParser } from 'saxes';
import type { SaxesTagPlain } from 'saxes';
import { ZipArchive, ZipEntry, ZipFormatError } from './zip-archive';

export interface SheetRecord {
  line: number;
  values: string[];
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

type SaxEvent =
  | { eventType: 'opentag'; value: SaxesTagPlain }
  | { eventType: 'text'; value: string }
  | { eventType: 'closetag'; value: SaxesTagPlain };

/** The part's XML events, handed on per inflated chunk so that one chunk's events are held at a time. */
async function* saxEvents(archive: ZipArchive, entry: ZipEntry): AsyncGenerator<SaxEvent> {
  const parser = new SaxesParser({ xmlns: false });
  let batch: SaxEvent[] = [];
  parser.on('opentag', (tag) => batch.push({ eventType: 'opentag', value: tag }));
  parser.on('text', (text) => batch.push({ eventType: 'text', value: text }));
  parser.on('closetag', (tag) => batch.push({ eventType: 'closetag', value: tag }));
  const handOn = () => {
    const events = batch;
    batch = [];
    return events;
  };
  for await (const chunk of archive.text(entry)) {
    parser.write(chunk);
    yield* handOn();
  }
  parser.close();
  yield* handOn();
}

async function relationships(archive: ZipArchive, part: string): Promise<{ id: string; type: string; path: string }[]> {
  const folder = posix.dirname(part);
  const entry = archive.entries.get(posix.join(folder, '_rels', `${posix.basename(part)}.rels`));
  if (!entry) return [];
  const found: { id: string; type: string; path: string }[] = [];
  for await (const event of saxEvents(archive, entry)) {
    if (event.eventType !== 'opentag' || localName(event.value.name) !== 'Relationship') continue;
    const { Id, Type, Target, TargetMode } = event.value.attributes;
    if (!Target || TargetMode === 'External') continue;
    const path = Target.startsWith('/') ? Target.slice(1) : posix.normalize(posix.join(folder, Target));
    found.push({ id: Id ?? '', type: Type ?? '', path });
  }
  return found;
}

async function sharedStrings(archive: ZipArchive, entry: ZipEntry | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let current = '';
  let inText = false;
  let inPhonetic = false;
  for await (const event of saxEvents(archive, entry)) {
    if (event.eventType === 'text') {
      if (inText && !inPhonetic) current += event.value;
      continue;
    }
    const name = localName(event.value.name);
    const open = event.eventType === 'opentag';
    if (name === 't') inText = open;
    else if (name === 'rPh') inPhonetic = open;
    else if (name === 'si') {
      if (!open) strings.push(current);
      current = '';
    }
  }
  return strings;
}

const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
const showsDate = (code: string) => /[dy]/i.test(code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));

async function dateStyles(archive: ZipArchive, entry: ZipEntry | undefined): Promise<boolean[]> {
  const formats: number[] = [];
  const customDates = new Set<number>();
  if (!entry) return [];
  let inCellStyles = false;
  for await (const event of saxEvents(archive, entry)) {
    if (event.eventType === 'text') continue;
    const name = localName(event.value.name);
    if (name === 'cellXfs') inCellStyles = event.eventType === 'opentag';
    if (event.eventType !== 'opentag') continue;
    const { numFmtId, formatCode } = event.value.attributes;
    if (name === 'numFmt' && formatCode !== undefined && showsDate(formatCode)) customDates.add(Number(numFmtId));
    else if (name === 'xf' && inCellStyles) formats.push(Number(numFmtId ?? 0));
  }
  return formats.map((id) => BUILT_IN_DATE_FORMATS.has(id) || customDates.has(id));
}

/** Excel's day number as the date it shows: days since 1899-12-30. */
function serialDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const days = Math.floor(serial) + (date1904 ? 1462 : serial < 61 ? 1 : 0);
  return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Excel's last column is XFD; a reference past it would only make rows huge. */
const MAX_COLUMN = 16_383;

function columnOf(reference: string | undefined): number | null {
  const letters = /^([A-Z]+)\d*$/i.exec(reference ?? '')?.[1];
  if (!letters) return null;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  if (column - 1 > MAX_COLUMN) throw new ZipFormatError(`the cell ${reference} lies past column XFD`);
  return column - 1;
}

function cellText(
  type: string | undefined,
  value: string,
  inline: string,
  strings: string[],
  date: { shown: boolean; date1904: boolean },
): string {
  switch (type) {
    case 's':
      return strings[Number(value)] ?? '';
    case 'inlineStr':
      return inline;
    case 'b':
      return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
    case 'str':
    case 'e':
    case 'd':
      return value;
    default: {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) return value;
      return (date.shown && serialDate(number, date.date1904)) || String(number);
    }
  }
}

/** The rows of a workbook's first worksheet, one at a time, straight from the packed file. */
export async function* xlsxRows(buffer: Buffer): AsyncGenerator<SheetRecord> {
  const archive = await ZipArchive.open(buffer);
  try {
    yield* sheetRows(archive);
  } finally {
    archive.close();
  }
}

async function* sheetRows(archive: ZipArchive): AsyncGenerator<SheetRecord> {
  const { entries } = archive;
  const workbookPath =
    (await relationships(archive, '')).find((r) => r.type.endsWith('/officeDocument'))?.path ?? 'xl/workbook.xml';
  const workbook = entries.get(workbookPath);
  if (!workbook) throw new ZipFormatError('the archive has no workbook');
  const parts = await relationships(archive, workbookPath);

  let firstSheetId: string | null = null;
  let date1904 = false;
  for await (const event of saxEvents(archive, workbook)) {
    if (event.eventType === 'opentag' && localName(event.value.name) === 'workbookPr') {
      date1904 = ['1', 'true'].includes(event.value.attributes.date1904 ?? '');
    } else if (event.eventType === 'opentag' && localName(event.value.name) === 'sheet') {
      const attributes = event.value.attributes;
      firstSheetId =
        attributes['r:id'] ?? Object.entries(attributes).find(([name]) => localName(name) === 'id')?.[1] ?? null;
      break;
    }
  }
  const sheetPath = parts.find((p) => p.id === firstSheetId)?.path;
  const sheet = sheetPath ? entries.get(sheetPath) : undefined;
  if (!sheet) throw new NoWorksheetError();
  const part = (type: string) => entries.get(parts.find((p) => p.type.endsWith(type))?.path ?? '');
  const strings = await sharedStrings(archive, part('/sharedStrings'));
  const dates = await dateStyles(archive, part('/styles'));

  let row: SheetRecord | null = null;
  let lastLine = 0;
  let cell: { column: number; type: string | undefined; style: number; value: string; inline: string } | null = null;
  let reading: 'v' | 't' | null = null;
  let inPhonetic = false;
  for await (const event of saxEvents(archive, sheet)) {
    if (event.eventType === 'text') {
      if (cell && reading === 'v') cell.value += event.value;
      else if (cell && reading === 't' && !inPhonetic) cell.inline += event.value;
      continue;
    }
    const name = localName(event.value.name);
    if (event.eventType === 'opentag') {
      const attributes = event.value.attributes;
      if (name === 'row') {
        lastLine = Number(attributes.r) || lastLine + 1;
        row = { line: lastLine, values: [] };
      } else if (name === 'c' && row) {
        cell = {
          column: columnOf(attributes.r) ?? Math.min(row.values.length, MAX_COLUMN),
          type: attributes.t,
          style: Number(attributes.s ?? 0),
          value: '',
          inline: '',
        };
      } else if (name === 'v' || name === 't') reading = name;
      else if (name === 'rPh') inPhonetic = true;
      continue;
    }
    if (name === 'v' || name === 't') reading = null;
    else if (name === 'rPh') inPhonetic = false;
    else if (name === 'c' && row && cell) {
      while (row.values.length < cell.column) row.values.push('');
      row.values[cell.column] = cellText(cell.type, cell.value, cell.inline, strings, {
        shown: dates[cell.style] ?? false,
        date1904,
      });
      cell = null;
    } else if (name === 'row' && row) {
      yield row;
      row = null;
    }
  }
}

export class NoWorksheetError extends Error {}
