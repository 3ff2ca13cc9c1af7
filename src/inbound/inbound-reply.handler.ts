import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { ReplyAddressing } from '../mail/reply-addressing';
import { MemberRepository } from '../members/member.repository';
import { NotificationRepository } from '../notifications/notification.repository';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import { InboxRepository } from './inbox.repository';
import type { InboundMail, InboundOutcome } from './inbound-mail';
import { suggestAction } from './reply-intent';
import type { ReplySubject, Suggestion } from './reply-intent';
import { extractReplyText } from './reply-text';

/** What the inbox shows of a reply, kept in the message's details. */
export interface ReplyDetails {
  text: string;
  quoted: boolean;
  suggestion: Suggestion | null;
  workPlanItemId?: string;
  notificationKind?: string;
  /** A reply naming an email of ours that went to someone else than its sender: not linked to them. */
  claimedNotificationId?: string;
  rateLimited?: boolean;
}

/**
 * A plain reply: neither a calendar reply, an auto-reply nor a bounce. Runs in the transaction that
 * records the message; never changes data on its own, only files the message for the secretariat:
 * linked to the member and the subject when it answers an email of ours and comes from that member.
 */
@Injectable()
export class InboundReplyHandler {
  constructor(
    private readonly addressing: ReplyAddressing,
    private readonly notifications: NotificationRepository,
    private readonly members: MemberRepository,
    private readonly inbox: InboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async receive(message: InboundMail, unit: UnitOfWorkContext): Promise<InboundOutcome> {
    const body = extractReplyText({ text: message.text });
    const from = message.from?.address.toLowerCase() ?? '';
    const notificationId = this.addressing.notificationOfReply({
      inReplyTo: message.inReplyTo ? `<${message.inReplyTo}>` : null,
      references: message.references.map((id) => `<${id}>`),
      to: message.to.map((to) => to.address),
    });
    const notification = notificationId ? await this.notifications.findById(notificationId, unit.manager) : null;
    const member = notification?.recipientId
      ? await this.members.findById(notification.recipientId, unit.manager)
      : null;
    if (notification && member) {
      const theirs = [member.email, notification.recipientEmail].some((address) => address.toLowerCase() === from);
      if (theirs) {
        const subject: ReplySubject =
          notification.subjectType === 'meeting'
            ? 'meeting'
            : notification.subjectType === 'work_plan_item'
              ? 'item'
              : null;
        const details: ReplyDetails = {
          text: body.text,
          quoted: body.quoted,
          suggestion: subject ? suggestAction(body.text, subject) : null,
          notificationKind: notification.kind,
          ...(subject === 'item' && notification.subjectId ? { workPlanItemId: notification.subjectId } : {}),
        };
        return {
          kind: 'reply',
          status: 'inbox',
          memberId: member.id,
          meetingId: subject === 'meeting' ? notification.subjectId : null,
          notificationId: notification.id,
          details: { reply: details },
        };
      }
    }
    const details: ReplyDetails = {
      text: body.text,
      quoted: body.quoted,
      suggestion: null,
      ...(notification ? { claimedNotificationId: notification.id } : {}),
    };
    const hourAgo = new Date(message.receivedAt.getTime() - 3600_000);
    const kept = await this.inbox.countKeptUnknownSince(unit.manager, from, hourAgo, message.messageId);
    // Messages from one unknown address kept per hour; more are recorded as ignored (counted, never shown).
    if (kept >= this.config.inboundUnknownSenderLimitPerHour) {
      await this.inbox.forgetContent(unit.manager, message.messageId);
      return { kind: 'unknown', status: 'ignored', details: { reply: { ...details, text: '', rateLimited: true } } };
    }
    return { kind: 'unknown', status: 'inbox', details: { reply: details } };
  }
}
