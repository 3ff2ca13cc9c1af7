import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { JobItem, JobName } from '../queue/job.types';
import { QUEUES } from '../queue/queue-names';

/** The job id carries the row's version: re-planning or a reconciler pass never runs one version twice. */
export const deliverJobId = (id: string, version: number) => `deliver-${id}-v${version}`;

/** While Redis is down the queue fails every reconnection attempt; once a while is enough to say so. */
const CONNECTION_ERROR_LOG_EVERY_MS = 30_000;

@Injectable()
export class NotificationQueue {
  private readonly logger = new Logger(NotificationQueue.name);
  private lastErrorLoggedAt = 0;

  constructor(@InjectQueue(QUEUES.notifications) private readonly queue: Queue) {
    // Without a listener BullMQ prints each failed reconnection to the console, outside the JSON log.
    queue.on('error', (error: Error) => {
      if (Date.now() - this.lastErrorLoggedAt < CONNECTION_ERROR_LOG_EVERY_MS) return;
      this.lastErrorLoggedAt = Date.now();
      this.logger.warn({
        msg: 'the notification queue cannot reach Redis; planned emails wait in PostgreSQL',
        error: error.message,
      });
    });
  }

  async enqueue(rows: { id: string; version: number; dueAt: Date; kind?: string }[], now = Date.now()): Promise<void> {
    if (rows.length === 0) return;
    await this.add(
      rows.map((row) => ({
        job: {
          name: JobName.DeliverNotification,
          data: { notificationId: row.id, version: row.version, kind: row.kind },
        },
        // A finished job is removed at once: a job id still held by a failed job (its worker lost the
        // database) would make the reconciler's re-enqueue of the same row and version a no-op.
        opts: {
          jobId: deliverJobId(row.id, row.version),
          delay: Math.max(0, row.dueAt.getTime() - now),
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  private async add(jobs: { job: JobItem; opts: JobsOptions }[]): Promise<void> {
    await this.queue.addBulk(jobs.map(({ job, opts }) => ({ name: job.name, data: job.data, opts })));
  }

  async heldByLiveWorker(rows: { id: string; version: number }[]): Promise<boolean[]> {
    if (rows.length === 0) return [];
    const client = await this.queue.getBackend().client;
    const locks = await Promise.all(
      rows.map((row) => client.get(`${this.queue.toKey(deliverJobId(row.id, row.version))}:lock`)),
    );
    return locks.map((lock) => lock !== null);
  }

  async schedule(job: JobItem, repeat: { every: number } | { pattern: string; tz: 'UTC' }): Promise<void> {
    await this.queue.upsertJobScheduler(job.name, repeat, { name: job.name, data: job.data });
  }
}
