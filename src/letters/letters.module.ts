import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PagesModule } from '../pages/pages.module';
import { LetterLinkController } from './letter-link.controller';
import { LetterSettings } from './letter-settings.entity';
import { LetterSettingsController } from './letter-settings.controller';
import { LetterSettingsService } from './letter-settings.service';
import { LettersController } from './letters.controller';
import { LettersRepository } from './letters.repository';
import { LettersService } from './letters.service';
import { PassportDetails } from './passport-details.entity';
import { PassportErasureJob } from './passport-erasure.job';
import { PassportsService } from './passports.service';

@Module({
  imports: [TypeOrmModule.forFeature([LetterSettings, PassportDetails]), PagesModule],
  controllers: [LettersController, LetterSettingsController, LetterLinkController],
  providers: [LettersRepository, LettersService, PassportsService, LetterSettingsService, PassportErasureJob],
  exports: [LettersService, PassportsService, LetterSettingsService],
})
export class LettersModule {}
