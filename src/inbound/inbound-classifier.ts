import type { InboundMail } from './inbound-mail';

export type InboundRoute = 'bounce' | 'calendar_reply' | 'auto_reply' | 'reply';

const AUTO_SUBJECT =
  /^\s*(automatic reply|auto[- ]?reply|autoreply|out of (the )?office|away from (the )?office|автоответ|автоматический ответ|абонент отсутствует|нет на месте|вне офиса|автожауап|автоматты жауап)/i;

/** RFC 3834 Auto-Submitted and the headers mail servers and clients add to their automatic answers. */
export function isAutoReply(mail: InboundMail): boolean {
  const submitted = mail.headers.get('auto-submitted')?.toLowerCase();
  if (submitted && !submitted.startsWith('no')) return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  if (mail.headers.has('x-auto-response-suppress') && AUTO_SUBJECT.test(mail.subject)) return true;
  const precedence = mail.headers.get('precedence')?.toLowerCase();
  if (precedence && ['auto_reply', 'bulk', 'junk', 'list'].includes(precedence.trim())) return true;
  return AUTO_SUBJECT.test(mail.subject);
}

export function isBounce(mail: InboundMail): boolean {
  const type = mail.headers.get('content-type') ?? '';
  return /^multipart\/report/i.test(type) && /report-type\s*=\s*"?delivery-status/i.test(type);
}

export function isCalendarReply(mail: InboundMail): boolean {
  return mail.calendarParts.some((part) => part.method === 'REPLY');
}

/** Bounces first (they carry Auto-Submitted too), then calendar replies, then other automatic mail. */
export function routeOf(mail: InboundMail): InboundRoute {
  if (isBounce(mail)) return 'bounce';
  if (isCalendarReply(mail)) return 'calendar_reply';
  if (isAutoReply(mail)) return 'auto_reply';
  return 'reply';
}
