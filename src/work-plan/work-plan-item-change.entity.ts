import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change of an item's status or deadline, with who made it; a changed deadline keeps the old text. */
@Entity('work_plan_item_change')
@Index(['itemId', 'at'])
export class WorkPlanItemChange {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ type: 'uuid' })
  itemId!: string;

  @ApiProperty()
  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @ApiProperty({ enum: ['status', 'deadline'] })
  @Column({ type: 'text' })
  field!: 'status' | 'deadline';

  @ApiProperty({ type: String, nullable: true, description: 'The old status, or the deadline as it was written' })
  @Column({ type: 'text', nullable: true })
  oldValue!: string | null;

  @ApiProperty({ type: String, nullable: true })
  @Column({ type: 'text', nullable: true })
  newValue!: string | null;

  @ApiProperty()
  @Column({ type: 'text' })
  actorName!: string;

  @ApiProperty({ type: String, nullable: true })
  @Column({ type: 'text', nullable: true })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
