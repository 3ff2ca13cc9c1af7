import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldProblemSchema, LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';
import type { ImportReport, ImportRowResult } from '../import-export/work-plan-import.service';
import { DeadlineResponse } from './deadline.response';

export class ImportedExecutorResponse {
  @ApiProperty({ description: 'As written in the table' })
  name!: string;

  @ApiProperty({
    enum: ['organization', 'member', 'new_organization'],
    description: 'new_organization: created by the import',
  })
  match!: 'organization' | 'member' | 'new_organization';

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for a new organisation' })
  id!: string | null;
}

export class ImportRowResponse implements ImportRowResult {
  @ApiProperty({ type: 'integer', description: 'Line of the table (the header is line 1)' })
  line!: number;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  activity!: LocalizedText;

  @ApiProperty({ type: DeadlineResponse, nullable: true, description: 'null when the deadline cannot be read' })
  deadline!: DeadlineResponse | null;

  @ApiProperty({ type: ImportedExecutorResponse, nullable: true })
  executor!: ImportedExecutorResponse | null;

  @ApiProperty({ type: [FieldProblemSchema], description: 'Empty when the row can be imported' })
  errors!: FieldProblemSchema[];
}

export class ImportSummaryResponse {
  @ApiProperty({ type: 'integer' })
  rows!: number;

  @ApiProperty({ type: 'integer' })
  valid!: number;

  @ApiProperty({ type: 'integer' })
  invalid!: number;

  @ApiProperty({ type: [String], description: 'Executors the import would create, as written' })
  newExecutors!: string[];
}

export class ImportReportResponse implements ImportReport {
  @ApiProperty()
  dryRun!: boolean;

  @ApiProperty({ enum: ['csv', 'xlsx'] })
  format!: 'csv' | 'xlsx';

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The text encoding found in a CSV; null for XLSX',
    example: 'utf-8',
  })
  encoding!: string | null;

  @ApiProperty({ type: [String] })
  ignoredColumns!: string[];

  @ApiProperty({ type: ImportSummaryResponse })
  summary!: ImportSummaryResponse;

  @ApiProperty({ type: [ImportRowResponse] })
  rows!: ImportRowResponse[];

  @ApiPropertyOptional({ type: 'integer', description: 'Items written; absent in a dry run' })
  imported?: number;
}
