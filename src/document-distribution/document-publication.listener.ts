import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Document } from '../documents/document.entity';
import { DocumentsService } from '../documents/documents.service';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import { DocumentDistributionService, scopeOf } from './document-distribution.service';

/** A publication, a revision or a new language of a published document opens (or joins) a notice window. */
@Injectable()
export class DocumentPublicationListener implements OnModuleInit {
  constructor(
    private readonly documents: DocumentsService,
    private readonly distribution: DocumentDistributionService,
  ) {}

  onModuleInit(): void {
    const notify = async (unit: UnitOfWorkContext, document: Document) => {
      await this.distribution.planNotices(unit, scopeOf(document));
    };
    this.documents.listen({ published: notify, revised: notify });
  }
}
