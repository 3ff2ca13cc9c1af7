import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createHttpApp } from '../../src/app.factory';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { runMigrations } from '../../src/database/startup';
import { testConfig } from '../support/test-app';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

/** The lines the app writes to stdout while `action` runs. */
async function linesWrittenDuring(action: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const written: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    written.push(String(chunk));
    return (write as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    await action();
    // The line is written when the response has finished, which the client may see first.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.stdout.write = write;
  }
  return written.join('').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
}

describe('request log lines', () => {
  let apps: INestApplication[] = [];
  const start = async (level: 'info' | 'warn') => {
    const config = testConfig({ LOG_LEVEL: level });
    await runMigrations(config.databaseUrl);
    const app = await createHttpApp(config, new JsonLogger(level));
    apps.push(app);
    return request(app.getHttpServer());
  };
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });

  it('writes one line per request at info (a refused one here), with its request id, method, redacted path, status and time', async () => {
    const client = await start('info');
    const lines = await linesWrittenDuring(() => client.get('/api/members?limit=1&token=secret-value').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).set('X-Request-Id', 'trace-log-1').expect(400));
    const line = lines.find((entry) => entry.requestId === 'trace-log-1' && entry.msg === 'request');
    expect(line).toEqual({ level: 'info', time: expect.any(String), context: 'HTTP', requestId: 'trace-log-1', msg: 'request', method: 'GET', path: '/api/members?limit=1&token=***', status: 400, ms: expect.any(Number) });
    expect(Object.keys(line!)).toEqual(['level', 'time', 'context', 'requestId', 'msg', 'method', 'path', 'status', 'ms']);
  });

  it('writes none above info, and still echoes the request id', async () => {
    const client = await start('warn');
    let echoed: string | undefined;
    const lines = await linesWrittenDuring(async () => {
      echoed = (await client.get('/health/live').set('X-Request-Id', 'trace-log-2').expect(200)).headers['x-request-id'];
    });
    expect(echoed).toBe('trace-log-2');
    expect(lines.filter((entry) => entry.msg === 'request')).toEqual([]);
  });
});
