/** The database and queue prefix a run is given; each Jest worker works in its own copy of them (below). */
export const TEST_BASE_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wg_secretariat_test';
export const TEST_BASE_QUEUE_PREFIX = process.env.TEST_QUEUE_PREFIX ?? 'wgs-test';

/** Worker `n`'s database: the given one with `_w<n>` after its name (wg_secretariat_test_w1, …). */
export function workerDatabaseUrl(worker: string | number, base = TEST_BASE_DATABASE_URL): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/$/, '')}_w${worker}`;
  return url.toString();
}

/** Worker `n`'s queue prefix: `<prefix>-w<n>`, so its jobs and rate-limit counters are its own. */
export function workerQueuePrefix(worker: string | number, base = TEST_BASE_QUEUE_PREFIX): string {
  return `${base}-w${worker}`;
}

/**
 * Jest numbers its workers 1, 2, … (JEST_WORKER_ID); files running side by side in two workers must not
 * empty each other's tables or take each other's jobs. Outside a worker (global setup) the base names stand.
 */
const WORKER = process.env.JEST_WORKER_ID;
export const TEST_DATABASE_URL = WORKER ? workerDatabaseUrl(WORKER) : TEST_BASE_DATABASE_URL;
export const TEST_QUEUE_PREFIX = WORKER ? workerQueuePrefix(WORKER) : TEST_BASE_QUEUE_PREFIX;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const TEST_APP_SECRET = 'test-app-secret-0123456789abcdef0123456789';
