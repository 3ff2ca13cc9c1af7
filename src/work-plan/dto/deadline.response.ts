import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DeadlineKind, DeadlineWindow } from '../deadline/deadline.types';
import { DEADLINE_KINDS } from '../work-plan-item.entity';

export class DeadlineWindowResponse implements DeadlineWindow {
  @ApiProperty({ format: 'date', example: '2019-11-20' })
  start!: string;

  @ApiProperty({ format: 'date', example: '2019-12-10' })
  end!: string;

  @ApiPropertyOptional({ description: 'For alternatives: the part of the text this window was read from' })
  label?: string;
}

export class DeadlineResponse {
  @ApiProperty({ description: 'Exactly as written', example: 'end of November or early December 2019' })
  text!: string;

  @ApiProperty({ enum: DEADLINE_KINDS })
  kind!: DeadlineKind;

  @ApiProperty({ type: [DeadlineWindowResponse] })
  windows!: DeadlineWindowResponse[];

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When reminders count it due; null when on request or open',
  })
  dueAt!: string | null;

  @ApiProperty()
  onRequest!: boolean;
}

export class ParsedDeadlineResponse extends DeadlineResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The first day of the earliest window' })
  startsOn!: string | null;
}
