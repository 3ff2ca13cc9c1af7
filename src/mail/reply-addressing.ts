import { createHmac, timingSafeEqual } from 'node:crypto';

const TAG = /^n\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([0-9a-f]{8})$/;

/**
 * Names the notification in what a reply carries back: the Message-ID (`<n.{id}.{sig}@domain>`, quoted in
 * In-Reply-To/References) and a plus-tag on the reply address (`replies+n.{id}.{sig}@domain`). The signature
 * (HMAC of the id, lower-case hex because mail servers may fold the case of local parts) keeps an outsider
 * from pointing a message at someone else's email.
 */
export class ReplyAddressing {
  private readonly keys: Buffer[];

  /** `secrets`: the one that signs first, then those still accepted (APP_SECRET_PREVIOUS). */
  constructor(
    secrets: string[],
    private readonly domain: string,
  ) {
    if (secrets.length === 0) throw new Error('ReplyAddressing needs a secret');
    this.keys = secrets.map((secret) =>
      createHmac('sha256', secret).update('wg-secretariat reply addressing v1').digest(),
    );
  }

  messageIdFor(notificationId: string): string {
    return `<${this.tag(notificationId)}@${this.domain}>`;
  }

  /** The reply address with the notification's plus-tag: `replies@x` → `replies+n.{id}.{sig}@x`. */
  replyAddressFor(baseAddress: string, notificationId: string): string {
    const at = baseAddress.lastIndexOf('@');
    if (at < 1) throw new Error(`not an address: ${baseAddress}`);
    const local = baseAddress.slice(0, at).replace(/\+.*$/, '');
    return `${local}+${this.tag(notificationId)}${baseAddress.slice(at)}`;
  }

  /** The notification a Message-ID of ours names, or null (someone else's, forged or malformed). */
  notificationOfMessageId(messageId: string): string | null {
    const match = /^\s*<?([^<>@\s]+)@[^<>\s]+>?\s*$/.exec(messageId);
    return match ? this.verify(match[1]) : null;
  }

  /** The notification named by the plus-tag of an address the reply was sent to, or null. */
  notificationOfAddress(address: string): string | null {
    const match = /^[^+@\s]+\+([^@\s]+)@/.exec(address.trim());
    return match ? this.verify(match[1].toLowerCase()) : null;
  }

  /**
   * The notification a reply answers: In-Reply-To first, then References newest first (a reply to a
   * reply keeps ours further back), then the plus-tag of any address it went to.
   */
  notificationOfReply(reply: { inReplyTo?: string | null; references?: string[]; to?: string[] }): string | null {
    const ids = [...messageIdsIn(reply.inReplyTo ?? ''), ...(reply.references ?? []).flatMap(messageIdsIn).reverse()];
    for (const id of ids) {
      const found = this.notificationOfMessageId(id);
      if (found) return found;
    }
    for (const address of reply.to ?? []) {
      const found = this.notificationOfAddress(address);
      if (found) return found;
    }
    return null;
  }

  private tag(notificationId: string): string {
    const id = notificationId.toLowerCase();
    return `n.${id}.${this.sign(this.keys[0], id)}`;
  }

  private verify(tag: string): string | null {
    const match = TAG.exec(tag);
    if (!match) return null;
    const [, id, signature] = match;
    const given = Buffer.from(signature);
    return this.keys.some((key) => timingSafeEqual(Buffer.from(this.sign(key, id)), given)) ? id : null;
  }

  private sign(key: Buffer, id: string): string {
    return createHmac('sha256', key).update(id).digest('hex').slice(0, 8);
  }
}

/** Every `<…>` in a header value (References holds several, separated by spaces or folded lines). */
function messageIdsIn(value: string): string[] {
  return value.match(/<[^<>\s]+>/g) ?? [];
}

/** The domain of our Message-IDs: MAIL_FROM's, else the app's host. */
export function messageIdDomain(config: { mailFrom: string; appUrl: string }): string {
  return /@([^>\s]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? new URL(config.appUrl).hostname;
}
