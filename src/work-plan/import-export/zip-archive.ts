import { createInflateRaw } from 'node:zlib';

/** What the import accepts of an uploaded workbook before unpacking anything (a zip bomb is refused here). */
export const ZIP_LIMITS = {
  /** All entries of the archive together, unpacked. */
  maxUnpackedBytes: 50 * 1024 * 1024,
  /** Unpacked size over packed size of any entry larger than `ratioFloorBytes`: spreadsheet XML packs 5–25 times. */
  maxRatio: 100,
  ratioFloorBytes: 64 * 1024,
  maxEntries: 1_000,
} as const;

/** The archive is not a zip we read (broken, zip64, encrypted, an unknown compression). */
export class ZipFormatError extends Error {}

/** The archive would unpack past ZIP_LIMITS: by what it declares, or by what its data really inflates to. */
export class ZipBombError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  packedSize: number;
  /** As the central directory declares it; inflating past it aborts. */
  size: number;
  localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * The entries of a zip from its central directory, refused before any inflating when their declared
 * sizes pass ZIP_LIMITS. Only the central directory is trusted for where entries are; their real
 * unpacked size is enforced again by `entryText`.
 */
export function readZipDirectory(buffer: Buffer): Map<string, ZipEntry> {
  const end = findEndOfCentralDirectory(buffer);
  const count = buffer.readUInt16LE(end + 10);
  const directorySize = buffer.readUInt32LE(end + 12);
  const directoryOffset = buffer.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipFormatError('zip64 archives are not read');
  if (count > ZIP_LIMITS.maxEntries) throw new ZipBombError(`the archive has ${count} entries`);
  if (directoryOffset + directorySize > end) throw new ZipFormatError('the central directory lies outside the archive');

  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || buffer.readUInt32LE(at) !== CENTRAL_FILE_HEADER) throw new ZipFormatError('the central directory is broken');
    const flags = buffer.readUInt16LE(at + 8);
    const method = buffer.readUInt16LE(at + 10);
    const packedSize = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const localHeaderOffset = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) throw new ZipFormatError(`${name} is encrypted`);
    if (method !== STORED && method !== DEFLATED) throw new ZipFormatError(`${name} uses compression method ${method}`);
    if (size === 0xffffffff || packedSize === 0xffffffff || localHeaderOffset === 0xffffffff) throw new ZipFormatError('zip64 archives are not read');
    total += size;
    if (total > ZIP_LIMITS.maxUnpackedBytes) throw new ZipBombError(`the entries unpack to more than ${ZIP_LIMITS.maxUnpackedBytes} bytes`);
    if (size > ZIP_LIMITS.ratioFloorBytes && size > packedSize * ZIP_LIMITS.maxRatio) throw new ZipBombError(`${name} is packed more than ${ZIP_LIMITS.maxRatio} to 1`);
    entries.set(name, { name, method, packedSize, size, localHeaderOffset });
  }
  return entries;
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const lowest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let at = buffer.length - 22; at >= lowest; at--) {
    if (buffer.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new ZipFormatError('not a zip archive');
}

/** What may still be unpacked from one archive, however often its entries are read. */
export class UnpackBudget {
  constructor(private left = ZIP_LIMITS.maxUnpackedBytes) {}

  spend(bytes: number): void {
    this.left -= bytes;
    if (this.left < 0) throw new ZipBombError(`reading the archive unpacks more than ${ZIP_LIMITS.maxUnpackedBytes} bytes`);
  }
}

/**
 * The entry's text, unpacked chunk by chunk (zlib works off the event loop), aborting as soon as
 * the data inflates past the size the directory declared (declared sizes were checked, real ones are
 * too) or past what is left of the archive's budget.
 */
export async function* entryText(buffer: Buffer, entry: ZipEntry, budget: UnpackBudget): AsyncGenerator<string> {
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_FILE_HEADER) throw new ZipFormatError(`${entry.name} has no local header`);
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  if (start + entry.packedSize > buffer.length) throw new ZipFormatError(`${entry.name} is cut short`);
  const packed = buffer.subarray(start, start + entry.packedSize);
  const decoder = new TextDecoder('utf-8');
  if (entry.method === STORED) {
    if (packed.length !== entry.size) throw new ZipFormatError(`${entry.name} has a wrong size`);
    budget.spend(packed.length);
    yield decoder.decode(packed);
    return;
  }
  const inflate = createInflateRaw();
  inflate.end(packed);
  let unpacked = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      unpacked += chunk.length;
      if (unpacked > entry.size) throw new ZipBombError(`${entry.name} unpacks to more than the ${entry.size} bytes it declares`);
      budget.spend(chunk.length);
      yield decoder.decode(chunk, { stream: true });
    }
  } catch (error) {
    if (error instanceof ZipBombError) throw error;
    throw new ZipFormatError(`${entry.name} cannot be unpacked: ${(error as Error).message}`);
  } finally {
    inflate.destroy();
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
