import { request } from 'node:http';
import { api, BENCH_TOKEN, startBenchApp } from './bench-app';

const FILE_BYTES = 50 * 1024 * 1024;
const PIECE = 64 * 1024;
const MIB = 2 ** 20;

/** Streams a multipart upload of `bytes` bytes of a PDF made up on the fly: nothing of it is held whole. */
function streamUpload(url: string, path: string, bytes: number): Promise<void> {
  const boundary = 'bench-boundary-7d1f';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Доклад.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const filler = Buffer.alloc(PIECE, 0x41);
  const target = new URL(path, url);
  return new Promise((resolve, reject) => {
    const req = request(target, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${BENCH_TOKEN}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + (bytes - 9) + tail.length),
      },
    });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (p: Buffer) => parts.push(p));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve()
          : reject(new Error(`upload: ${res.statusCode} ${Buffer.concat(parts).toString().slice(0, 300)}`)),
      );
    });
    req.on('error', reject);
    req.write(head);
    let left = bytes - 9;
    const more = () => {
      while (left > 0) {
        const piece = left >= PIECE ? filler : filler.subarray(0, left);
        left -= piece.length;
        if (!req.write(piece)) return void req.once('drain', more);
      }
      req.end(tail);
    };
    more();
  });
}

/** Reads a download to its end, counting the bytes only. */
function streamDownload(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(new URL(path, url), { headers: { Authorization: `Bearer ${BENCH_TOKEN}` } }, (res) => {
      let received = 0;
      res.on('data', (p: Buffer) => (received += p.length));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(received) : reject(new Error(`download: ${res.statusCode}`)),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/**
 * A 50 MB document up and down through the real endpoints: MB/s each way and how much the process's RSS grew
 * (client and API share the process here, so the figure is an upper bound for the API alone).
 */
export async function benchDocuments(): Promise<Record<string, string>> {
  const bench = await startBenchApp({ DOCUMENT_MAX_BYTES: String(64 * MIB) });
  try {
    const body = await api(bench.url, 'POST', '/api/bodies', { name: { en: 'Bench WG' }, kind: 'working_group' });
    const document = await api(bench.url, 'POST', `/api/bodies/${body.id}/documents`, {
      title: { en: 'Bench report' },
      kind: 'report',
    });
    const path = `/api/documents/${document.id}/files/ru`;
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const up = process.hrtime.bigint();
    await streamUpload(bench.url, path, FILE_BYTES);
    const upSeconds = Number(process.hrtime.bigint() - up) / 1e9;
    const down = process.hrtime.bigint();
    const received = await streamDownload(bench.url, path);
    const downSeconds = Number(process.hrtime.bigint() - down) / 1e9;
    clearInterval(sampler);
    if (received !== FILE_BYTES) throw new Error(`downloaded ${received} bytes of ${FILE_BYTES}`);
    const growth = (peak - rssBefore) / MIB;
    return {
      'upload 50 MB (PUT, streamed to PostgreSQL)': `${upSeconds.toFixed(2)} s, ${(FILE_BYTES / MIB / upSeconds).toFixed(1)} MB/s in`,
      'download 50 MB (GET, streamed from PostgreSQL)': `${downSeconds.toFixed(2)} s, ${(FILE_BYTES / MIB / downSeconds).toFixed(1)} MB/s out`,
      'RSS growth over the round trip (limit 64 MiB)': `+${growth.toFixed(0)} MiB (peak ${(peak / MIB).toFixed(0)} MiB)${growth < 64 ? '' : ' — OVER THE LIMIT'}`,
    };
  } finally {
    await bench.close();
  }
}
