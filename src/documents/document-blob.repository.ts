import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { DocumentStorage, StoredBlob } from './document-storage';

/** Rows of about this size: few enough rows for a 50 MB file, small enough to hold one at a time. */
export const CHUNK_BYTES = 256 * 1024;

/** Document bytes as ordered bytea chunks, so every API process shares them and a backup holds them. */
@Injectable()
export class PostgresDocumentStorage implements DocumentStorage {
  constructor(private readonly dataSource: DataSource) {}

  async put(source: Readable): Promise<StoredBlob> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const key = randomUUID();
    const hash = createHash('sha256');
    let byteSize = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const write = (bytes: Buffer) =>
      runner.query(`INSERT INTO document_blob_chunk (blob_id, seq, bytes) VALUES ($1, $2, $3)`, [key, seq++, bytes]);
    try {
      await runner.startTransaction();
      await runner.query(`INSERT INTO document_blob (id, byte_size, sha256) VALUES ($1, 0, '')`, [key]);
      for await (const piece of source as AsyncIterable<Buffer>) {
        hash.update(piece);
        byteSize += piece.length;
        pending.push(piece);
        pendingBytes += piece.length;
        while (pendingBytes >= CHUNK_BYTES) {
          const joined = Buffer.concat(pending);
          await write(joined.subarray(0, CHUNK_BYTES));
          pending = [joined.subarray(CHUNK_BYTES)];
          pendingBytes = joined.length - CHUNK_BYTES;
        }
      }
      if (pendingBytes > 0) await write(Buffer.concat(pending));
      const sha256 = hash.digest('hex');
      await runner.query(`UPDATE document_blob SET byte_size = $2, sha256 = $3 WHERE id = $1`, [key, byteSize, sha256]);
      await runner.commitTransaction();
      return { key, byteSize, sha256 };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  get(key: string): Readable {
    const dataSource = this.dataSource;
    async function* chunks() {
      const [blob] = await dataSource.query<{ count: number }[]>(
        `SELECT count(c.seq)::int AS count FROM document_blob b LEFT JOIN document_blob_chunk c ON c.blob_id = b.id WHERE b.id = $1 GROUP BY b.id`,
        [key],
      );
      if (!blob) throw new Error(`no stored document blob ${key}`);
      for (let seq = 0; seq < blob.count; seq++) {
        const [row] = await dataSource.query<{ bytes: Buffer }[]>(
          `SELECT bytes FROM document_blob_chunk WHERE blob_id = $1 AND seq = $2`,
          [key, seq],
        );
        yield row.bytes;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async remove(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM document_blob WHERE id = $1`, [key]);
  }
}
