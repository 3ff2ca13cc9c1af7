import { spawn } from 'node:child_process';
import { entryPointArgs, entryPointEnv } from '../support/entry-point';
import { TEST_ADMIN_TOKEN, TEST_APP_SECRET, TEST_DATABASE_URL, TEST_QUEUE_PREFIX } from '../support/test-env';

/** Starts the real entry point (src/main.ts through ts-node) and returns what it printed and its exit code. */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, entryPointArgs(), {
      env: entryPointEnv(env),
      cwd: process.cwd(),
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Starts the entry point and resolves with its output once `ready` appears in it, then stops it. */
function startUntil(env: Record<string, string>, ready: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, entryPointArgs(), {
      env: entryPointEnv(env),
      cwd: process.cwd(),
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready in time:\n${output}`));
    }, 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        child.once('exit', () => resolve(output));
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
}

describe('start-up problems are explained, not dumped', () => {
  it('stops with a message naming a missing or wrong setting', async () => {
    const { code, output } = await start({ ROLE: 'everything', APP_SECRET: TEST_APP_SECRET });
    expect(code).toBe(1);
    expect(output).toContain('ADMIN_TOKEN: is required');
    expect(output).toContain('ROLE: must be one of all, api, worker');
    expect(output).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('says which PostgreSQL URL failed and how to start it, without the password', async () => {
    const { code, output } = await start({
      APP_SECRET: TEST_APP_SECRET,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      DATABASE_URL: 'postgres://postgres:hunter2@127.0.0.1:1/wg_nowhere',
    });
    expect(code).toBe(1);
    expect(output).toContain('Cannot reach PostgreSQL at postgres://postgres:***@127.0.0.1:1/wg_nowhere');
    expect(output).toContain('docker compose up -d');
    expect(output).not.toContain('hunter2');
    expect(output).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('says which Redis URL failed and how to start it', async () => {
    const { code, output } = await start({
      APP_SECRET: TEST_APP_SECRET,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(code).toBe(1);
    expect(output).toContain('Cannot reach Redis at redis://127.0.0.1:1');
    expect(output).toContain('redis-server');
  }, 60_000);

  it('ROLE=worker starts the workers without an HTTP server, and logs JSON', async () => {
    const output = await startUntil(
      {
        APP_SECRET: TEST_APP_SECRET,
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        DATABASE_URL: TEST_DATABASE_URL,
        ROLE: 'worker',
        PORT: '3977',
        QUEUE_PREFIX: TEST_QUEUE_PREFIX,
      },
      /worker started/,
    );
    expect(output).not.toContain('listening on');
    expect(output).not.toContain('Mapped {');
    const lines = output
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(output).not.toContain(TEST_ADMIN_TOKEN);
    expect(output).not.toContain(TEST_APP_SECRET);
  }, 60_000);

  it('ROLE=api serves HTTP', async () => {
    const output = await startUntil(
      {
        APP_SECRET: TEST_APP_SECRET,
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        DATABASE_URL: TEST_DATABASE_URL,
        ROLE: 'api',
        PORT: '3978',
        QUEUE_PREFIX: TEST_QUEUE_PREFIX,
      },
      /listening on/,
    );
    expect(output).toContain('"role":"api"');
  }, 60_000);
});
