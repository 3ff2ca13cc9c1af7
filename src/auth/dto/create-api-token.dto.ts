import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Trim } from '../../common/validation/transforms';
import type { Role } from '../../common/request-context';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'Calendar integration', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: ['secretariat', 'member'] })
  @IsIn(['secretariat', 'member'])
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'The member a member-role token acts as' })
  @IsOptional()
  @IsUUID()
  memberId?: string;
}

export class CreatedApiTokenDto {
  @ApiProperty({ description: 'The token; shown only in this response', example: 'wgs_3q2+7w…' })
  token!: string;
}
