export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wg_secretariat_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_QUEUE_PREFIX = process.env.TEST_QUEUE_PREFIX ?? 'wgs-test';
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const TEST_APP_SECRET = 'test-app-secret-0123456789abcdef0123456789';
