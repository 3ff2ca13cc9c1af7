import { crc32, deflateRawSync } from 'node:zlib';
import { UnpackBudget, ZIP_LIMITS, ZipArchive, ZipBombError, ZipFormatError } from './zip-archive';

interface ZipShape {
  /** What the directory declares the entry unpacks to. */
  declared?: number;
  /** 0 stores the data as it is, 8 deflates it; any other number is only written into the headers. */
  method?: number;
  flags?: number;
  /** What the end of the central directory declares the archive holds. */
  entryCount?: number;
}

/** A one-entry zip of `data`, written by hand so that its headers can say what a hostile file says. */
function zipOf(
  name: string,
  data: Buffer,
  { declared = data.length, method = 8, flags = 0, entryCount = 1 }: ZipShape = {},
): Buffer {
  const packed = method === 0 ? data : deflateRawSync(data);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entryCount, 8);
  end.writeUInt16LE(entryCount, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(local.length + nameBytes.length + packed.length, 16);
  return Buffer.concat([local, nameBytes, packed, central, nameBytes, end]);
}

const readAll = async (chunks: AsyncIterable<string>) => {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
};

const entryOf = (archive: ZipArchive, name: string) => {
  const entry = archive.entries.get(name);
  if (!entry) throw new Error(`no ${name} in the archive`);
  return entry;
};

describe('the zip reader of the import', () => {
  it('reads a deflated entry and a stored one back as text', async () => {
    const text = '<a>Мероприятие &amp; план</a>'.repeat(1000);
    for (const method of [8, 0]) {
      const archive = await ZipArchive.open(zipOf('a.xml', Buffer.from(text), { method }));
      expect(await readAll(archive.text(entryOf(archive, 'a.xml')))).toBe(text);
    }
  });

  it('refuses entries declaring more than the bound in all, or packed past the ratio, before inflating', async () => {
    await expect(
      ZipArchive.open(zipOf('big.xml', Buffer.from('x'), { declared: ZIP_LIMITS.maxUnpackedBytes + 1 })),
    ).rejects.toThrow(ZipBombError);
    await expect(ZipArchive.open(zipOf('dense.xml', Buffer.alloc(1024 * 1024, 'a')))).rejects.toThrow(
      /packed more than 100 to 1/,
    );
  });

  it('refuses an archive of more entries than the bound before reading its directory', async () => {
    await expect(
      ZipArchive.open(zipOf('a.xml', Buffer.from('a'), { entryCount: ZIP_LIMITS.maxEntries + 1 })),
    ).rejects.toThrow(/has 1001 entries/);
  });

  it('stops inflating an entry as soon as it passes the size it declared', async () => {
    const archive = await ZipArchive.open(zipOf('liar.xml', Buffer.alloc(5 * 1024 * 1024, 'a'), { declared: 60_000 }));
    await expect(readAll(archive.text(entryOf(archive, 'liar.xml')))).rejects.toThrow(
      new ZipBombError('liar.xml unpacks to more than the 60000 bytes it declares'),
    );
  });

  it('counts every read of the archive against one budget', async () => {
    const archive = await ZipArchive.open(zipOf('a.xml', Buffer.from('abc'.repeat(10_000))), new UnpackBudget(50_000));
    const entry = entryOf(archive, 'a.xml');
    await readAll(archive.text(entry));
    await expect(readAll(archive.text(entry))).rejects.toThrow(ZipBombError);
  });

  it('refuses encrypted entries and unknown compressions as archives it does not read', async () => {
    await expect(ZipArchive.open(zipOf('secret.xml', Buffer.from('a'), { flags: 0x1 }))).rejects.toThrow(
      new ZipFormatError('secret.xml is encrypted'),
    );
    await expect(ZipArchive.open(zipOf('lzma.xml', Buffer.from('a'), { method: 14 }))).rejects.toThrow(
      new ZipFormatError('lzma.xml uses compression method 14'),
    );
  });

  it('says plainly when a file is no zip', async () => {
    await expect(ZipArchive.open(Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toThrow(ZipFormatError);
  });
});
