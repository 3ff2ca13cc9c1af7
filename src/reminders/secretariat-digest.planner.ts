import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { MemberRepository } from '../members/member.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitOfWork } from '../notifications/unit-of-work';

@Injectable()
export class SecretariatDigestPlanner {
  constructor(
    private readonly members: MemberRepository,
    private readonly notifications: NotificationsService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async planWeek(now = new Date()): Promise<{ planned: number }> {
    const week = DateTime.fromJSDate(now, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
    const today = now.toISOString().slice(0, 10);
    const recipients = await this.members.activeSecretariatOn(today);
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
