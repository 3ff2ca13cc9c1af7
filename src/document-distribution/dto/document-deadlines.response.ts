import { ApiProperty } from '@nestjs/swagger';
import { LOCALIZED_TEXT_SCHEMA } from '../../common/http/openapi';
import { LANGUAGES } from '../../common/i18n/languages';
import type { Language, LocalizedText } from '../../common/i18n/languages';
import { DEADLINE_STATES } from '../deadline-states';
import type { DeadlineState } from '../deadline-states';

export class LanguageDeadlineResponse {
  @ApiProperty({ enum: LANGUAGES })
  language!: Language;

  @ApiProperty({ description: 'Whether the body requires this language' })
  required!: boolean;

  @ApiProperty({
    enum: ['documents', 'translations'],
    description: 'The first available language is held to the documents deadline, the others to the translations one',
  })
  deadline!: 'documents' | 'translations';

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while the meeting has no date' })
  dueAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  availableAt!: string | null;

  @ApiProperty({ enum: DEADLINE_STATES })
  state!: DeadlineState;
}

export class DocumentDeadlinesResponse {
  @ApiProperty({ format: 'uuid' })
  documentId!: string;

  @ApiProperty({ type: [LanguageDeadlineResponse] })
  languages!: LanguageDeadlineResponse[];

  @ApiProperty({ description: 'A required language is missing past its deadline' })
  behind!: boolean;
}

export class LateDocumentResponse {
  @ApiProperty({ format: 'uuid' })
  documentId!: string;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  title!: LocalizedText;

  @ApiProperty({ type: String, nullable: true })
  symbol!: string | null;

  @ApiProperty({ format: 'uuid' })
  meetingId!: string;

  @ApiProperty(LOCALIZED_TEXT_SCHEMA)
  meetingTitle!: LocalizedText;

  @ApiProperty({ format: 'date-time' })
  meetingStartsAt!: string;

  @ApiProperty({ enum: LANGUAGES, isArray: true, description: 'Required languages not published by their deadline' })
  missing!: Language[];
}

export class DocumentChaseResponse {
  @ApiProperty({ type: [String], description: 'The members the chase is planned for, now' })
  memberIds!: string[];
}
