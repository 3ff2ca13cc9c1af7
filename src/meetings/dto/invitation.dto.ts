import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { INVITATION_RESPONSES } from '../invitation.entity';
import type { InvitationResponse } from '../invitation.entity';
import { AudienceDto } from './poll.dto';

export class InviteDto extends AudienceDto {}

export class RecordResponseDto {
  @ApiProperty({ enum: INVITATION_RESPONSES.filter((r) => r !== 'pending') })
  @IsIn(['accepted', 'declined', 'tentative', 'delegated'], {
    message: 'response must be one of accepted, declined, tentative, delegated',
  })
  response!: Exclude<InvitationResponse, 'pending'>;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required with delegated: the substitute (a member)' })
  @ValidateIf((o: RecordResponseDto) => o.response === 'delegated' || o.delegateMemberId !== undefined)
  @IsUUID('all', { message: 'delegateMemberId must be the id of the member who comes instead' })
  delegateMemberId?: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'E.g. "answered by phone"' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class AttendanceRecordDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId!: string;

  @ApiProperty()
  @IsBoolean({ message: 'attended must be true or false' })
  attended!: boolean;
}

export class AttendanceDto {
  @ApiProperty({ type: [AttendanceRecordDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceRecordDto)
  records!: AttendanceRecordDto[];
}
