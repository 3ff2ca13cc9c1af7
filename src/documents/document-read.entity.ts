import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Document } from './document.entity';
import { DocumentFile } from './document-file.entity';
import { Member } from '../members/member.entity';

export const DOCUMENT_READ_CHANNELS = ['link', 'session'] as const;
export type DocumentReadChannel = (typeof DOCUMENT_READ_CHANNELS)[number];

/** A member downloaded a file of a document: "who read what". */
@Entity('document_read')
@Index(['documentId', 'memberId'])
export class DocumentRead {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: Relation<Document>;

  @Index()
  @Column({ type: 'uuid' })
  fileId!: string;

  @ManyToOne(() => DocumentFile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id' })
  file?: Relation<DocumentFile>;

  @Index()
  @Column({ type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: Relation<Member>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ type: 'enum', enum: DOCUMENT_READ_CHANNELS, enumName: 'document_read_channel' })
  via!: DocumentReadChannel;
}
