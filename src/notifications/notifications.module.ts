import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { ComposerRegistry } from './notification-composer';
import { NotificationDelivery } from './notification-delivery.service';
import { NotificationQueue } from './notification-queue';
import { NotificationReconciler } from './notification-reconciler.service';
import { Notification } from './notification.entity';
import { NotificationProcessor } from './notification.processor';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

export const RECONCILE_EVERY_MS = Symbol('RECONCILE_EVERY_MS');

@Injectable()
class ReconcilerSchedule implements OnApplicationBootstrap {
  constructor(
    private readonly queue: NotificationQueue,
    @Inject(RECONCILE_EVERY_MS) private readonly everyMs: number,
  ) {}

  async onApplicationBootstrap() {
    await this.queue.scheduleReconciler(this.everyMs);
  }
}

/** Planning, delivery and the outbox API; the queue worker runs only in processes whose role includes it. */
@Global()
@Module({})
export class NotificationsModule {
  static register(options: { workers: boolean; reconcileEveryMs?: number }): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [TypeOrmModule.forFeature([Notification]), MailModule],
      controllers: [NotificationsController],
      providers: [
        NotificationsService,
        NotificationQueue,
        ComposerRegistry,
        NotificationDelivery,
        NotificationReconciler,
        { provide: RECONCILE_EVERY_MS, useValue: options.reconcileEveryMs ?? 60_000 },
        ...(options.workers ? [NotificationProcessor, ReconcilerSchedule] : []),
      ],
      exports: [NotificationsService, ComposerRegistry, NotificationDelivery, NotificationReconciler, NotificationQueue],
    };
  }
}
