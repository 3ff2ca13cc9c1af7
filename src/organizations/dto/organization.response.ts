import { ApiProperty } from '@nestjs/swagger';
import { Organization } from '../organization.entity';

export class FocalPointResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ example: 'KZ' })
  countryCode!: string;

  @ApiProperty({ description: 'A deactivated member is not reminded' })
  active!: boolean;
}

/** An organisation with its focal points for the work plan. */
export class OrganizationResponse extends Organization {
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true })
  focalPointMemberIds!: string[];

  @ApiProperty({ type: [FocalPointResponse], description: 'By name' })
  focalPoints!: FocalPointResponse[];
}
