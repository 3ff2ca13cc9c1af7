import { ApiProperty } from '@nestjs/swagger';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import { BODY_KINDS } from '../body.entity';
import type { BodyKind } from '../body.entity';
import type { ContinuityReport, SeatContinuity, SeatHolder } from '../continuity-report.service';
import { MEMBERSHIP_ROLES } from '../membership.entity';

export class ReportBodyResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  name!: LocalizedText;

  @ApiProperty({ enum: BODY_KINDS })
  kind!: BodyKind;
}

export class SeatHolderResponse implements SeatHolder {
  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty({ enum: MEMBERSHIP_ROLES })
  role!: string;

  @ApiProperty({ format: 'date', description: 'Start of unbroken service in this seat (consecutive terms joined)' })
  since!: string;

  @ApiProperty({ description: 'Years served up to the report date, to one decimal', example: 2.5 })
  yearsServed!: number;
}

export class SeatContinuityResponse implements SeatContinuity {
  @ApiProperty({ description: 'The country (ISO code) or institution the seat belongs to', example: 'KZ' })
  seat!: string;

  @ApiProperty({ type: [SeatHolderResponse], description: 'Chair, co-chair, member or observer holding the seat' })
  holders!: SeatHolderResponse[];

  @ApiProperty({ type: [SeatHolderResponse] })
  alternates!: SeatHolderResponse[];

  @ApiProperty({ type: 'integer', description: 'People who held the seat in the period' })
  peopleInPeriod!: number;

  @ApiProperty()
  empty!: boolean;

  @ApiProperty({ description: 'Every holder has served less than two years' })
  underTwoYears!: boolean;

  @ApiProperty({ type: String, enum: ['empty', 'under_two_years'], nullable: true })
  flag!: 'empty' | 'under_two_years' | null;
}

export class CountryTurnoverResponse {
  @ApiProperty({ example: 'KZ' })
  countryCode!: string;

  @ApiProperty({ type: 'integer' })
  seats!: number;

  @ApiProperty({ type: 'integer', description: 'People who held these seats in the period' })
  people!: number;

  @ApiProperty({ type: 'integer' })
  flaggedSeats!: number;
}

export class ContinuityReportResponse implements ContinuityReport {
  @ApiProperty({ type: ReportBodyResponse })
  body!: ReportBodyResponse;

  @ApiProperty({ format: 'date', description: 'The day the report describes' })
  at!: string;

  @ApiProperty({ type: 'integer' })
  periodYears!: number;

  @ApiProperty({ format: 'date' })
  periodStart!: string;

  @ApiProperty({ type: [SeatContinuityResponse] })
  seats!: SeatContinuityResponse[];

  @ApiProperty({ type: [CountryTurnoverResponse] })
  turnoverByCountry!: CountryTurnoverResponse[];
}
