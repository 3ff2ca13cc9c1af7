import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RemindersModule } from '../reminders/reminders.module';
import { DeadlineReader } from './deadline/deadline-reader';
import { WorkPlanItemChange } from './work-plan-item-change.entity';
import { WorkPlanItem } from './work-plan-item.entity';
import { WorkPlanItemRepository } from './work-plan-item.repository';
import { WorkPlanRepository } from './work-plan.repository';
import { WorkPlanItemsService } from './work-plan-items.service';
import { ItemDueMoments } from './item-due-moments';
import { WorkPlanExportService } from './import-export/work-plan-export.service';
import { WorkPlanImportService } from './import-export/work-plan-import.service';
import {
  DeadlinesController,
  WorkPlanItemsController,
  WorkPlansController,
  WorkPlanTransferController,
} from './work-plan.controller';
import { WorkPlan } from './work-plan.entity';
import { WorkPlansService } from './work-plans.service';

@Module({
  imports: [TypeOrmModule.forFeature([WorkPlan, WorkPlanItem, WorkPlanItemChange]), RemindersModule],
  controllers: [WorkPlansController, WorkPlanTransferController, WorkPlanItemsController, DeadlinesController],
  providers: [
    DeadlineReader,
    ItemDueMoments,
    WorkPlansService,
    WorkPlanItemsService,
    WorkPlanImportService,
    WorkPlanExportService,
    WorkPlanItemRepository,
    WorkPlanRepository,
  ],
  exports: [
    DeadlineReader,
    ItemDueMoments,
    WorkPlansService,
    WorkPlanItemsService,
    WorkPlanImportService,
    WorkPlanExportService,
    WorkPlanItemRepository,
    WorkPlanRepository,
  ],
})
export class WorkPlanModule {}
