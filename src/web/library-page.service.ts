import { Injectable } from '@nestjs/common';
import { BodiesService } from '../bodies/bodies.service';
import { ContentTexts } from '../common/i18n/content-texts';
import { pickText } from '../common/i18n/content-text';
import { label } from '../common/i18n/labels';
import { LANGUAGES } from '../common/i18n/languages';
import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import { ApiError } from '../common/http/api-error';
import type { FieldProblem } from '../common/http/api-error';
import { DocumentDistributionService } from '../document-distribution/document-distribution.service';
import { DOCUMENT_KINDS } from '../documents/document.entity';
import { CreateDocumentDto } from '../documents/dto/document.dto';
import type { DocumentResponse } from '../documents/dto/document.response';
import { DocumentsService } from '../documents/documents.service';
import type { Member } from '../members/member.entity';
import { documentInput, documentLabels } from './document-pages.service';
import { labelledProblems } from './form-problems';
import { submitForm } from './form-outcome';
import { byField } from './forms';
import type { FormBody } from './meeting-form-values';

/** A body's standing library: every document for the secretariat, the published ones for those serving in it. */
@Injectable()
export class LibraryPageService {
  constructor(
    private readonly texts: ContentTexts,
    private readonly bodies: BodiesService,
    private readonly documents: DocumentsService,
    private readonly distribution: DocumentDistributionService,
  ) {}

  async page(
    bodyId: string,
    reader: Member,
    secretariat: boolean,
    form?: { values: FormBody; problems: FieldProblem[] },
  ) {
    const language = reader.language;
    const body = await this.bodies.get(bodyId);
    // Someone who does not serve in the body learns nothing of it, not even that it exists.
    if (!secretariat && !(await this.distribution.servesIn(bodyId, reader.id))) throw ApiError.notFound('Body', bodyId);
    const documents = await this.documents.ofBody(bodyId, !secretariat);
    const values = form?.values ?? {};
    // Each reason begins with the field's label, never the API's name for it.
    const problems = labelledProblems(form?.problems ?? [], documentLabels(language), language);
    return {
      id: bodyId,
      title: t('library.title', language, { body: this.texts.pick(body.name, language) }),
      secretariat,
      items: documents.map((d) => this.item(d, language)),
      kinds: DOCUMENT_KINDS.map((kind) => ({
        value: kind,
        label: t(`doc.kind.${kind}`, language),
        selected: values.kind === kind,
      })),
      titleFields: LANGUAGES.map((code) => ({
        code,
        label: label('language', code, language),
        value: typeof values[`title_${code}`] === 'string' ? values[`title_${code}`] : '',
      })),
      symbol: typeof values.symbol === 'string' ? values.symbol : '',
      problems,
      errors: byField(problems),
    };
  }

  create(bodyId: string, form: FormBody) {
    return submitForm(CreateDocumentDto, documentInput(form), (dto) => this.documents.createForBody(bodyId, dto));
  }

  private item(d: DocumentResponse, language: Language) {
    return {
      id: d.id,
      title: pickText(d.title, language),
      symbol: d.symbol,
      kind: t(`doc.kind.${d.kind}`, language),
      status: t(`doc.status.${d.status}`, language),
      files: d.files
        .filter((f) => !f.superseded)
        .sort((a, b) => Number(b.language === language) - Number(a.language === language))
        .map((f) => ({
          language: label('language', f.language, language),
          fileName: f.fileName,
          url: `/documents/${d.id}/files/${f.language}`,
        })),
    };
  }
}
