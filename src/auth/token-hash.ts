import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 32 random bytes, URL-safe, with a prefix that makes leaked tokens easy to recognise in scanners. */
export function newToken(prefix = 'wgs_'): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashToken(a), 'hex'), Buffer.from(hashToken(b), 'hex'));
}
