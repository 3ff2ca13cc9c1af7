import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';
import { Trim } from '../../common/validation/transforms';
import { IsCalendarDate } from '../../common/validation/validators';
import { MEMBERSHIP_ROLES } from '../membership.entity';
import type { MembershipRole } from '../membership.entity';

export class CreateMembershipDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId!: string;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  @IsIn(MEMBERSHIP_ROLES, { message: `role must be one of ${MEMBERSHIP_ROLES.join(', ')}` })
  role!: MembershipRole;

  @ApiPropertyOptional({
    example: 'KZ',
    description: "The country or institution represented; defaults to the member's country",
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  seat?: string;

  @ApiProperty({ format: 'date', example: '2019-01-01' })
  @IsCalendarDate()
  startDate!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Last day of the term; open while serving',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsCalendarDate()
  endDate?: string | null;
}

export class UpdateMembershipDto extends PartialType(OmitType(CreateMembershipDto, ['memberId'] as const), {
  skipNullProperties: false,
}) {}

/** A seat's new holder: the current term ends the day before `startDate`, the new one starts that day. */
export class ReplaceSeatHolderDto {
  @ApiProperty({ format: 'uuid', description: 'The member who takes the seat' })
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId!: string;

  @ApiProperty({ format: 'date', example: '2031-01-01', description: "The new holder's first day" })
  @IsCalendarDate()
  startDate!: string;

  @ApiPropertyOptional({ enum: MEMBERSHIP_ROLES, description: "The new holder's role; the ended term's by default" })
  @IsOptional()
  @IsIn(MEMBERSHIP_ROLES, { message: `role must be one of ${MEMBERSHIP_ROLES.join(', ')}` })
  role?: MembershipRole;
}

export class MembershipQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Composition on this day: only terms running then' })
  @IsOptional()
  @IsCalendarDate({ message: 'at must be a date written YYYY-MM-DD' })
  at?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId?: string;

  @ApiPropertyOptional({ enum: MEMBERSHIP_ROLES })
  @IsOptional()
  @IsIn(MEMBERSHIP_ROLES, { message: `role must be one of ${MEMBERSHIP_ROLES.join(', ')}` })
  role?: MembershipRole;

  @ApiPropertyOptional({ example: 'KZ', description: 'Only the terms of this seat' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  seat?: string;
}
