import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/app-config';
import type { AppConfig } from '../../config/app-config';
import { RedisClient } from '../../queue/redis.provider';

export interface RateLimit {
  /** What is counted, e.g. "sign-in:email:a@b.c". */
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in Redis, shared by every API process. When Redis cannot answer, requests
 * pass: a limiter must not turn a Redis hiccup into an outage.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one hit on each limit; returns the seconds to wait when any is exceeded, else null. */
  async hit(...limits: RateLimit[]): Promise<number | null> {
    try {
      const pipeline = this.redis.redis.multi();
      for (const limit of limits) {
        const key = `${this.config.queuePrefix}:rate:${limit.key}:${Math.floor(Date.now() / 1000 / limit.windowSeconds)}`;
        pipeline.incr(key).expire(key, limit.windowSeconds + 1);
      }
      const results = (await pipeline.exec()) ?? [];
      let wait: number | null = null;
      limits.forEach((limit, i) => {
        const count = Number(results[i * 2]?.[1] ?? 0);
        if (count > limit.limit) {
          const windowEnds = (Math.floor(Date.now() / 1000 / limit.windowSeconds) + 1) * limit.windowSeconds;
          wait = Math.max(wait ?? 0, Math.ceil(windowEnds - Date.now() / 1000));
        }
      });
      return wait;
    } catch {
      return null;
    }
  }
}
