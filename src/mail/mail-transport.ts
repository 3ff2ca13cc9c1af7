import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { Readable } from 'node:stream';
import { AcceptanceGate } from './acceptance-gate';
import type { AcceptanceTicket } from './acceptance-gate';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';

export interface OutgoingEmail {
  messageId: string;
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string };
  language?: string;
  /** This email's own reply address (REPLY_TO with a plus-tag naming it), else REPLY_TO as it is. */
  replyTo?: string;
}

export interface SendResult {
  messageId: string;
  response: string;
}

/** A delivery failure, told apart as the SMTP standard does: 5xx is final, anything else may pass later. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
  ) {
    super(message);
  }
}

export type OnAccepted = (result: SendResult) => Promise<void>;

interface GatedMailOptions extends Mail.Options {
  acceptanceTicket: AcceptanceTicket;
}

/** The text part unencoded (8bit), so links stay whole on one line; lines past SMTP's 998 octets go quoted-printable. */
function readableText(text: string): Mail.Options['text'] {
  if (text.split('\n').some((line) => Buffer.byteLength(line) > 998)) return text;
  return { raw: `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}` };
}

@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter;
  private readonly outbox: string | null;
  private readonly gate: AcceptanceGate;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.gate = new AcceptanceGate(config.smtpMaxUnconfirmed);
    if (config.smtpUrl) {
      const url = new URL(config.smtpUrl);
      this.transporter = nodemailer.createTransport({
        pool: true,
        maxConnections: config.smtpPoolConnections,
        host: url.hostname,
        port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
        secure: url.protocol === 'smtps:',
        auth: url.username
          ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
          : undefined,
        tls: { rejectUnauthorized: url.searchParams.get('tlsRejectUnauthorized') !== 'false' },
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
      this.transporter.use('stream', (mail, done) => {
        const ticket = (mail.data as GatedMailOptions).acceptanceTicket;
        mail.message.processFunc((message: Readable) => AcceptanceGate.gated(message, ticket));
        done();
      });
      this.outbox = null;
    } else {
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
      this.outbox = config.outboxDir;
    }
  }

  async send(email: OutgoingEmail, onAccepted: OnAccepted = () => Promise.resolve()): Promise<SendResult> {
    const message: Mail.Options = {
      from: this.config.mailFrom,
      // Answers by email land in the inbound mailbox the app reads.
      ...((email.replyTo ?? this.config.replyTo) ? { replyTo: email.replyTo ?? this.config.replyTo! } : {}),
      to: { name: email.to.name.replace(/[\r\n]+/g, ' '), address: email.to.address },
      subject: email.subject.replace(/[\r\n]+/g, ' '),
      html: email.html,
      // An outbox file is read by a person; quoted-printable in JavaScript cost more than anything else per email.
      text: this.outbox ? readableText(email.text) : email.text,
      textEncoding: this.outbox ? 'quoted-printable' : 'base64',
      messageId: email.messageId,
      headers: { 'Content-Language': email.language ?? 'en', 'Auto-Submitted': 'auto-generated', ...email.headers },
    };
    // One text/calendar alternative: nodemailer's icalEvent would attach the same event a second time.
    if (email.calendar)
      message.alternatives = [
        {
          contentType: `text/calendar; charset=utf-8; method=${email.calendar.method}`,
          content: email.calendar.content,
        },
      ];
    const ticket = this.gate.ticket();
    try {
      const result = await this.deliver(message, email.messageId, ticket);
      // Not waiting for Redis: a record lost to a crash costs one more duplicate, never an email.
      const recorded = onAccepted(result);
      ticket.giveBack();
      await recorded;
      return result;
    } finally {
      ticket.giveBack();
    }
  }

  private async deliver(
    message: Mail.Options,
    messageId: string,
    acceptanceTicket: AcceptanceTicket,
  ): Promise<SendResult> {
    try {
      // Built whole before the SMTP conversation: one buffer goes out in one write instead of a stream of small chunks.
      const mime = new MailComposer(message).compile();
      const options: GatedMailOptions = {
        envelope: mime.getEnvelope(),
        raw: await mime.build(),
        messageId,
        acceptanceTicket,
      };
      const info = await this.transporter.sendMail(options);
      if (this.outbox) {
        await mkdir(this.outbox, { recursive: true });
        const file = join(
          this.outbox,
          `${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId.replace(/[^\w.@-]/g, '')}.eml`,
        );
        await writeFile(file, info.message as Buffer);
        this.logger.log({
          msg: `email written to ${file}: ${String(message.subject)}`,
          file,
          subject: message.subject,
        });
        return { messageId, response: `written to ${file}` };
      }
      return { messageId, response: String(info.response ?? '') };
    } catch (error) {
      throw this.classify(error);
    }
  }

  private classify(error: unknown): DeliveryError {
    const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
    const code = typeof e.responseCode === 'number' ? e.responseCode : null;
    const text = (e.response ?? e.message ?? String(error)).slice(0, 500);
    // Address errors found before any SMTP exchange (EENVELOPE without a code) will not pass later either.
    const permanent = (code !== null && code >= 500 && code < 600) || (code === null && e.code === 'EENVELOPE');
    return new DeliveryError(`${e.code ? `${e.code}: ` : ''}${text}`, permanent, code);
  }

  onApplicationShutdown() {
    this.transporter.close();
  }
}
