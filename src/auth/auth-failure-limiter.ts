import { Injectable } from '@nestjs/common';
import { RateLimiter } from '../common/http/rate-limiter';

/** Wrong tokens one client address may send per minute (all API processes together) before it is refused. */
export const AUTH_FAILURES_PER_MINUTE = 60;
/** Addresses remembered as refused in one process; past this, the longest-refused are forgotten first. */
const REFUSED_ADDRESSES_KEPT = 10_000;

@Injectable()
export class AuthFailureLimiter {
  private readonly refused = new Map<string, number>();

  constructor(private readonly limiter: RateLimiter) {}

  waitFor(address: string | undefined): number | null {
    const until = this.refused.get(address ?? '');
    if (until === undefined) return null;
    const wait = Math.ceil((until - Date.now()) / 1000);
    if (wait > 0) return wait;
    this.refused.delete(address ?? '');
    return null;
  }

  async failed(address: string | undefined): Promise<number | null> {
    const key = address ?? '';
    const wait = await this.limiter.hit({
      key: `auth-failures:ip:${key}`,
      limit: AUTH_FAILURES_PER_MINUTE,
      windowSeconds: 60,
    });
    if (wait === null) return null;
    this.refused.delete(key);
    if (this.refused.size >= REFUSED_ADDRESSES_KEPT) this.refused.delete(this.refused.keys().next().value!);
    this.refused.set(key, Date.now() + wait * 1000);
    return wait;
  }

  static message(wait: number): string {
    return `Too many requests with a wrong token from this address; try again in ${wait} s`;
  }
}
