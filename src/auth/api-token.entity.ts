import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../common/request-context';

/** An integration's access: only the SHA-256 of the token is kept; the token itself is shown once. */
@Entity('api_token')
export class ApiToken {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty()
  @Column({ type: 'text' })
  name!: string;

  @ApiProperty({ enum: ['secretariat', 'member'] })
  @Column({ type: 'enum', enum: ['secretariat', 'member'], enumName: 'role' })
  role!: Role;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  @Column({ type: 'uuid', nullable: true })
  memberId!: string | null;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64, select: false })
  tokenHash!: string;

  @ApiProperty()
  @Column({ type: 'varchar', length: 12 })
  prefix!: string;

  @ApiProperty()
  @Column({ type: 'text' })
  createdBy!: string;

  @ApiProperty()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @ApiProperty({ type: Date, nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
