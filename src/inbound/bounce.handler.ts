import { Injectable } from '@nestjs/common';
import type { UnitOfWorkContext } from '../notifications/unit-of-work';
import type { InboundMail, InboundOutcome } from './inbound-mail';
import { InboundRecordsRepository } from './inbound-records.repository';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** How far back a bounce naming only its recipient may point. */
const RECIPIENT_MATCH_DAYS = 7;

export interface DeliveryReport {
  recipient: string | null;
  status: string | null;
  action: string | null;
  diagnostic: string | null;
  notificationId: string | null;
}

function field(block: string, name: string): string | null {
  const match = new RegExp(`^${name}:\\s*(.+(?:\\r?\\n[ \\t].+)*)`, 'im').exec(block);
  return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

function address(value: string | null): string | null {
  if (!value) return null;
  const bare = value.replace(/^[\w-]+;\s*/, '').replace(/^<|>$/g, '');
  return /@/.test(bare) ? bare.toLowerCase() : null;
}

/** The RFC 3464 report, its first failed recipient, and which of our emails it returns. */
export function readDeliveryReport(mail: InboundMail): DeliveryReport {
  const statusText = mail.report?.deliveryStatus ?? '';
  const returned = mail.report?.returnedHeaders ?? '';
  // Per-recipient blocks follow the per-message block, separated by blank lines.
  const blocks = statusText.split(/\r?\n\s*\r?\n/).filter((b) => /^(Final|Original)-Recipient:/im.test(b));
  const block = blocks.find((b) => /^Action:\s*failed/im.test(b)) ?? blocks[0] ?? '';
  const diagnosticStatus = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(field(block, 'Diagnostic-Code') ?? '')?.[1] ?? null;
  const byHeader = new RegExp(`^X-WGS-Notification:\\s*(${UUID})`, 'im').exec(returned)?.[1];
  const byMessageId = new RegExp(`^Message-ID:\\s*<(?:n\\.)?(${UUID})[.@]`, 'im').exec(returned)?.[1];
  return {
    recipient:
      address(field(block, 'Original-Recipient')) ??
      address(field(block, 'Final-Recipient')) ??
      address(mail.headers.get('x-failed-recipients') ?? null),
    status: field(block, 'Status')?.split(/\s/)[0] ?? diagnosticStatus,
    action: field(block, 'Action')?.toLowerCase() ?? null,
    diagnostic: field(block, 'Diagnostic-Code'),
    notificationId: (byHeader ?? byMessageId ?? null)?.toLowerCase() ?? null,
  };
}

/**
 * A delivery status report: a permanent failure (5.x.x) fails the notification it returns and flags the
 * member's address as bouncing; a temporary one (4.x.x) is only noted.
 */
@Injectable()
export class BounceHandler {
  constructor(private readonly records: InboundRecordsRepository) {}

  async receive(mail: InboundMail, unit: UnitOfWorkContext): Promise<InboundOutcome> {
    const report = readDeliveryReport(mail);
    const { manager } = unit;
    const since = new Date(mail.receivedAt.getTime() - RECIPIENT_MATCH_DAYS * 86_400_000);
    const notification =
      (report.notificationId ? await this.records.notification(manager, report.notificationId) : null) ??
      (report.recipient ? await this.records.lastSentTo(manager, report.recipient, since) : null);
    const recipient = report.recipient ?? notification?.recipientEmail.toLowerCase() ?? null;
    const member = recipient ? await this.records.memberByEmail(manager, recipient) : null;
    const permanent = report.status?.startsWith('5') ?? report.action === 'failed';
    const details = { ...report, notificationId: notification?.id ?? null, permanent };
    const found = { memberId: member?.id ?? null, notificationId: notification?.id ?? null };
    if (!permanent || (!notification && !member)) return { kind: 'bounce', status: 'noted', ...found, details };
    const remote = [report.status ?? '5.0.0', report.diagnostic].filter(Boolean).join(' ');
    if (notification) await this.records.notificationBounced(manager, notification.id, `bounced: ${remote}`);
    if (member) await this.records.memberBouncing(manager, member.id, report.status ?? '5.0.0', mail.receivedAt);
    return { kind: 'bounce', status: 'applied', ...found, details };
  }
}
