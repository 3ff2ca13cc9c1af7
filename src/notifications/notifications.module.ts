import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DeliveryJournal } from './delivery-journal';
import { JobHandlers } from './job-handlers';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { NotificationClaims } from './notification-claims.service';
import { ComposerRegistry } from './notification-composer';
import { NotificationDelivery } from './notification-delivery.service';
import { NotificationQueue } from './notification-queue';
import { NotificationReconciler } from './notification-reconciler.service';
import { Notification } from './notification.entity';
import { NotificationProcessor } from './notification.processor';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

export const RECONCILE_EVERY_MS = Symbol('RECONCILE_EVERY_MS');

/** Weekly, Monday 04:00 UTC: 09:00 in Almaty and Tashkent, before Brussels starts its day. */
export const SECRETARIAT_DIGEST_PATTERN = '0 4 * * 1';

/**
 * Keeps the repeating jobs registered. A Redis wipe deletes the schedulers too, so each worker
 * re-registers them every interval (registering is idempotent).
 */
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
    await this.queue.scheduleReconciler(this.everyMs);
    await this.queue.schedule('secretariat-digest', { pattern: SECRETARIAT_DIGEST_PATTERN });
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
        NotificationsService,
        NotificationQueue,
        ComposerRegistry,
        JobHandlers,
        NotificationClaims,
        DeliveryJournal,
        NotificationDelivery,
        NotificationReconciler,
        { provide: RECONCILE_EVERY_MS, useValue: options.reconcileEveryMs },
        ...(options.workers ? [NotificationProcessor, RepeatingJobs] : []),
      ],
      exports: [NotificationsService, ComposerRegistry, JobHandlers, NotificationDelivery, NotificationReconciler, NotificationQueue],
    };
  }
}
