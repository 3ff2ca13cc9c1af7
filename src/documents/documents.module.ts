import { Module } from '@nestjs/common';
import { PostgresDocumentStorage } from './document-blob.repository';
import { DocumentLinks } from './document-links';
import { DOCUMENT_STORAGE } from './document-storage';
import { DocumentRepository } from './document.repository';
import { BodyDocumentsController, DocumentsController, MeetingDocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  controllers: [MeetingDocumentsController, BodyDocumentsController, DocumentsController],
  providers: [
    DocumentsService,
    DocumentRepository,
    DocumentLinks,
    PostgresDocumentStorage,
    { provide: DOCUMENT_STORAGE, useExisting: PostgresDocumentStorage },
  ],
  exports: [DocumentsService, DocumentRepository, DocumentLinks, DOCUMENT_STORAGE],
})
export class DocumentsModule {}
