import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A member was told of one revision of one language version of a document, by this email. */
@Entity('document_notice')
@Index(['memberId', 'fileId'], { unique: true })
export class DocumentNotice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  memberId!: string;

  @Index()
  @Column({ type: 'uuid' })
  fileId!: string;

  @Index()
  @Column({ type: 'uuid' })
  notificationId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  toldAt!: Date;
}
