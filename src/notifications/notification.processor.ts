import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { Job } from 'bullmq';
import { requestContext } from '../common/request-context';
import { JobHandlerRegistry } from '../queue/job-handler-registry';
import { toJobItem } from '../queue/job.types';
import { QUEUES } from '../queue/queue-names';

/** The notifications queue's worker: runs each job by its `@OnJob` handler, in a log context of its own. */
@Processor(QUEUES.notifications)
export class NotificationProcessor extends WorkerHost {
  private readonly concurrency: number;

  constructor(
    private readonly handlers: JobHandlerRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    this.concurrency = config.workerConcurrency;
  }

  onApplicationBootstrap() {
    this.worker.concurrency = this.concurrency;
  }

  /** On SIGTERM the worker stops taking jobs and finishes those in hand first. */
  async onModuleDestroy() {
    await this.worker.close();
  }

  async process(job: Job): Promise<unknown> {
    return requestContext.run({ requestId: `job-${job.id}` }, () => this.handlers.run(toJobItem(job)));
  }
}
