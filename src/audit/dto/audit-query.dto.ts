import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Entity name, e.g. member, body, membership, organization, api_token' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entity?: string;

  @ApiPropertyOptional({ description: 'Id of the changed record' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  id?: string;
}
