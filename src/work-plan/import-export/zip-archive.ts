import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

/** What the import accepts of an uploaded workbook before unpacking anything (a zip bomb is refused here). */
export const ZIP_LIMITS = {
  maxUnpackedBytes: 50 * 1024 * 1024,
  /** Unpacked size over packed size of any entry larger than `ratioFloorBytes`: spreadsheet XML packs 5–25 times. */
  maxRatio: 100,
  ratioFloorBytes: 64 * 1024,
  maxEntries: 1_000,
} as const;

export class ZipFormatError extends Error {}

export class ZipBombError extends Error {}

export type ZipEntry = Entry;

const STORED = 0;
const DEFLATED = 8;

/** What may still be unpacked from one archive, however often its entries are read. */
export class UnpackBudget {
  constructor(private left = ZIP_LIMITS.maxUnpackedBytes) {}

  spend(bytes: number): void {
    this.left -= bytes;
    if (this.left < 0)
      throw new ZipBombError(`reading the archive unpacks more than ${ZIP_LIMITS.maxUnpackedBytes} bytes`);
  }
}

const formatError = (error: unknown, what = 'the archive'): ZipFormatError =>
  error instanceof ZipFormatError ? error : new ZipFormatError(`${what} cannot be read: ${(error as Error).message}`);

export class ZipArchive {
  private constructor(
    private readonly zip: ZipFile,
    readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly budget: UnpackBudget,
  ) {}

  static async open(buffer: Buffer, budget = new UnpackBudget()): Promise<ZipArchive> {
    let zip: ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(buffer, {
        lazyEntries: true,
        validateEntrySizes: true,
        strictFileNames: false,
        decodeStrings: true,
      });
    } catch (error) {
      throw formatError(error);
    }
    if (zip.entryCount > ZIP_LIMITS.maxEntries) throw new ZipBombError(`the archive has ${zip.entryCount} entries`);

    const entries = new Map<string, ZipEntry>();
    let total = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const name = entry.fileName;
        if (entry.isEncrypted()) throw new ZipFormatError(`${name} is encrypted`);
        if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED)
          throw new ZipFormatError(`${name} uses compression method ${entry.compressionMethod}`);
        total += entry.uncompressedSize;
        if (total > ZIP_LIMITS.maxUnpackedBytes)
          throw new ZipBombError(`the entries unpack to more than ${ZIP_LIMITS.maxUnpackedBytes} bytes`);
        if (
          entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes &&
          entry.uncompressedSize > entry.compressedSize * ZIP_LIMITS.maxRatio
        ) {
          throw new ZipBombError(`${name} is packed more than ${ZIP_LIMITS.maxRatio} to 1`);
        }
        entries.set(name, entry);
      }
    } catch (error) {
      zip.close();
      if (error instanceof ZipBombError) throw error;
      throw formatError(error);
    }
    return new ZipArchive(zip, entries, budget);
  }

  /** The entry's text, inflated chunk by chunk (zlib works off the event loop); stopping early destroys the stream. */
  async *text(entry: ZipEntry): AsyncGenerator<string> {
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch (error) {
      throw formatError(error, entry.fileName);
    }
    const decoder = new TextDecoder('utf-8');
    let unpacked = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        unpacked += chunk.length;
        if (unpacked > entry.uncompressedSize) throw new ZipBombError(this.pastDeclared(entry));
        this.budget.spend(chunk.length);
        yield decoder.decode(chunk, { stream: true });
      }
    } catch (error) {
      if (error instanceof ZipBombError) throw error;
      // validateEntrySizes makes yauzl fail the stream on the chunk that passes the declared size, before we see it.
      if (/^too many bytes in the stream/.test((error as Error).message))
        throw new ZipBombError(this.pastDeclared(entry));
      throw formatError(error, entry.fileName);
    } finally {
      stream.destroy();
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }

  close(): void {
    this.zip.close();
  }

  private pastDeclared(entry: ZipEntry): string {
    return `${entry.fileName} unpacks to more than the ${entry.uncompressedSize} bytes it declares`;
  }
}
