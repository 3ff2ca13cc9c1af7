import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
  to: string[];
  messageId: string | undefined;
  subject: string;
  /** The text/calendar part, when the email has one. */
  calendar: string | null;
  calendarMethod: string | null;
  /** When the server accepted it (Date.now()), to tell emails accepted after a change committed. */
  acceptedAt: number;
}

/** Decides the answer to one message: undefined accepts it, an error with responseCode rejects it (451, 550). */
export type SmtpVerdict = (mail: { to: string[]; raw: string }) => { code: number; message: string } | undefined;

/** A real SMTP server in the test process, parsing every message it accepts. */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private server!: SMTPServer;
  private readonly sockets = new Set<Socket>();
  private verdict: SmtpVerdict = () => undefined;
  port = 0;
  /** How long the server takes before it answers each message (to keep emails in flight in fault tests). */
  acceptDelayMs = 0;
  /** The most messages at once whose data had ended and whose answer was not yet given: those a dead client can't know the fate of. */
  mostAwaitingAnswer = 0;
  /** The most connections open at once. */
  mostConnections = 0;
  private awaitingAnswer = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.mostAwaitingAnswer = Math.max(this.mostAwaitingAnswer, ++this.awaitingAnswer);
          const answer = (error?: Error | null) => {
            this.awaitingAnswer--;
            callback(error);
          };
          const raw = Buffer.concat(chunks).toString('utf8');
          const to = session.envelope.rcptTo.map((r) => r.address);
          const rejection = this.verdict({ to, raw });
          if (rejection) {
            const error = new Error(rejection.message) as Error & { responseCode: number };
            error.responseCode = rejection.code;
            return answer(error);
          }
          new Promise((resolve) => setTimeout(resolve, this.acceptDelayMs))
            .then(() => simpleParser(raw))
            .then((parsed) => {
              const calendar = this.calendarPart(parsed, raw);
              this.messages.push({
                parsed,
                raw,
                to,
                messageId: parsed.messageId,
                subject: parsed.subject ?? '',
                calendar,
                calendarMethod: /METHOD:(\w+)/.exec(calendar ?? '')?.[1] ?? null,
                acceptedAt: Date.now(),
              });
              answer();
            })
            .catch((error: Error) => answer(error));
        });
      },
    });
    // A client killed mid-conversation resets its connection; a mail server carries on.
    this.server.on('error', (error: Error & { code?: string }) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
    });
    this.server.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      this.mostConnections = Math.max(this.mostConnections, this.sockets.size);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** Like a mail server that is down: open connections are cut and new ones refused, until acceptConnections(). */
  async refuseConnections(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Listens again on the same port. */
  async acceptConnections(): Promise<void> {
    await new Promise<void>((resolve) => this.server.server.listen(this.port, '127.0.0.1', () => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  respondWith(verdict: SmtpVerdict) {
    this.verdict = verdict;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  clear() {
    this.messages.length = 0;
    this.mostAwaitingAnswer = this.awaitingAnswer;
    this.mostConnections = this.sockets.size;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private calendarPart(parsed: ParsedMail, raw: string): string | null {
    const attachment = parsed.attachments.find(
      (a) => a.contentType.startsWith('text/calendar') || a.contentType === 'application/ics',
    );
    if (attachment) return attachment.content.toString('utf8');
    const inline = /Content-Type: text\/calendar[\s\S]*?\r?\n\r?\n([\s\S]*?)\r?\n--/i.exec(raw);
    return inline ? inline[1] : null;
  }
}

/** Polls until `check` returns a truthy value (or throws on time-out with the last value seen). */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeout = 15_000, interval = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
