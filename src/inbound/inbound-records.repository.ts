import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Meeting } from '../meetings/meeting.entity';
import { Member } from '../members/member.entity';
import { Notification } from '../notifications/notification.entity';

/** The records an inbound message names, and the flags it may set on them, inside its transaction. */
@Injectable()
export class InboundRecordsRepository {
  memberByEmail(manager: EntityManager, email: string): Promise<Member | null> {
    return manager.createQueryBuilder(Member, 'm').where('lower(m.email) = lower(:email)', { email }).getOne();
  }

  meeting(manager: EntityManager, id: string): Promise<Pick<Meeting, 'id' | 'sequence' | 'status'> | null> {
    return manager.findOne(Meeting, { where: { id }, select: { id: true, sequence: true, status: true } });
  }

  /** The notification an email we sent came from: by its id (our Message-IDs and X-WGS-Notification carry it). */
  notification(manager: EntityManager, id: string): Promise<Notification | null> {
    return manager.findOneBy(Notification, { id });
  }

  /** The last email sent to an address, when a bounce names no Message-ID of ours. */
  lastSentTo(manager: EntityManager, email: string, since: Date): Promise<Notification | null> {
    return manager
      .createQueryBuilder(Notification, 'n')
      .where('lower(n.recipient_email) = lower(:email)', { email })
      .andWhere('n.sent_at >= :since', { since })
      .orderBy('n.sent_at', 'DESC')
      .getOne();
  }

  async notificationBounced(manager: EntityManager, id: string, remoteStatus: string): Promise<void> {
    await manager.update(Notification, { id }, { status: 'failed', lastError: remoteStatus });
  }

  async memberAway(manager: EntityManager, memberId: string, until: string | null, at: Date): Promise<void> {
    await manager.update(Member, { id: memberId }, { awayUntil: until, awayNotedAt: at });
  }

  async memberBouncing(manager: EntityManager, memberId: string, status: string, at: Date): Promise<void> {
    await manager.update(Member, { id: memberId }, { emailBouncingAt: at, emailBounceStatus: status });
  }
}
