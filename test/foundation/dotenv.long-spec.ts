import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryPointArgs, entryPointEnv } from '../support/entry-point';
import type * as TestAppModule from '../support/test-app';
import { TEST_ADMIN_TOKEN, TEST_APP_SECRET } from '../support/test-env';

/** What a developer's .env could hold that would change the tests' app if it were read. */
const HOSTILE_ENV = [
  'ADMIN_TOKEN=hostile-admin-token-from-dotenv-0123',
  'APP_SECRET=hostile-app-secret-from-dotenv-0123456789',
  'DATABASE_URL=postgres://hostile@127.0.0.1:1/hostile',
  'REDIS_URL=redis://127.0.0.1:1',
  'QUEUE_PREFIX=hostile',
  'ROLE=everything',
  'TRUST_PROXY=true',
  'SMTP_URL=smtp://hostile.invalid:25',
].join('\n');

function run(args: string[], env: Record<string, string>, cwd: string): Promise<string> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { env: entryPointEnv(env), cwd });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('exit', () => {
      clearTimeout(timer);
      done(output);
    });
  });
}

describe('a .env in the working directory', () => {
  let dir: string;
  const home = process.cwd();
  beforeAll(() => {
    // A working directory like the project's (the app reads its templates from there), with a hostile .env of its own.
    dir = mkdtempSync(join(tmpdir(), 'wgs-dotenv-'));
    for (const entry of readdirSync(home))
      if (!['.env', '.git', 'var'].includes(entry)) symlinkSync(join(home, entry), join(dir, entry));
    writeFileSync(join(dir, '.env'), HOSTILE_ENV);
  });
  afterAll(() => {
    process.chdir(home);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is read by the entry point a person starts, and ignored by the one tests start with their own environment', async () => {
    const asStarted = await run(entryPointArgs().slice(0, -1), { APP_SECRET: TEST_APP_SECRET }, dir);
    expect(asStarted).toContain('ROLE: must be one of all, api, worker (got "everything")');

    const asTested = await run(entryPointArgs(), { APP_SECRET: TEST_APP_SECRET }, dir);
    expect(asTested).toContain('ADMIN_TOKEN: is required');
    expect(asTested).not.toContain('ROLE:');
  }, 90_000);

  it("changes nothing in the tests' own app and configuration", async () => {
    process.chdir(dir);
    try {
      // Imported only now, so that code run at import time would meet the hostile .env too.
      const testAppModule = '../support/test-app';
      const { startTestApp } = (await import(testAppModule)) as typeof TestAppModule;
      const t = await startTestApp();
      try {
        for (const name of [
          'ADMIN_TOKEN',
          'APP_SECRET',
          'DATABASE_URL',
          'QUEUE_PREFIX',
          'ROLE',
          'TRUST_PROXY',
          'SMTP_URL',
        ]) {
          expect({ name, value: process.env[name] }).not.toEqual({
            name,
            value: expect.stringMatching(/hostile|everything|^true$/),
          });
        }
        expect(t.config).toMatchObject({
          adminToken: TEST_ADMIN_TOKEN,
          appSecret: TEST_APP_SECRET,
          role: 'all',
          trustProxy: false,
          smtpUrl: null,
        });
        await t.admin.get('/api/members').expect(200);
      } finally {
        await t.close();
      }
    } finally {
      process.chdir(home);
    }
  });
});
