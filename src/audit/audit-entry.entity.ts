import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what and when, with the record before and after; written in the change's transaction. */
@Entity('audit_entry')
@Index(['entity', 'entityId', 'at'])
export class AuditEntry {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty()
  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @ApiProperty()
  @Column({ type: 'text' })
  actorKind!: string;

  @ApiProperty({ type: String, nullable: true })
  @Column({ type: 'text', nullable: true })
  actorId!: string | null;

  @ApiProperty()
  @Column({ type: 'text' })
  actorName!: string;

  @ApiProperty()
  @Column({ type: 'text' })
  action!: string;

  @ApiProperty()
  @Column({ type: 'text' })
  entity!: string;

  @ApiProperty()
  @Column({ type: 'text' })
  entityId!: string;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true })
  @Column({ type: 'text', nullable: true })
  requestId!: string | null;
}
