import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Body } from '../bodies/body.entity';
import type { LocalizedText } from '../common/i18n/languages';
import { Timestamped } from '../database/timestamps';

export const LETTER_IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
export type LetterImageType = (typeof LETTER_IMAGE_TYPES)[number];

/** How a body's letters look and who signs them: the letterhead, the signatory and the contact person. */
@Entity('letter_settings')
export class LetterSettings extends Timestamped {
  @PrimaryColumn({ type: 'uuid' })
  bodyId!: string;

  @OneToOne(() => Body, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'body_id' })
  body?: Relation<Body>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  letterheadName!: LocalizedText;

  @Column({ type: 'bytea', nullable: true })
  logo!: Buffer | null;

  @Column({ type: 'text', nullable: true })
  logoType!: LetterImageType | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  signatoryName!: LocalizedText;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  signatoryTitle!: LocalizedText;

  @Column({ type: 'bytea', nullable: true })
  signature!: Buffer | null;

  @Column({ type: 'text', nullable: true })
  signatureType!: LetterImageType | null;

  @Column({ type: 'text', nullable: true })
  contactName!: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone!: string | null;
}
