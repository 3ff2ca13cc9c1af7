import { ApiProperty } from '@nestjs/swagger';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import { LANGUAGES } from '../../common/i18n/languages';
import type { Language, LocalizedText } from '../../common/i18n/languages';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES } from '../document.entity';
import type { DocumentKind, DocumentStatus } from '../document.entity';

export class DocumentFileResponse {
  @ApiProperty({ enum: LANGUAGES })
  language!: Language;

  @ApiProperty({ example: 2 })
  revision!: number;

  @ApiProperty({ example: 'Повестка дня.pdf', description: 'As uploaded; for display only' })
  fileName!: string;

  @ApiProperty({ example: 'application/pdf', description: 'Read from the content' })
  mediaType!: string;

  @ApiProperty()
  byteSize!: number;

  @ApiProperty()
  sha256!: string;

  @ApiProperty({ type: String, nullable: true })
  uploadedBy!: string | null;

  @ApiProperty()
  uploadedAt!: string;

  @ApiProperty()
  superseded!: boolean;

  @ApiProperty({ type: String, nullable: true })
  supersededAt!: string | null;

  @ApiProperty({ example: '/api/documents/…/files/ru?revision=1' })
  url!: string;
}

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  meetingId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "Set for a body's library document" })
  bodyId!: string | null;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  title!: LocalizedText;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  kind!: DocumentKind;

  @ApiProperty({ type: String, nullable: true })
  symbol!: string | null;

  @ApiProperty({ enum: DOCUMENT_STATUSES })
  status!: DocumentStatus;

  @ApiProperty({ type: String, nullable: true })
  publishedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  withdrawnAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  createdBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  updatedBy!: string | null;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty()
  updatedAt!: string;

  @ApiProperty({ type: [DocumentFileResponse], description: 'Every revision of every language, current ones last' })
  files!: DocumentFileResponse[];
}

export class DocumentReaderResponse {
  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty()
  fullName!: string;

  @ApiProperty({ type: String, nullable: true })
  firstReadAt!: string | null;
}

export class DocumentCountryReadersResponse {
  @ApiProperty({ example: 'TJ' })
  countryCode!: string;

  @ApiProperty()
  expected!: number;

  @ApiProperty()
  read!: number;

  @ApiProperty({ type: [DocumentReaderResponse] })
  members!: DocumentReaderResponse[];
}

export class DocumentReadersResponse {
  @ApiProperty({ format: 'uuid' })
  documentId!: string;

  @ApiProperty({ example: 20, description: 'Invited members (meeting) or serving members (library)' })
  expected!: number;

  @ApiProperty({ example: 12 })
  read!: number;

  @ApiProperty({ type: [String], example: ['TM', 'TJ'], description: 'Countries none of whose members opened it' })
  notOpenedCountries!: string[];

  @ApiProperty({ type: [DocumentCountryReadersResponse] })
  countries!: DocumentCountryReadersResponse[];
}
