import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitOfWork } from '../notifications/unit-of-work';

/**
 * Plans the secretariat's weekly digest once per week and person (the key says which week),
 * however many workers run the weekly job.
 */
@Injectable()
export class SecretariatDigestPlanner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Everyone serving as secretariat in any body today gets one digest for this week. */
  async planWeek(now = new Date()): Promise<{ planned: number }> {
    const week = DateTime.fromJSDate(now, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
    const today = now.toISOString().slice(0, 10);
    const recipients: { id: string; email: string }[] = await this.dataSource.query(
      `SELECT DISTINCT m.id, m.email FROM member m JOIN membership s ON s.member_id = m.id
       WHERE m.active AND s.role = 'secretariat' AND s.start_date <= $1 AND (s.end_date IS NULL OR s.end_date >= $1)`,
      [today],
    );
    const planned = await this.unitOfWork.run((unit) =>
      this.notifications.plan(
        unit,
        recipients.map((r) => ({
          key: `secretariat-digest:${r.id}:${week}`,
          kind: 'secretariat-digest',
          subjectType: 'secretariat_digest',
          subjectId: null,
          recipientId: r.id,
          recipientEmail: r.email,
          dueAt: now,
          payload: { week },
        })),
      ),
    );
    return { planned: planned.length };
  }
}
