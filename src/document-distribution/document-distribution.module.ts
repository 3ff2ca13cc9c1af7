import { Module } from '@nestjs/common';
import { DocumentChaseController } from './document-chase.controller';
import { DocumentDeadlinesController } from './document-deadlines.controller';
import { DocumentDistributionRepository } from './document-distribution.repository';
import { DocumentDistributionService } from './document-distribution.service';
import { DocumentChaseComposer, DocumentEmailParts, DocumentsEmailComposer } from './document-emails.composer';

@Module({
  controllers: [DocumentDeadlinesController, DocumentChaseController],
  providers: [
    DocumentDistributionRepository,
    DocumentDistributionService,
    DocumentEmailParts,
    DocumentsEmailComposer,
    DocumentChaseComposer,
  ],
  exports: [DocumentDistributionService],
})
export class DocumentDistributionModule {}
