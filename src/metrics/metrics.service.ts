import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { NotificationRepository } from '../notifications/notification.repository';

/** Prometheus figures of this process, plus the notification table's counts read at each scrape. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly outcomes: Counter<'outcome' | 'kind'>;
  private readonly lateness: Histogram<'kind'>;

  constructor(notifications: NotificationRepository) {
    collectDefaultMetrics({ register: this.registry, prefix: 'wgs_' });
    this.outcomes = new Counter({
      name: 'wgs_notification_deliveries_total',
      help: 'Delivery attempts by outcome (sent, failed, skipped, retry, digested, not_claimable) and kind',
      labelNames: ['outcome', 'kind'],
      registers: [this.registry],
    });
    this.lateness = new Histogram({
      name: 'wgs_notification_lateness_seconds',
      help: 'From the due moment to the SMTP server accepting the email',
      labelNames: ['kind'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 3600],
      registers: [this.registry],
    });
    new Gauge({
      name: 'wgs_notifications',
      help: 'Notifications in the database by status (scheduled, sending, sent, failed, cancelled, skipped, digested)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const rows = await notifications.countByStatus();
        this.reset();
        for (const row of rows) this.set({ status: row.status }, row.n);
      },
    });
  }

  recordDelivery(outcome: string, kind: string, latenessMs?: number) {
    this.outcomes.inc({ outcome, kind });
    if (latenessMs !== undefined) this.lateness.observe({ kind }, Math.max(0, latenessMs) / 1000);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
