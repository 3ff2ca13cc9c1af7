import type { InboundAttachment, InboundKind, InboundStatus } from './inbound-message.entity';

export interface MailAddress {
  /** Lower case. */
  address: string;
  name: string | null;
}

/** A text/calendar part, inline or attached. */
export interface CalendarPart {
  method: string | null;
  content: string;
}

/** One message read from the mailbox and parsed: what every handler reads. */
export interface InboundMail {
  mailbox: string;
  uidValidity: string;
  uid: string;
  /** Without angle brackets; a stand-in built from the mailbox key when the message has none. */
  messageId: string;
  from: MailAddress | null;
  to: MailAddress[];
  subject: string;
  receivedAt: Date;
  size: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: ReadonlyMap<string, string>;
  /** Message-IDs without angle brackets. */
  inReplyTo: string | null;
  references: string[];
  /** Plain text (or HTML turned to text), capped. */
  text: string;
  attachments: InboundAttachment[];
  calendarParts: CalendarPart[];
  /** The parts of a multipart/report (delivery status and returned headers), when it is one. */
  report: { deliveryStatus: string | null; returnedHeaders: string | null } | null;
}

/** What a handler decided; stored on the message's row in the transaction of its effect. */
export interface InboundOutcome {
  kind: InboundKind;
  status: InboundStatus;
  memberId?: string | null;
  meetingId?: string | null;
  notificationId?: string | null;
  details?: Record<string, unknown>;
}
