import type { Readable } from 'node:stream';

/** What a stored file is known by. */
export interface StoredBlob {
  key: string;
  byteSize: number;
  sha256: string;
}

/**
 * Where document bytes live. PostgreSQL is the default (see PostgresDocumentStorage); an object store
 * would implement the same three calls.
 */
export interface DocumentStorage {
  /** Reads the stream to its end; if the stream fails, nothing of it stays stored and the error is rethrown. */
  put(source: Readable): Promise<StoredBlob>;
  /** The bytes, streamed; the stream fails if the key is unknown. */
  get(key: string): Readable;
  remove(key: string): Promise<void>;
}

export const DOCUMENT_STORAGE = Symbol('DocumentStorage');
