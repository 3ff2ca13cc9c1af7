import { PageCache } from './page-cache';
import type { PageAsker } from './page-cache';
import { loadConfig } from '../config/app-config';

function cacheOver(megabytes = 1) {
  const config = loadConfig({
    DATABASE_URL: 'postgres://x@127.0.0.1/x',
    APP_SECRET: 'page-cache-secret-0123456789abcdef0123',
    ADMIN_TOKEN: 'page-cache-admin-token-0123456789',
    PAGE_CACHE_MB: String(megabytes),
  });
  return { cache: new PageCache(config) };
}

const officer: PageAsker = {
  sessionId: 's-1',
  role: 'secretariat',
  language: 'ru',
  timeZone: 'Asia/Almaty',
  address: '/meetings/m-1',
};
const at = Date.UTC(2026, 11, 7, 9, 30, 10);
/** PostgreSQL's pg_current_snapshot() text: xmin:xmax:in-progress ids. */
const snapshot = '100:100:';

describe('PageCache', () => {
  it('keeps a page under the same key until something is committed or the minute turns', () => {
    const { cache } = cacheOver();
    const key = cache.keyFor(officer, snapshot, at);
    expect(cache.keyFor(officer, snapshot, at + 40_000)).toBe(key);
    expect(cache.keyFor(officer, snapshot, at + 50_000)).not.toBe(key); // 09:31
    expect(cache.keyFor(officer, '100:101:', at)).not.toBe(key); // transaction 100 committed
    expect(cache.keyFor(officer, '99:101:99', at)).not.toBe(key);
  });

  it('keeps apart every session, role, language, zone and address', () => {
    const { cache } = cacheOver();
    const key = cache.keyFor(officer, snapshot, at);
    for (const change of [
      { sessionId: 's-2' },
      { role: 'member' },
      { language: 'kk' },
      { timeZone: 'Europe/Brussels' },
      { address: '/meetings/m-1?lang=kk' },
    ])
      expect(cache.keyFor({ ...officer, ...change }, snapshot, at)).not.toBe(key);
  });

  it('gives requests arriving during a render that render, and keeps it with an ETag', async () => {
    const { cache } = cacheOver();
    const key = cache.keyFor(officer, snapshot, at);
    expect(cache.find(key)).toBeUndefined();
    const finish = cache.begin(key);
    const waiting = cache.find(key);
    expect(waiting).toBeInstanceOf(Promise);
    finish('<p>Повестка</p>');
    const page = await waiting;
    expect(page?.body.toString('utf8')).toBe('<p>Повестка</p>');
    expect(page?.etag).toMatch(/^W\/"17-[A-Za-z0-9+/]{27}"$/);
    expect(cache.find(key)).toBe(page);
  });

  it('keeps nothing from a render that sent no page, and lets the waiting render their own', async () => {
    const { cache } = cacheOver();
    const key = cache.keyFor(officer, snapshot, at);
    const finish = cache.begin(key);
    const waiting = cache.find(key);
    finish(null);
    expect(await waiting).toBeNull();
    expect(cache.find(key)).toBeUndefined();
  });

  it('drops the least recently used pages beyond its size', () => {
    const { cache } = cacheOver(1);
    const big = 'x'.repeat(400 * 1024);
    const keys: string[] = [];
    for (const address of ['/a', '/b', '/c']) {
      const key = cache.keyFor({ ...officer, address }, snapshot, at);
      cache.begin(key)(big);
      keys.push(key);
    }
    expect(cache.find(keys[0])).toBeUndefined();
    expect(cache.find(keys[2])).toBeDefined();
  });

  it('is off with PAGE_CACHE_MB=0', () => {
    expect(cacheOver(0).cache.enabled).toBe(false);
  });
});
