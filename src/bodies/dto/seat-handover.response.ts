import { ApiProperty } from '@nestjs/swagger';
import { Membership } from '../membership.entity';

export class SeatHandoverResponse {
  @ApiProperty({ type: Membership, description: "The previous holder's term, now ended" })
  ended!: Membership;

  @ApiProperty({ type: Membership, description: "The new holder's term" })
  started!: Membership;
}
