import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const ROLES = ['all', 'api', 'worker'];

export class ProbeResponse {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty({ type: 'integer' })
  latencyMs!: number;

  @ApiPropertyOptional({ description: 'Why it is down' })
  error?: string;
}

export class InboundMailboxResponse {
  @ApiProperty({ enum: ['on', 'off'] })
  status!: 'on' | 'off';

  @ApiProperty({ description: 'What is read, or why nothing is', example: 'INBOX on mail.example.org' })
  message!: string;
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  status!: 'ok' | 'error' | 'shutting_down';

  @ApiProperty({ enum: ROLES })
  role!: string;

  @ApiPropertyOptional({ type: ProbeResponse, description: 'Absent while shutting down' })
  database?: ProbeResponse;

  @ApiPropertyOptional({ type: ProbeResponse, description: 'Absent while shutting down' })
  redis?: ProbeResponse;

  @ApiPropertyOptional({ type: InboundMailboxResponse, description: 'Absent while shutting down' })
  inbound?: InboundMailboxResponse;

  @ApiPropertyOptional({ description: 'Only while shutting down: since when' })
  message?: string;
}

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty({ enum: ROLES })
  role!: string;

  @ApiProperty({ description: 'The process drains: it finishes the requests in hand and takes no new ones' })
  shuttingDown!: boolean;
}
