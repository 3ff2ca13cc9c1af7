import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { LANGUAGES } from '../../common/i18n/languages';
import type { Language } from '../../common/i18n/languages';
import { PageQuery } from '../../common/http/pagination';
import { QueryBoolean, Trim, UpperCase } from '../../common/validation/transforms';
import { IsCountryCode, IsEmailAddress, IsTimeZone } from '../../common/validation/validators';
import { MEMBERSHIP_ROLES } from '../../bodies/membership.entity';
import { DIGEST_PREFERENCES } from '../member.entity';
import type { DigestPreference } from '../member.entity';
import type { MembershipRole } from '../../bodies/membership.entity';

export class CreateMemberDto {
  @ApiProperty({ example: 'Aigerim Nurlanovna Sadykova', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\p{Cc}]*$/u, { message: 'fullName must not contain line breaks or other control characters' })
  fullName!: string;

  @ApiProperty({ example: 'a.sadykova@ecogeo.gov.kz', description: 'Unique, whatever its case' })
  @Trim()
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ example: 'KZ', description: 'ISO 3166-1 alpha-2, or EU for EU institutions' })
  @UpperCase()
  @IsCountryCode()
  countryCode!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Id of an organisation' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'organization must be the id (UUID) of an organisation' })
  organization?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Chief expert, Department of Climate Policy',
    maxLength: 300,
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString()
  @MaxLength(300)
  position?: string | null;

  @ApiProperty({ enum: LANGUAGES, description: 'Language of every email and page this member reads' })
  @IsIn(LANGUAGES, { message: 'language must be one of en, ru, kk' })
  language!: Language;

  @ApiProperty({ example: 'Asia/Almaty' })
  @IsTimeZone()
  timeZone!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    enum: DIGEST_PREFERENCES,
    default: 'immediate',
    description: 'Non-urgent reminders one by one, or in a daily or weekly digest',
  })
  @IsOptional()
  @IsIn(DIGEST_PREFERENCES, { message: 'digest must be one of immediate, daily, weekly' })
  digest?: DigestPreference;
}

export class UpdateMemberDto extends PartialType(CreateMemberDto, { skipNullProperties: false }) {}

export class MemberQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'KZ' })
  @IsOptional()
  @UpperCase()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Members serving in this body today' })
  @IsOptional()
  @IsUUID('all', { message: 'bodyId must be a UUID' })
  bodyId?: string;

  @ApiPropertyOptional({
    enum: MEMBERSHIP_ROLES,
    description: 'Members holding this role today (in bodyId, when given)',
  })
  @IsOptional()
  @IsIn(MEMBERSHIP_ROLES, { message: `role must be one of ${MEMBERSHIP_ROLES.join(', ')}` })
  role?: MembershipRole;

  @ApiPropertyOptional()
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ description: 'Part of the name, email or organisation, in any script' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
