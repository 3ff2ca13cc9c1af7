import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const CHASE_ABOUT = ['poll', 'invitation'] as const;
export type ChaseAbout = (typeof CHASE_ABOUT)[number];

export class ChaseDto {
  @ApiProperty({
    enum: CHASE_ABOUT,
    description: 'poll: those who have not answered every date; invitation: those invited who have not answered',
  })
  @IsIn(CHASE_ABOUT, { message: `about must be one of ${CHASE_ABOUT.join(', ')}` })
  about!: ChaseAbout;
}

export class ChaseResponse {
  @ApiProperty({ enum: CHASE_ABOUT })
  about!: ChaseAbout;

  @ApiProperty({ type: [String], description: 'The members the chase is planned for, now' })
  memberIds!: string[];
}
