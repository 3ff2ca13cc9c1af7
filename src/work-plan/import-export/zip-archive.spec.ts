import { crc32, deflateRawSync } from 'node:zlib';
import { entryText, readZipDirectory, UnpackBudget, ZIP_LIMITS, ZipBombError, ZipFormatError } from './zip-archive';

/** A one-entry zip whose directory declares `declared` bytes for the deflated `data`. */
function zipOf(name: string, data: Buffer, declared = data.length): Buffer {
  const packed = deflateRawSync(data);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(local.length + nameBytes.length + packed.length, 16);
  return Buffer.concat([local, nameBytes, packed, central, nameBytes, end]);
}

const readAll = async (chunks: AsyncIterable<string>) => {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
};

describe('the zip reader of the import', () => {
  it('reads an entry back as text', async () => {
    const zip = zipOf('a.xml', Buffer.from('<a>Мероприятие</a>'.repeat(1000)));
    const entry = readZipDirectory(zip).get('a.xml')!;
    expect(await readAll(entryText(zip, entry, new UnpackBudget()))).toBe('<a>Мероприятие</a>'.repeat(1000));
  });

  it('refuses entries declaring more than the bound in all, or packed past the ratio, before inflating', () => {
    expect(() => readZipDirectory(zipOf('big.xml', Buffer.from('x'), ZIP_LIMITS.maxUnpackedBytes + 1))).toThrow(ZipBombError);
    expect(() => readZipDirectory(zipOf('dense.xml', Buffer.alloc(1024 * 1024, 'a')))).toThrow(/packed more than 100 to 1/);
  });

  it('stops inflating an entry as soon as it passes the size it declared', async () => {
    const zip = zipOf('liar.xml', Buffer.alloc(5 * 1024 * 1024, 'a'), 60_000);
    const entry = readZipDirectory(zip).get('liar.xml')!;
    await expect(readAll(entryText(zip, entry, new UnpackBudget()))).rejects.toThrow(/more than the 60000 bytes it declares/);
  });

  it('counts every read of the archive against one budget', async () => {
    const zip = zipOf('a.xml', Buffer.from('abc'.repeat(10_000)));
    const entry = readZipDirectory(zip).get('a.xml')!;
    const budget = new UnpackBudget(50_000);
    await readAll(entryText(zip, entry, budget));
    await expect(readAll(entryText(zip, entry, budget))).rejects.toThrow(ZipBombError);
  });

  it('says plainly when a file is no zip', () => {
    expect(() => readZipDirectory(Buffer.from('PK\u0003\u0004 not really a zip'))).toThrow(ZipFormatError);
  });
});
