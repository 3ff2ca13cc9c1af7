import { simpleParser } from 'mailparser';
import type { AddressObject, Attachment } from 'mailparser';
import { htmlToText } from '../mail/html-to-text';
import type { CalendarPart, InboundMail, MailAddress } from './inbound-mail';

/** The text kept of a message: enough for any answer, bounded for the database. */
export const TEXT_LIMIT = 20_000;

export interface MailboxKey {
  mailbox: string;
  uidValidity: string;
  uid: string;
  size: number;
  receivedAt: Date;
}

const CALENDAR_TYPES = new Set(['text/calendar', 'application/ics']);
const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_TYPES = new Set(['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/rfc822-headers']);

function bare(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list
    .flatMap((object) => object.value)
    .filter((entry) => entry.address)
    .map((entry) => ({ address: entry.address!.toLowerCase(), name: entry.name || null }));
}

function headerMap(lines: readonly { key: string; line: string }[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const name = key.toLowerCase();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return headers;
}

function isCalendar(attachment: Attachment): boolean {
  return CALENDAR_TYPES.has(attachment.contentType) || /\.ics$/i.test(attachment.filename ?? '');
}

/** Only the header block of a returned message: its body is the recipient's business. */
function headerBlock(content: Buffer): string {
  const text = content.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

export async function parseInboundMail(raw: Buffer, key: MailboxKey): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { keepDeliveryStatus: true, skipImageLinks: true, skipTextToHtml: true });
  const headers = headerMap(parsed.headerLines);
  const calendarParts: CalendarPart[] = parsed.attachments.filter(isCalendar).map((attachment) => {
    const content = attachment.content.toString('utf8');
    return { method: /^METHOD:\s*([A-Z-]+)/im.exec(content)?.[1]?.toUpperCase() ?? null, content };
  });
  const status = parsed.attachments.find((a) => STATUS_TYPES.has(a.contentType));
  const returned = parsed.attachments.find((a) => RETURNED_TYPES.has(a.contentType));
  const isReport = /^multipart\/report/i.test(headers.get('content-type') ?? '');
  const text = parsed.text ?? (typeof parsed.html === 'string' ? htmlToText(parsed.html) : '');
  const references = parsed.references === undefined ? [] : [parsed.references].flat();
  return {
    ...key,
    messageId: parsed.messageId ? bare(parsed.messageId) : `${key.uidValidity}.${key.uid}@${key.mailbox}.inbound`,
    from: addresses(parsed.from)[0] ?? null,
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    headers,
    inReplyTo: parsed.inReplyTo ? bare(parsed.inReplyTo) : null,
    references: references
      .flatMap((r) => r.split(/\s+/))
      .filter(Boolean)
      .map(bare),
    text: text.slice(0, TEXT_LIMIT),
    attachments: parsed.attachments
      .filter((a) => !isCalendar(a) && a !== status && a !== returned)
      .map((a) => ({ name: a.filename ?? '', type: a.contentType, size: a.size })),
    calendarParts,
    report:
      isReport || status
        ? {
            deliveryStatus: status ? status.content.toString('utf8') : null,
            returnedHeaders: returned ? headerBlock(returned.content) : null,
          }
        : null,
  };
}
