import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** Passport details as the member gives them; checked (in the reader's language) by the service. */
export class PassportDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'SAPAROVA AIGUL' })
  @IsOptional()
  @IsString()
  nameInPassport?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'Kazakhstan' })
  @IsOptional()
  @IsString()
  nationality?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 20, example: 'N12345678' })
  @IsOptional()
  @IsString()
  passportNumber?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2031-11-30' })
  @IsOptional()
  @IsString()
  arrivalDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2031-12-03' })
  @IsOptional()
  @IsString()
  departureDate?: string | null;
}

export class PassportResponse {
  @ApiPropertyOptional({ type: String, nullable: true })
  nameInPassport!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  nationality!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  passportNumber!: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  arrivalDate!: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  departureDate!: string | null;
}
