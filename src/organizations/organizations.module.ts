import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RemindersModule } from '../reminders/reminders.module';
import { OrganizationFocalPointRepository } from './organization-focal-point.repository';
import { Organization } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationRepository } from './organization.repository';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organization]), RemindersModule],
  controllers: [OrganizationsController],
  providers: [OrganizationsService, OrganizationRepository, OrganizationFocalPointRepository],
  exports: [OrganizationsService, OrganizationFocalPointRepository],
})
export class OrganizationsModule {}
