import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, secretsForVerifying } from '../config/app-config';
import type { AppConfig } from '../config/app-config';

export const ACTION_KINDS = [
  'meeting.accept',
  'meeting.decline',
  'meeting.tentative',
  'meeting.delegate',
  'poll.yes',
  'poll.if_need_be',
  'poll.no',
  'item.done',
  'item.in_progress',
  'item.more_time',
  'preferences',
  'sign-in',
  'letter.invitation',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** What a link allows: one member, one subject, one action, until a moment. */
export interface ActionClaims {
  member: string;
  kind: ActionKind;
  subject: string;
  option?: string;
  exp: number;
  jti?: string;
}

export type VerifiedToken =
  { ok: true; claims: ActionClaims } | { ok: false; reason: 'invalid' | 'expired'; claims?: ActionClaims };

export const ACTION_LINK_DAYS = 60;

@Injectable()
export class ActionTokenService {
  private readonly keys: Buffer[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.keys = secretsForVerifying(config).map((secret) =>
      createHmac('sha256', secret).update('wg-secretariat action links v1').digest(),
    );
  }

  sign(claims: ActionClaims): string {
    const payload = Buffer.from(
      JSON.stringify({
        v: 1,
        m: claims.member,
        k: claims.kind,
        s: claims.subject,
        o: claims.option,
        x: claims.exp,
        j: claims.jti,
      }),
    ).toString('base64url');
    return `${payload}.${this.mac(this.keys[0], payload)}`;
  }

  verify(token: string, now = Date.now()): VerifiedToken {
    if (typeof token !== 'string' || token.length > 1000) return { ok: false, reason: 'invalid' };
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
    const given = Buffer.from(signature);
    const signedByUs = this.keys.some((key) => {
      const expected = Buffer.from(this.mac(key, payload));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!signedByUs) return { ok: false, reason: 'invalid' };
    let raw: { v?: number; m?: string; k?: string; s?: string; o?: string; x?: number; j?: string };
    try {
      raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof raw;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (
      raw.v !== 1 ||
      typeof raw.m !== 'string' ||
      typeof raw.s !== 'string' ||
      typeof raw.x !== 'number' ||
      !(ACTION_KINDS as readonly string[]).includes(raw.k ?? '')
    ) {
      return { ok: false, reason: 'invalid' };
    }
    const claims: ActionClaims = {
      member: raw.m,
      kind: raw.k as ActionKind,
      subject: raw.s,
      option: raw.o,
      exp: raw.x,
      jti: raw.j,
    };
    if (claims.exp * 1000 < now) return { ok: false, reason: 'expired', claims };
    return { ok: true, claims };
  }

  expiry(subjectEnds: Date | null, now = Date.now()): number {
    const limit = now + ACTION_LINK_DAYS * 86_400_000;
    const end = subjectEnds && subjectEnds.getTime() > now ? Math.min(limit, subjectEnds.getTime()) : limit;
    return Math.floor(end / 1000);
  }

  private mac(key: Buffer, payload: string): string {
    return createHmac('sha256', key).update(payload).digest('base64url');
  }
}
