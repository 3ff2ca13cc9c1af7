import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { JobHandlerRegistry } from '../queue/job-handler-registry';
import { JobName } from '../queue/job.types';
import { DeliveryJournal } from './delivery-journal';
import { NotificationClaims } from './notification-claims';
import { ComposerRegistry } from './notification-composer';
import { NotificationDelivery } from './notification-delivery';
import { NotificationJobs } from './notification-jobs';
import { NotificationQueue } from './notification-queue';
import { NotificationReconciler } from './notification-reconciler';
import { Notification } from './notification.entity';
import { NotificationProcessor } from './notification.processor';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotificationRepository } from './notification.repository';
import { UnitOfWork } from './unit-of-work';

export const RECONCILE_EVERY_MS = Symbol('RECONCILE_EVERY_MS');

/** Weekly, Monday 04:00 UTC: 09:00 in Almaty and Tashkent, before Brussels starts its day. */
export const SECRETARIAT_DIGEST_PATTERN = '0 4 * * 1';

/** Daily, 01:30 UTC: passport details past their retention are erased. */
export const PASSPORT_ERASURE_PATTERN = '30 1 * * *';

@Injectable()
class RepeatingJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queue: NotificationQueue,
    @Inject(RECONCILE_EVERY_MS) private readonly everyMs: number,
  ) {}

  async onApplicationBootstrap() {
    await this.register();
    this.timer = setInterval(() => void this.register().catch(() => undefined), this.everyMs);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  private async register() {
    // The reconciler runs once a period across all workers (a job scheduler, not one timer per process).
    await this.queue.schedule({ name: JobName.ReconcileNotifications, data: {} }, { every: this.everyMs });
    await this.queue.schedule(
      { name: JobName.PlanSecretariatDigest, data: {} },
      { pattern: SECRETARIAT_DIGEST_PATTERN, tz: 'UTC' },
    );
    await this.queue.schedule(
      { name: JobName.ErasePassportData, data: {} },
      { pattern: PASSPORT_ERASURE_PATTERN, tz: 'UTC' },
    );
  }
}

/** Planning, delivery and the outbox API; the queue worker runs only in processes whose role includes it. */
@Global()
@Module({})
export class NotificationsModule {
  static register(options: { workers: boolean; reconcileEveryMs: number }): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [TypeOrmModule.forFeature([Notification]), MailModule, DiscoveryModule],
      controllers: [NotificationsController],
      providers: [
        NotificationRepository,
        UnitOfWork,
        NotificationsService,
        NotificationQueue,
        ComposerRegistry,
        NotificationJobs,
        NotificationClaims,
        DeliveryJournal,
        NotificationDelivery,
        NotificationReconciler,
        { provide: RECONCILE_EVERY_MS, useValue: options.reconcileEveryMs },
        // Only a process that takes jobs must prove every job has its handler.
        ...(options.workers ? [JobHandlerRegistry, NotificationProcessor, RepeatingJobs] : []),
      ],
      exports: [
        NotificationRepository,
        UnitOfWork,
        NotificationsService,
        ComposerRegistry,
        NotificationDelivery,
        NotificationReconciler,
        NotificationQueue,
      ],
    };
  }
}
