import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { BIGINT_AS_NUMBER } from './document-file.entity';

/** The bytes of one stored file, kept by the PostgreSQL document storage as ordered chunks. */
@Entity('document_blob')
export class DocumentBlob {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  byteSize!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** About 256 KB of a blob; seq orders them from 0. */
@Entity('document_blob_chunk')
export class DocumentBlobChunk {
  @PrimaryColumn({ type: 'uuid' })
  blobId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @ManyToOne(() => DocumentBlob, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'blob_id' })
  blob?: Relation<DocumentBlob>;

  @Column({ type: 'bytea' })
  bytes!: Buffer;
}
