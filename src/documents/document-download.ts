import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DocumentFile } from './document-file.entity';

/** Streams a stored file out under its uploaded name (RFC 6266/5987 via res.attachment) and sniffed type. */
export async function sendDocumentFile(res: Response, found: { file: DocumentFile; stream: Readable }): Promise<void> {
  const { file, stream } = found;
  res.attachment(file.fileName);
  res.setHeader('Content-Type', file.mediaType);
  res.setHeader('Content-Length', String(file.byteSize));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  try {
    await pipeline(stream, res);
  } catch {
    // Headers are gone: a failed stream can only end the connection, never become an error page.
    res.destroy();
  }
}
