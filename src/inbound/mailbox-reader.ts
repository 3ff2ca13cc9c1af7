import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { isTransientDatabaseError } from '../common/database/transient-error';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig, InboundMailboxConfig } from '../config/app-config';
import { InboundMailService } from './inbound-mail.service';
import { parseInboundMail } from './inbound-mail.parser';
import type { MailboxKey } from './inbound-mail.parser';
import { MailboxLockRepository } from './mailbox-lock.repository';
import type { HeldLock } from './mailbox-lock.repository';

/** Messages downloaded per FETCH, and moved per MOVE once recorded. */
const BATCH = 100;

export interface ReadCounts {
  handled: number;
  duplicates: number;
  oversize: number;
  failed: number;
}

/**
 * Reads the inbound mailbox in one worker at a time: IDLE wakes it, a poll backs IDLE up. Each message is
 * recorded with its effect first and moved to the processed folder after; a crash in between leaves a
 * recorded message that the next reading finds taken and only moves.
 */
@Injectable()
export class MailboxReader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailboxReader.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Messages this process could not parse or handle: left in the mailbox for a person, not retried in a loop. */
  private readonly unreadable = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly locks: MailboxLockRepository,
    private readonly mail: InboundMailService,
  ) {}

  onApplicationBootstrap() {
    if (this.config.inbound) this.start();
  }

  async onApplicationShutdown() {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Reads every message now in the mailbox, if this process gets the lock; null when another reader holds it. */
  async readOnce(): Promise<ReadCounts | null> {
    const lock = await this.locks.tryAcquire();
    if (!lock) return null;
    try {
      const client = await this.connect(this.mailbox());
      try {
        return await this.readAll(client, () => true);
      } finally {
        await client.logout().catch(() => client.close());
      }
    } finally {
      await lock.release();
    }
  }

  private mailbox(): InboundMailboxConfig {
    if (!this.config.inbound) throw new Error('INBOUND_IMAP_URL is not set');
    return this.config.inbound;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let lock: HeldLock | null = null;
      try {
        lock = await this.locks.tryAcquire();
        if (lock) await this.readWhileHolding(lock);
      } catch (error) {
        this.logger.warn({ msg: 'reading the inbound mailbox failed; trying again', error: (error as Error).message });
      } finally {
        await lock?.release();
      }
      // Another worker reads, or the server failed: try again after a poll period.
      if (this.running) await this.pause(this.config.inboundPollMs);
    }
  }

  private async readWhileHolding(lock: HeldLock): Promise<void> {
    const client = await this.connect(this.mailbox());
    client.on('exists', () => this.wake?.());
    try {
      while (this.running && client.usable) {
        await this.readAll(client, () => this.running);
        await this.pause(this.config.inboundPollMs);
        if (!(await lock.alive())) return;
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  private async connect(mailbox: InboundMailboxConfig): Promise<ImapFlow> {
    const { ImapFlow: Client } = await import('imapflow');
    const client = new Client({
      host: mailbox.host,
      port: mailbox.port,
      secure: mailbox.secure,
      auth: { user: mailbox.user, pass: mailbox.password },
      logger: false,
      // Below the usual 30-minute server timeout: the idle connection is refreshed before it is cut.
      maxIdleTime: Math.min(this.config.inboundPollMs, 25 * 60_000),
    });
    client.on('error', (error: Error) => this.logger.warn({ msg: 'inbound mailbox connection', error: error.message }));
    await client.connect();
    for (const folder of [this.config.inboundProcessedFolder, this.config.inboundOversizeFolder])
      await client.mailboxCreate(folder).catch(() => undefined);
    await client.mailboxOpen(mailbox.mailbox);
    return client;
  }

  private async readAll(client: ImapFlow, goOn: () => boolean): Promise<ReadCounts> {
    const counts: ReadCounts = { handled: 0, duplicates: 0, oversize: 0, failed: 0 };
    const box = client.mailbox;
    if (!box || box.exists === 0) return counts;
    const mailbox = this.mailbox().mailbox;
    const uidValidity = String(box.uidValidity);
    const listed = await client.fetchAll('1:*', { uid: true, size: true, internalDate: true });
    const keyOf = (m: FetchMessageObject): MailboxKey => ({
      mailbox,
      uidValidity,
      uid: String(m.uid),
      size: m.size ?? 0,
      receivedAt: m.internalDate instanceof Date ? m.internalDate : new Date(m.internalDate ?? Date.now()),
    });
    const pending = listed.filter((m) => !this.unreadable.has(`${uidValidity}:${m.uid}`));
    for (let start = 0; start < pending.length && goOn(); start += BATCH) {
      const batch = pending.slice(start, start + BATCH);
      const large = batch.filter((m) => (m.size ?? 0) > this.config.inboundMaxBytes);
      const small = batch.filter((m) => (m.size ?? 0) <= this.config.inboundMaxBytes);
      const done: number[] = [];
      if (small.length > 0) {
        const sources = await client.fetchAll(
          small.map((m) => m.uid).join(','),
          { uid: true, source: true },
          { uid: true },
        );
        const byUid = new Map(sources.map((s) => [s.uid, s.source]));
        for (const listedMessage of small) {
          const key = keyOf(listedMessage);
          const source = byUid.get(listedMessage.uid);
          if (!source) continue;
          let parsed;
          try {
            parsed = await parseInboundMail(source, key);
          } catch (error) {
            this.unreadable.add(`${uidValidity}:${key.uid}`);
            counts.failed++;
            this.logger.warn({
              msg: 'an inbound message could not be parsed',
              uid: key.uid,
              error: (error as Error).message,
            });
            continue;
          }
          let result;
          try {
            result = await this.mail.handle(parsed);
          } catch (error) {
            // The database away: stop and read again later. Anything else belongs to this one message.
            if (isTransientDatabaseError(error)) throw error;
            this.unreadable.add(`${uidValidity}:${key.uid}`);
            counts.failed++;
            this.logger.error({
              msg: 'an inbound message could not be handled; left in the mailbox',
              uid: key.uid,
              messageId: parsed.messageId,
              error: (error as Error).message,
            });
            continue;
          }
          counts[result === 'handled' ? 'handled' : 'duplicates']++;
          done.push(listedMessage.uid);
        }
        if (done.length) await client.messageMove(done.join(','), this.config.inboundProcessedFolder, { uid: true });
      }
      if (large.length > 0) {
        const envelopes = await client.fetchAll(
          large.map((m) => m.uid).join(','),
          { uid: true, envelope: true },
          { uid: true },
        );
        for (const message of envelopes) {
          const key = keyOf(large.find((m) => m.uid === message.uid) ?? message);
          const envelope = message.envelope;
          const from = envelope?.from?.[0];
          await this.mail.oversize(key, {
            messageId: envelope?.messageId?.replace(/^<|>$/g, '') || `${uidValidity}.${key.uid}@${mailbox}.inbound`,
            from: from?.address ? { address: from.address.toLowerCase(), name: from.name || null } : null,
            to: (envelope?.to ?? [])
              .filter((a) => a.address)
              .map((a) => ({ address: a.address!.toLowerCase(), name: a.name || null })),
            subject: envelope?.subject ?? '',
          });
          counts.oversize++;
        }
        await client.messageMove(large.map((m) => m.uid).join(','), this.config.inboundOversizeFolder, { uid: true });
      }
    }
    return counts;
  }

  private pause(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
