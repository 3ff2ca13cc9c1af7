import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/app-config';
import type { AppConfig } from '../../config/app-config';
import { RedisClient } from '../../queue/redis.provider';

export interface RateLimit {
  key: string;
  limit: number;
  windowSeconds: number;
}

/** Counts a hit on each key and starts its window's expiry with its first hit: one round trip for every limit. */
const HIT_SCRIPT = `
local counts = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, ARGV[i]) end
  counts[i] = count
end
return counts`;

type HitCommand = (keyCount: number, ...keysThenSeconds: (string | number)[]) => Promise<number[]>;

@Injectable()
export class RateLimiter {
  private readonly hitCommand: HitCommand;

  constructor(
    redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Every API request passes here: one script by its hash is one command instead of MULTI, INCR, EXPIRE, EXEC.
    const client = redis.redis as unknown as Record<string, HitCommand | undefined>;
    if (!client.rateLimitHit) redis.redis.defineCommand('rateLimitHit', { lua: HIT_SCRIPT });
    this.hitCommand = (client.rateLimitHit as HitCommand).bind(redis.redis);
  }

  async hit(...limits: RateLimit[]): Promise<number | null> {
    try {
      const now = Date.now() / 1000;
      const keys = limits.map(
        (limit) => `${this.config.queuePrefix}:rate:${limit.key}:${Math.floor(now / limit.windowSeconds)}`,
      );
      const counts = await this.hitCommand(limits.length, ...keys, ...limits.map((limit) => limit.windowSeconds + 1));
      let wait: number | null = null;
      limits.forEach((limit, i) => {
        if (Number(counts[i] ?? 0) > limit.limit) {
          const windowEnds = (Math.floor(now / limit.windowSeconds) + 1) * limit.windowSeconds;
          wait = Math.max(wait ?? 0, Math.ceil(windowEnds - now));
        }
      });
      return wait;
    } catch {
      return null;
    }
  }
}
