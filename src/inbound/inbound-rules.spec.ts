import { readAwayUntil } from './away-date';
import { readDeliveryReport } from './bounce.handler';
import { routeOf } from './inbound-classifier';
import type { InboundMail } from './inbound-mail';

const received = new Date('2026-12-06T10:00:00Z');

function mail(
  overrides: Omit<Partial<InboundMail>, 'headers'> & { headers?: Record<string, string> } = {},
): InboundMail {
  const { headers, ...rest } = overrides;
  return {
    mailbox: 'INBOX',
    uidValidity: '1',
    uid: '1',
    messageId: 'x@y',
    from: { address: 'a@example.org', name: null },
    to: [],
    subject: 'Re: meeting',
    receivedAt: received,
    size: 100,
    headers: new Map(Object.entries(headers ?? {})),
    inReplyTo: null,
    references: [],
    text: '',
    attachments: [],
    calendarParts: [],
    report: null,
    ...rest,
  };
}

describe('reading the day an out-of-office reply names', () => {
  it.each([
    ['I am out of the office until 15 January 2027.', '2027-01-15'],
    ['Back on January 15th, 2027 — for urgent matters call 12.12.2020', '2027-01-15'],
    ['Абонент отсутствует до 20.01.2027', '2027-01-20'],
    ['В отпуске с 1 декабря до 10 января', '2027-01-10'],
    ['Мен 25 желтоқсанға дейін демалыстамын', '2026-12-25'],
    ['Away until 2027-02-01', '2027-02-01'],
  ])('%s → %s', (text, day) => {
    expect(readAwayUntil(text, received)).toBe(day);
  });

  it('is null when no date can be read', () => {
    expect(readAwayUntil('I am currently out of the office with limited access to email.', received)).toBeNull();
  });
});

describe('routing an inbound message', () => {
  it('tells bounces, calendar replies, automatic replies and plain replies apart', () => {
    const report = { deliveryStatus: '', returnedHeaders: null };
    expect(
      routeOf(
        mail({
          headers: {
            'content-type': 'multipart/report; report-type=delivery-status; boundary="x"',
            'auto-submitted': 'auto-replied',
          },
          report,
        }),
      ),
    ).toBe('bounce');
    expect(routeOf(mail({ calendarParts: [{ method: 'REPLY', content: '' }] }))).toBe('calendar_reply');
    expect(routeOf(mail({ calendarParts: [{ method: 'REQUEST', content: '' }] }))).toBe('reply');
    expect(routeOf(mail({ headers: { 'auto-submitted': 'auto-replied' } }))).toBe('auto_reply');
    expect(routeOf(mail({ headers: { 'auto-submitted': 'no' } }))).toBe('reply');
    expect(routeOf(mail({ headers: { 'x-autoreply': 'yes' } }))).toBe('auto_reply');
    expect(routeOf(mail({ headers: { 'x-autorespond': 'yes' } }))).toBe('auto_reply');
    expect(routeOf(mail({ headers: { precedence: 'bulk' } }))).toBe('auto_reply');
    expect(routeOf(mail({ subject: 'Out of Office: Re: meeting' }))).toBe('auto_reply');
    expect(routeOf(mail({ subject: 'Автоответ: Приглашение' }))).toBe('auto_reply');
    expect(routeOf(mail({ subject: 'Абонент отсутствует' }))).toBe('auto_reply');
    expect(routeOf(mail({ subject: 'Re: Out of office policy for the meeting' }))).toBe('reply');
  });
});

describe('reading a delivery status report', () => {
  it('takes the failed recipient, its status and our notification from the returned headers', () => {
    const report = readDeliveryReport(
      mail({
        report: {
          deliveryStatus: [
            'Reporting-MTA: dns; mx.example.org',
            '',
            'Final-Recipient: rfc822; other@example.org',
            'Action: delivered',
            'Status: 2.0.0',
            '',
            'Final-Recipient: rfc822; gone@example.org',
            'Action: failed',
            'Status: 5.1.1',
            'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
          ].join('\r\n'),
          returnedHeaders: 'Message-ID: <0b9e3a52-7d0b-4a43-9b5e-2f4c1b8f6a11@wgecc.localhost>\r\nSubject: x',
        },
      }),
    );
    expect(report).toEqual({
      recipient: 'gone@example.org',
      status: '5.1.1',
      action: 'failed',
      diagnostic: 'smtp; 550 5.1.1 user unknown',
      notificationId: '0b9e3a52-7d0b-4a43-9b5e-2f4c1b8f6a11',
    });
  });

  it('reads the status from the diagnostic, and the recipient from X-Failed-Recipients, when that is all there is', () => {
    const report = readDeliveryReport(
      mail({
        headers: { 'x-failed-recipients': 'late@example.org' },
        report: {
          deliveryStatus:
            'Original-Recipient: rfc822; <late@example.org>\r\nDiagnostic-Code: smtp; 452 4.2.2 mailbox full',
          returnedHeaders: null,
        },
      }),
    );
    expect(report).toMatchObject({ recipient: 'late@example.org', status: '4.2.2', notificationId: null });
  });
});
