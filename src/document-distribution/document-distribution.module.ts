import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { DocumentChaseController } from './document-chase.controller';
import { DocumentDeadlinesController } from './document-deadlines.controller';
import { DocumentDistributionRepository } from './document-distribution.repository';
import { DocumentDistributionService } from './document-distribution.service';
import { DocumentPublicationListener } from './document-publication.listener';
import { DocumentChaseComposer, DocumentEmailParts, DocumentsEmailComposer } from './document-emails.composer';

@Module({
  imports: [DocumentsModule],
  controllers: [DocumentDeadlinesController, DocumentChaseController],
  providers: [
    DocumentDistributionRepository,
    DocumentDistributionService,
    DocumentEmailParts,
    DocumentsEmailComposer,
    DocumentChaseComposer,
    DocumentPublicationListener,
  ],
  exports: [DocumentDistributionService],
})
export class DocumentDistributionModule {}
