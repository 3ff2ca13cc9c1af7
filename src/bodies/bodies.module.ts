import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { RemindersModule } from '../reminders/reminders.module';
import { WorkPlanModule } from '../work-plan/work-plan.module';
import { BodiesController, ReportsController } from './bodies.controller';
import { BodiesService } from './bodies.service';
import { Body } from './body.entity';
import { ContinuityReportService } from './continuity-report.service';
import { Membership } from './membership.entity';
import { BodyRepository } from './body.repository';
import { MembershipRepository } from './membership.repository';
import { MembershipsService } from './memberships.service';

@Module({
  imports: [TypeOrmModule.forFeature([Body, Membership]), RemindersModule, WorkPlanModule, MembersModule],
  controllers: [BodiesController, ReportsController],
  providers: [BodiesService, MembershipsService, ContinuityReportService, BodyRepository, MembershipRepository],
  exports: [BodiesService, MembershipsService, ContinuityReportService, BodyRepository],
})
export class BodiesModule {}
