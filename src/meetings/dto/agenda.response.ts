import { ApiProperty } from '@nestjs/swagger';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import type { LocalizedText } from '../../common/i18n/languages';

export class AgendaDocumentResponse {
  @ApiProperty()
  title!: string;

  @ApiProperty({ example: 'https://example.org/documents/draft-work-plan.pdf' })
  url!: string;
}

/** One point of the agenda, in order. */
export class AgendaItemResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty({ type: 'integer', description: 'Place in the agenda, from 1' })
  position!: number;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  title!: LocalizedText;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The member presenting the point' })
  presenterId!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  durationMinutes!: number | null;

  @ApiProperty({ type: [AgendaDocumentResponse] })
  documents!: AgendaDocumentResponse[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
