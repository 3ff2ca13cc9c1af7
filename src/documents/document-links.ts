import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isDocumentLanguage } from './dto/document.dto';
import type { Language } from '../common/i18n/languages';
import { APP_CONFIG, secretsForVerifying } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { DocumentRepository } from './document.repository';
import type { Document } from './document.entity';

/** What a download link allows: one member, one document, one language, until a moment. */
export interface DocumentLinkClaims {
  member: string;
  document: string;
  language: Language;
  exp: number;
}

const DAY_MS = 86_400_000;

/**
 * Signed per-member download links for emails: one click, no sign-in, the download recorded as the member's.
 * Signed with a key of their own, so a document link is never an action link and the reverse.
 */
@Injectable()
export class DocumentLinks {
  private readonly keys: Buffer[];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly documents: DocumentRepository,
  ) {
    this.keys = secretsForVerifying(config).map((secret) =>
      createHmac('sha256', secret).update('wg-secretariat document links v1').digest(),
    );
  }

  /** The link for an email: a meeting's document works until the meeting ends plus DOCUMENT_LINK_DAYS. */
  async url(
    member: { id: string },
    document: Pick<Document, 'id' | 'meetingId'>,
    language: Language,
    now = Date.now(),
  ): Promise<string> {
    const exp = Math.floor((await this.expiry(document, now)) / 1000);
    return `${this.config.appUrl}/documents/link/${this.sign({ member: member.id, document: document.id, language, exp })}`;
  }

  /** A library document's link lasts DOCUMENT_LINK_DAYS from when it was sent. */
  async expiry(document: Pick<Document, 'meetingId'>, now = Date.now()): Promise<number> {
    const meeting = document.meetingId ? await this.documents.meetingEnd(document.meetingId) : null;
    const end = meeting?.endsAt ?? meeting?.startsAt ?? null;
    const from = end && end.getTime() > now ? end.getTime() : now;
    return from + this.config.documentLinkDays * DAY_MS;
  }

  sign(claims: DocumentLinkClaims): string {
    const payload = Buffer.from(
      JSON.stringify({ v: 1, m: claims.member, d: claims.document, l: claims.language, x: claims.exp }),
    ).toString('base64url');
    return `${payload}.${this.mac(this.keys[0], payload)}`;
  }

  /** The claims of a genuine link, `expired` for one past its time, null for anything else. */
  verify(token: string, now = Date.now()): DocumentLinkClaims | 'expired' | null {
    if (typeof token !== 'string' || token.length > 1000) return null;
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const given = Buffer.from(signature);
    const ours = this.keys.some((key) => {
      const expected = Buffer.from(this.mac(key, payload));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!ours) return null;
    let raw: { v?: unknown; m?: unknown; d?: unknown; l?: unknown; x?: unknown };
    try {
      raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof raw;
    } catch {
      return null;
    }
    if (
      raw.v !== 1 ||
      typeof raw.m !== 'string' ||
      typeof raw.d !== 'string' ||
      typeof raw.x !== 'number' ||
      !isDocumentLanguage(raw.l)
    )
      return null;
    if (raw.x * 1000 < now) return 'expired';
    return { member: raw.m, document: raw.d, language: raw.l, exp: raw.x };
  }

  private mac(key: Buffer, payload: string): string {
    return createHmac('sha256', key).update(payload).digest('base64url');
  }
}
