import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';

/** A page as it was sent: the bytes and their ETag, computed once rather than on every reuse. */
export interface RenderedPage {
  body: Buffer;
  etag: string;
  /** The body compressed, each form made by the first request that accepts it. */
  encoded?: Partial<Record<PageEncoding, Buffer>>;
}

export type PageEncoding = 'br' | 'gzip';

/** The page compressed once per encoding, however many browsers it is sent to (brotli as the middleware sets it). */
export function encodedBody(page: RenderedPage, encoding: PageEncoding): Buffer {
  page.encoded ??= {};
  page.encoded[encoding] ??=
    encoding === 'br'
      ? brotliCompressSync(page.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
      : gzipSync(page.body);
  return page.encoded[encoding];
}

/** Who asks for which address, in which language and zone: everything a page shows besides the database. */
export interface PageAsker {
  sessionId: string;
  role: string;
  language: string;
  timeZone: string;
  address: string;
}

const MINUTE_MS = 60_000;

/**
 * Rendered pages reused while nothing has changed. A page is kept under its asker and the database
 * snapshot read before it was rendered (with the session: PostgreSQL's pg_current_snapshot(), which every
 * commit of a writing transaction changes), so any commit (by any process) makes the next request render
 * afresh; the minute is in the key too, for what a page says relative to now ("due tomorrow").
 * Requests for a page being rendered wait for that render instead of starting their own.
 */
@Injectable()
export class PageCache {
  private readonly pages: LRUCache<string, RenderedPage> | null;
  private readonly rendering = new Map<string, Promise<RenderedPage | null>>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pages =
      config.pageCacheMegabytes > 0
        ? new LRUCache({
            maxSize: config.pageCacheMegabytes * 1024 * 1024,
            sizeCalculation: (page) => page.body.length,
          })
        : null;
  }

  get enabled(): boolean {
    return this.pages !== null;
  }

  /** `snapshot`: PostgreSQL's pg_current_snapshot() read before anything of the page was. */
  keyFor(asker: PageAsker, snapshot: string, now = Date.now()): string {
    return JSON.stringify([
      asker.sessionId,
      asker.role,
      asker.language,
      asker.timeZone,
      asker.address,
      Math.floor(now / MINUTE_MS),
      snapshot,
    ]);
  }

  /** The page kept under `key`, the render of it in progress, or undefined when this request is to render it. */
  find(key: string): RenderedPage | Promise<RenderedPage | null> | undefined {
    return this.pages?.get(key) ?? this.rendering.get(key);
  }

  /** Marks `key` as being rendered; the returned function ends it with the sent page, or null when none may be kept. */
  begin(key: string): (html: string | null) => void {
    let finish!: (page: RenderedPage | null) => void;
    this.rendering.set(key, new Promise((resolve) => (finish = resolve)));
    return (html) => {
      const page = html === null ? null : rendered(html);
      if (page) this.pages?.set(key, page);
      this.rendering.delete(key);
      finish(page);
    };
  }
}

/** Express's own weak ETag form, so a reused page answers conditional requests as a fresh one would. */
function rendered(html: string): RenderedPage {
  const body = Buffer.from(html, 'utf8');
  const hash = createHash('sha1').update(body).digest('base64').slice(0, 27);
  return { body, etag: `W/"${body.length.toString(16)}-${hash}"` };
}
