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
const KEEP_SECONDS = 30 * 60;

/**
 * Keeps an uploaded work-plan table between its preview and its import, so that the import writes
 * exactly the file the secretariat saw previewed without choosing it again. Redis rather than the
 * process's memory: several API processes may serve the two requests. Rather than a re-upload
 * hidden in the form: a table can be megabytes, beyond the form body limit. The id is random and
 * bound to the session and the plan, so nobody else (and no other plan) can import it.
 */
@Injectable()
export class ImportUploadStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:page-upload:`;
  }

  async keep(sessionId: string, workPlanId: string, file: KeptUpload): Promise<string> {
    const id = randomBytes(18).toString('base64url');
    const value = JSON.stringify({ sessionId, workPlanId, originalname: file.originalname, mimetype: file.mimetype, data: file.buffer.toString('base64') });
    await this.redis.redis.set(this.prefix + id, value, 'EX', KEEP_SECONDS);
    return id;
  }

  /** The kept file, or null when the id is unknown, expired, or belongs to another session or plan. */
  async find(sessionId: string, workPlanId: string, id: string): Promise<KeptUpload | null> {
    if (!/^[A-Za-z0-9_-]{24}$/.test(id)) return null;
    const raw = await this.redis.redis.get(this.prefix + id);
    if (!raw) return null;
    const kept = JSON.parse(raw) as { sessionId: string; workPlanId: string; originalname: string; mimetype: string; data: string };
    if (kept.sessionId !== sessionId || kept.workPlanId !== workPlanId) return null;
    return { buffer: Buffer.from(kept.data, 'base64'), originalname: kept.originalname, mimetype: kept.mimetype };
  }

  async forget(id: string): Promise<void> {
    await this.redis.redis.del(this.prefix + id);
  }
}
