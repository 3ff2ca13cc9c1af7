import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionLinksModule } from './actions/action-links.module';
import { ActionPagesModule } from './actions/action-pages.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BodiesModule } from './bodies/bodies.module';
import { DocumentDistributionModule } from './document-distribution/document-distribution.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { LettersModule } from './letters/letters.module';
import { InboundModule } from './inbound/inbound.module';
import { MeetingsModule } from './meetings/meetings.module';
import { MembersModule } from './members/members.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PapersModule } from './papers/papers.module';
import { QueueModule } from './queue/queue.module';
import { SessionsModule } from './sessions/sessions.module';
import { WebModule } from './web/web.module';
import { WorkPlanModule } from './work-plan/work-plan.module';

/** The whole service; `ROLE` decides in main.ts whether it serves HTTP, runs the queue workers, or both. */
@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl), migrationsRun: false }),
        QueueModule,
        MetricsModule,
        AuditModule,
        ActionLinksModule,
        AuthModule,
        HealthModule,
        OrganizationsModule,
        MembersModule,
        BodiesModule,
        WorkPlanModule,
        NotificationsModule.register({ workers: config.role !== 'api', reconcileEveryMs: config.reconcileEveryMs }),
        MeetingsModule,
        LettersModule,
        PapersModule,
        DocumentDistributionModule,
        DocumentsModule,
        InboundModule.register({ workers: config.role !== 'api' }),
        ActionPagesModule,
        SessionsModule,
        WebModule,
      ],
    };
  }
}
