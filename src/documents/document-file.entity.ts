import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Document } from './document.entity';
import type { Language } from '../common/i18n/languages';

/** bigint columns come back from pg as strings; sizes stay far below 2^53. */
export const BIGINT_AS_NUMBER = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** One revision of one language version of a document; a new upload of the language supersedes it. */
@Entity('document_file')
@Index(['documentId', 'language', 'revision'], { unique: true })
@Index('document_file_one_current', ['documentId', 'language'], { unique: true, where: '"superseded_at" IS NULL' })
export class DocumentFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: Relation<Document>;

  @Column({ type: 'varchar', length: 2 })
  language!: Language;

  /** 1 for the first upload of the language, then Rev.2, Rev.3... */
  @Column({ type: 'integer' })
  revision!: number;

  /** The name as uploaded, any script, for display and Content-Disposition only; never a path. */
  @Column({ type: 'text' })
  fileName!: string;

  /** Sniffed from the content, not taken from the name or the client. */
  @Column({ type: 'text' })
  mediaType!: string;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  byteSize!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** Where DocumentStorage keeps the bytes. */
  @Column({ type: 'text' })
  storageKey!: string;

  @Column({ type: 'text', nullable: true })
  uploadedBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  uploadedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}
