import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { answerWithin } from '../common/time/answer-within';
import type { PlannedRow } from './notification.repository';
import { NotificationQueue } from './notification-queue';

/** Long enough for a busy Redis, short enough that a write does not hang on a Redis that is down. */
const ENQUEUE_WAIT_MS = 2000;

/** Not exported: only a unit of work opens an outbox, so planning outside one does not type-check. */
const OPENED_BY_UNIT_OF_WORK: unique symbol = Symbol('opened by UnitOfWork');

export class Outbox {
  private readonly rows: PlannedRow[] = [];

  constructor(openedBy: typeof OPENED_BY_UNIT_OF_WORK) {
    if (openedBy !== OPENED_BY_UNIT_OF_WORK) throw new Error('an Outbox is opened by UnitOfWork only');
  }

  add(rows: readonly PlannedRow[]): void {
    this.rows.push(...rows);
  }

  drain(): PlannedRow[] {
    return this.rows.splice(0);
  }
}

export interface UnitOfWorkContext {
  readonly manager: EntityManager;
  readonly outbox: Outbox;
}

/** The one way planned emails reach the queue. */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: NotificationQueue,
  ) {}

  /** The work in one transaction; the emails it planned are queued after the commit, and none if it rolls back. */
  async run<T>(work: (unit: UnitOfWorkContext) => Promise<T>): Promise<T> {
    const outbox = new Outbox(OPENED_BY_UNIT_OF_WORK);
    const result = await this.dataSource.transaction((manager) => work({ manager, outbox }));
    await this.enqueueCommitted(outbox.drain());
    return result;
  }

  /** The work without a transaction: reads, and writes that are one statement each (atomic on their own). */
  async runStatements<T>(work: (unit: UnitOfWorkContext) => Promise<T>): Promise<T> {
    const outbox = new Outbox(OPENED_BY_UNIT_OF_WORK);
    try {
      return await work({ manager: this.dataSource.manager, outbox });
    } finally {
      await this.enqueueCommitted(outbox.drain());
    }
  }

  private async enqueueCommitted(rows: PlannedRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await answerWithin(
        this.queue.enqueue(rows),
        ENQUEUE_WAIT_MS,
        `the queue did not answer within ${ENQUEUE_WAIT_MS} ms`,
      );
    } catch (error) {
      this.logger.warn({
        msg: 'planned emails committed but not queued: the reconciler queues them as they come due',
        count: rows.length,
        error: (error as Error).message,
      });
    }
  }
}
