import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { IsEmailAddress, IsLocalizedText } from '../../common/validation/validators';
import { LETTER_IMAGE_TYPES } from '../letter-settings.entity';
import type { LetterImageType } from '../letter-settings.entity';

/** A PNG or JPEG image, its bytes in base64; null removes it. */
export class LetterImageDto {
  @ApiProperty({ enum: LETTER_IMAGE_TYPES })
  @IsIn(LETTER_IMAGE_TYPES)
  type!: LetterImageType;

  @ApiProperty({ description: 'The image bytes in base64 (at most 512 KiB once decoded)' })
  @IsString()
  @MaxLength(700_000)
  data!: string;
}

export class LetterSettingsDto {
  @ApiPropertyOptional({
    ...LOCALIZED_TEXT_SCHEMA,
    nullable: true,
    description: 'The letterhead name per language; null clears it',
  })
  @IsOptional()
  @IsLocalizedText()
  letterheadName?: LocalizedText | null;

  @ApiPropertyOptional({ type: LetterImageDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LetterImageDto)
  logo?: LetterImageDto | null;

  @ApiPropertyOptional({ ...LOCALIZED_TEXT_SCHEMA, nullable: true, description: 'Per language; null clears it' })
  @IsOptional()
  @IsLocalizedText()
  signatoryName?: LocalizedText | null;

  @ApiPropertyOptional({ ...LOCALIZED_TEXT_SCHEMA, nullable: true, description: 'Per language; null clears it' })
  @IsOptional()
  @IsLocalizedText()
  signatoryTitle?: LocalizedText | null;

  @ApiPropertyOptional({ type: LetterImageDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LetterImageDto)
  signature?: LetterImageDto | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsEmailAddress()
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  contactPhone?: string | null;
}

export class LetterSettingsResponse {
  @ApiProperty({ format: 'uuid' })
  bodyId!: string;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  letterheadName!: LocalizedText;

  @ApiProperty({ description: 'Whether a logo is stored' })
  hasLogo!: boolean;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  signatoryName!: LocalizedText;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  signatoryTitle!: LocalizedText;

  @ApiProperty({ description: 'Whether a signature image is stored' })
  hasSignature!: boolean;

  @ApiProperty({ type: String, nullable: true })
  contactName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactEmail!: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactPhone!: string | null;
}

export class LetterCoverageDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn([true, false])
  travelCovered?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIn([true, false])
  accommodationCovered?: boolean;
}

export class LetterCoverageResponse {
  @ApiProperty()
  travelCovered!: boolean;

  @ApiProperty()
  accommodationCovered!: boolean;
}
