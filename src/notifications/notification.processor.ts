import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { Job } from 'bullmq';
import { requestContext } from '../common/request-context';
import { QUEUES } from '../queue/queue-names';
import { MetricsService } from '../metrics/metrics.service';
import { JobHandlers } from './job-handlers';
import { NotificationDelivery } from './notification-delivery.service';
import { DELIVER_JOB, DeliverJob, NotificationQueue, RECONCILE_JOB } from './notification-queue';
import { NotificationReconciler } from './notification-reconciler.service';

/** Loads nothing itself: hands each job to the delivery or the reconciler and records what came of it. */
@Processor(QUEUES.notifications)
export class NotificationProcessor extends WorkerHost {
  private readonly logger = new Logger('NotificationWorker');
  private readonly concurrency: number;

  constructor(
    private readonly delivery: NotificationDelivery,
    private readonly reconciler: NotificationReconciler,
    private readonly queue: NotificationQueue,
    private readonly handlers: JobHandlers,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    this.concurrency = config.workerConcurrency;
  }

  onApplicationBootstrap() {
    this.worker.concurrency = this.concurrency;
  }

  /**
   * On SIGTERM the worker stops taking jobs and finishes those in hand first, while the database and
   * the SMTP pool are still open (they close in the later shutdown phase).
   */
  async onModuleDestroy() {
    await this.worker.close();
  }

  async process(job: Job): Promise<unknown> {
    return requestContext.run({ requestId: `job-${job.id}` }, async () => {
      if (job.name === RECONCILE_JOB) return this.reconciler.reconcile();
      if (job.name !== DELIVER_JOB) {
        const handler = this.handlers.get(job.name);
        if (!handler) throw new Error(`unknown job ${job.name}`);
        return handler();
      }
      const { notificationId, version } = job.data as DeliverJob;
      const result = await this.delivery.deliver(notificationId, version);
      this.metrics.recordDelivery(result.outcome, (job.data as DeliverJob & { kind?: string }).kind ?? 'email', result.outcome === 'sent' ? result.latenessMs : undefined);
      if (result.outcome === 'retry') await this.queue.enqueue([result.next]);
      if (result.outcome === 'digested') await this.queue.enqueue(result.next);
      if (result.outcome !== 'sent' && result.outcome !== 'not_claimable') this.logger.log({ msg: `notification ${result.outcome}`, notificationId, ...result });
      return result.outcome;
    });
  }
}
