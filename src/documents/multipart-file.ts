import { HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { ApiError } from '../common/http/api-error';

/** A file part as it arrives: its bytes are read once, by whoever stores them. */
export interface IncomingFile {
  /** The name the sender gave, for display only. */
  fileName: string;
  stream: Readable;
}

/** Room for the multipart envelope and a few small fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;

/**
 * Streams the multipart field `file` of a request to `consume`, never holding it in memory. A body that
 * Content-Length says is too large is refused before a byte is read; fields sent before the file (the page's
 * CSRF token) are checked by `beforeFile` before the file is consumed.
 */
export function readMultipartFile<T>(
  req: IncomingMessage,
  maxBytes: number,
  consume: (file: IncomingFile) => Promise<T>,
  beforeFile: (fields: Record<string, string>) => void = () => undefined,
): Promise<T> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) return Promise.reject(tooLarge(maxBytes));
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send a file's name in UTF-8; busboy's default would read Cyrillic as Latin-1.
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 20, fieldSize: 16 * 1024, parts: 30 },
      });
    } catch {
      reject(ApiError.field(HttpStatus.BAD_REQUEST, 'file', 'must be sent as multipart/form-data'));
      return;
    }
    const fields: Record<string, string> = {};
    let work: Promise<T> | null = null;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      reject(error);
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || work) {
        stream.resume();
        return;
      }
      try {
        beforeFile(fields);
      } catch (error) {
        stream.resume();
        fail(error as Error);
        return;
      }
      work = consume({ fileName: info.filename ?? '', stream });
      work.catch(fail);
    });
    parser.on('error', () =>
      fail(ApiError.field(HttpStatus.BAD_REQUEST, 'file', 'is not a readable multipart/form-data body')),
    );
    parser.on('close', () => {
      if (settled) return;
      if (!work)
        return fail(ApiError.field(HttpStatus.BAD_REQUEST, 'file', 'is required: send the file in the field "file"'));
      work.then((value) => {
        if (settled) return;
        settled = true;
        resolve(value);
      }, fail);
    });
    req.on('error', fail);
    req.pipe(parser);
  });
}

export function tooLarge(maxBytes: number): ApiError {
  return ApiError.field(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'file',
    `is larger than the ${Math.floor(maxBytes / (1024 * 1024)) || maxBytes} ${maxBytes >= 1024 * 1024 ? 'MB' : 'bytes'} a document may have`,
    { maxBytes },
  );
}

/** The stream's bytes, failing with 413 once they pass `maxBytes`. */
export async function* limitedTo(source: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const piece of source) {
    seen += piece.length;
    if (seen > maxBytes) throw tooLarge(maxBytes);
    yield piece;
  }
}

/** The first `bytes` of a stream (fewer if it is shorter), and the whole stream again from its start. */
export async function peek(source: Readable, bytes: number): Promise<{ head: Buffer; whole: Readable }> {
  const iterator = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(parts);
  async function* whole() {
    if (head.length) yield head;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, whole: Readable.from(whole(), { objectMode: false }) };
}
