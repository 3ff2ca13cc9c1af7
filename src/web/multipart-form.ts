import { HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../common/http/api-error';

/** A small multipart form held in memory: its text fields and, per file field, the bytes sent (if any). */
export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, Buffer>;
}

/**
 * Reads a page form with a few small files. A file longer than `maxFileBytes` is cut one byte past it, so
 * whoever checks the size still sees that it was too large; an empty file input is left out.
 */
export function readMultipartForm(
  req: IncomingMessage,
  fileFields: string[],
  maxFileBytes: number,
): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: fileFields.length, fields: 40, fieldSize: 16 * 1024, fileSize: maxFileBytes + 1, parts: 60 },
      });
    } catch {
      reject(ApiError.field(HttpStatus.BAD_REQUEST, 'form', 'must be sent as multipart/form-data'));
      return;
    }
    const form: MultipartForm = { fields: {}, files: {} };
    parser.on('field', (name, value) => {
      form.fields[name] = value;
    });
    parser.on('file', (name, stream) => {
      if (!fileFields.includes(name)) {
        stream.resume();
        return;
      }
      const parts: Buffer[] = [];
      stream.on('data', (part: Buffer) => parts.push(part));
      stream.on('end', () => {
        const bytes = Buffer.concat(parts);
        if (bytes.length > 0) form.files[name] = bytes;
      });
    });
    parser.on('error', () =>
      reject(ApiError.field(HttpStatus.BAD_REQUEST, 'form', 'is not a readable multipart/form-data body')),
    );
    parser.on('close', () => resolve(form));
    req.on('error', reject);
    req.pipe(parser);
  });
}
