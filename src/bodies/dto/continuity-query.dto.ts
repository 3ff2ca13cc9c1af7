import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { QueryInt } from '../../common/validation/transforms';
import { IsCalendarDate } from '../../common/validation/validators';

export class ContinuityQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'bodyId must be a UUID' })
  bodyId!: string;

  @ApiPropertyOptional({ default: 5, minimum: 1, maximum: 50, description: 'How many past years count for turnover' })
  @IsOptional()
  @QueryInt()
  @IsInt({ message: 'years must be a whole number' })
  @Min(1)
  @Max(50)
  years: number = 5;

  @ApiPropertyOptional({ format: 'date', description: "Report as of this day (default: today in the body's zone)" })
  @IsOptional()
  @IsCalendarDate({ message: 'at must be a date written YYYY-MM-DD' })
  at?: string;
}
