import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { PaperPublisher } from './paper-publisher.service';
import { PapersController } from './papers.controller';
import { PapersRepository } from './papers.repository';
import { PapersService } from './papers.service';

@Module({
  imports: [DocumentsModule],
  controllers: [PapersController],
  providers: [PapersService, PapersRepository, PaperPublisher],
  exports: [PapersService, PaperPublisher],
})
export class PapersModule {}
