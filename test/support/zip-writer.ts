import { once } from 'node:events';
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** One entry of a zip: its data deflated already, and the sizes the archive will declare for it. */
export interface ZipPart {
  name: string;
  deflated: Buffer;
  /** What the directory and the local header claim the entry unpacks to (a bomb may lie). */
  declaredSize: number;
  crc: number;
}

export const deflatedPart = (name: string, text: string): ZipPart => {
  const data = Buffer.from(text, 'utf8');
  return { name, deflated: deflateRawSync(data), declaredSize: data.length, crc: crc32(data) };
};

/** An entry deflated piece by piece: a part of hundreds of megabytes costs the test only its packed size. */
export async function deflatedPieces(name: string, pieces: Iterable<string>): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const packed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => packed.push(chunk));
  let size = 0;
  let crc = 0;
  for (const piece of pieces) {
    const data = Buffer.from(piece, 'utf8');
    size += data.length;
    crc = crc32(data, crc);
    if (!deflate.write(data)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  return { name, deflated: Buffer.concat(packed), declaredSize: size, crc };
}

/** A plain zip (deflate, no zip64) of the parts, with local headers and a central directory as Excel writes them. */
export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc, 14);
    local.writeUInt32LE(part.deflated.length, 18);
    local.writeUInt32LE(part.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc, 16);
    central.writeUInt32LE(part.deflated.length, 20);
    central.writeUInt32LE(part.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + part.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a one-sheet workbook around the given worksheet part. */
export function workbookAround(sheet: ZipPart): Buffer {
  return writeZip([
    deflatedPart(
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    deflatedPart(
      '_rels/.rels',
      `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    deflatedPart(
      'xl/workbook.xml',
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    deflatedPart(
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    sheet,
  ]);
}

/** A cell of inline text at its reference (columns A to Z). */
export const inlineCell = (reference: string, text: string) =>
  `<c r="${reference}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A worksheet row of inline strings. */
export const sheetRow = (line: number, cells: string[]) =>
  `<row r="${line}">${cells.map((text, i) => inlineCell(`${String.fromCharCode(65 + i)}${line}`, text)).join('')}</row>`;

/** Worksheet XML around the given rows, in pieces so that a bomb's hundreds of megabytes never sit in memory at once. */
export function* worksheetXml(rows: Iterable<string>): Generator<string> {
  yield `${XML}<worksheet xmlns="${MAIN}"><sheetData>`;
  yield* rows;
  yield '</sheetData></worksheet>';
}
