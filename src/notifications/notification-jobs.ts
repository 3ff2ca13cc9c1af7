import { Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { JobName } from '../queue/job.types';
import type { DeliverNotificationData } from '../queue/job.types';
import { OnJob } from '../queue/on-job.decorator';
import { NotificationDelivery } from './notification-delivery';
import { NotificationReconciler } from './notification-reconciler';

/** The notification jobs: hands each to the delivery or the reconciler and records what came of it. */
@Injectable()
export class NotificationJobs {
  private readonly logger = new Logger('NotificationWorker');

  constructor(
    private readonly delivery: NotificationDelivery,
    private readonly reconciler: NotificationReconciler,
    private readonly metrics: MetricsService,
  ) {}

  @OnJob({ name: JobName.DeliverNotification })
  async deliver({ notificationId, version, kind }: DeliverNotificationData): Promise<string> {
    const result = await this.delivery.deliver(notificationId, version);
    this.metrics.recordDelivery(
      result.outcome,
      kind ?? 'email',
      result.outcome === 'sent' ? result.latenessMs : undefined,
    );
    if (result.outcome !== 'sent' && result.outcome !== 'not_claimable')
      this.logger.log({ msg: `notification ${result.outcome}`, notificationId, ...result });
    return result.outcome;
  }

  @OnJob({ name: JobName.ReconcileNotifications })
  reconcile(): Promise<unknown> {
    return this.reconciler.reconcile();
  }
}
