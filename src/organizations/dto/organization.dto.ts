import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { PageQuery } from '../../common/http/pagination';
import { UpperCase } from '../../common/validation/transforms';
import { IsCountryCode, IsLocalizedText } from '../../common/validation/validators';
import { ORGANIZATION_KINDS } from '../organization.entity';
import type { OrganizationKind } from '../organization.entity';

export class CreateOrganizationDto {
  @ApiProperty({ ...LOCALIZED_TEXT_SCHEMA, example: { en: 'WECOOP 2', ru: 'WECOOP 2' } })
  @IsLocalizedText(300)
  name!: LocalizedText;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS, { message: `kind must be one of ${ORGANIZATION_KINDS.join(', ')}` })
  kind!: OrganizationKind;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'KZ' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @UpperCase()
  @IsCountryCode()
  countryCode?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      "Members who are the organisation's focal points for the work plan: reminded of the activities it executes that nobody is named on. Replaces the list when given.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'focalPointMemberIds must hold member ids (UUIDs)' })
  focalPointMemberIds?: string[];
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto, { skipNullProperties: false }) {}

export class OrganizationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS, { message: `kind must be one of ${ORGANIZATION_KINDS.join(', ')}` })
  kind?: OrganizationKind;

  @ApiPropertyOptional({ example: 'KZ' })
  @IsOptional()
  @UpperCase()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ description: 'Part of the name, in any language' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
