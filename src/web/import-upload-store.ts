import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { RedisClient } from '../queue/redis.provider';

export interface KeptUpload {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
}

/** Long enough to read a preview of a large plan, short enough that forgotten files do not pile up. */
export const KEEP_SECONDS = 30 * 60;
/** Previews kept per session: a few files to compare, not a store anyone can fill (each is up to ~13 MB). */
export const KEPT_PER_SESSION = 3;

@Injectable()
export class ImportUploadStore {
  private readonly prefix: string;
  private readonly sessionPrefix: string;

  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:page-upload:`;
    this.sessionPrefix = `${config.queuePrefix}:page-uploads-of:`;
  }

  async keep(sessionId: string, workPlanId: string, file: KeptUpload): Promise<string> {
    const id = randomBytes(18).toString('base64url');
    const value = JSON.stringify({
      sessionId,
      workPlanId,
      originalname: file.originalname,
      mimetype: file.mimetype,
      data: file.buffer.toString('base64'),
    });
    const kept = this.sessionPrefix + sessionId;
    // One transaction: two previews at once cannot both keep the same oldest file.
    const results = await this.redis.redis
      .multi()
      .set(this.prefix + id, value, 'EX', KEEP_SECONDS)
      .lpush(kept, id)
      .lrange(kept, KEPT_PER_SESSION, -1)
      .ltrim(kept, 0, KEPT_PER_SESSION - 1)
      .expire(kept, KEEP_SECONDS)
      .exec();
    const dropped = (results?.[2]?.[1] ?? []) as string[];
    if (dropped.length) await this.redis.redis.del(...dropped.map((old) => this.prefix + old));
    return id;
  }

  /** The kept file, or null when the id is unknown, expired, or belongs to another session or plan. */
  async find(sessionId: string, workPlanId: string, id: string): Promise<KeptUpload | null> {
    if (!/^[A-Za-z0-9_-]{24}$/.test(id)) return null;
    const raw = await this.redis.redis.get(this.prefix + id);
    if (!raw) return null;
    const kept = JSON.parse(raw) as {
      sessionId: string;
      workPlanId: string;
      originalname: string;
      mimetype: string;
      data: string;
    };
    if (kept.sessionId !== sessionId || kept.workPlanId !== workPlanId) return null;
    return { buffer: Buffer.from(kept.data, 'base64'), originalname: kept.originalname, mimetype: kept.mimetype };
  }

  async forget(sessionId: string, id: string): Promise<void> {
    await this.redis.redis
      .multi()
      .del(this.prefix + id)
      .lrem(this.sessionPrefix + sessionId, 0, id)
      .exec();
  }
}
