import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { NO_ENV_FILE } from '../../src/config/dotenv';
import { TEST_ADMIN_TOKEN, TEST_APP_SECRET } from './test-env';
import { waitFor } from './smtp-sink';

/** Where test/faults/global-setup.ts puts the app, transpiled once for all the processes the fault tests start. */
export const FAULTS_BUILD_DIR = join(process.cwd(), 'var', 'faults-build');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A Redis server of the test's own, to stop, restart and wipe without touching the shared one. */
export class OwnRedis {
  private child: ChildProcess | null = null;
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (!this.port) this.port = await freePort();
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      {
        stdio: 'ignore',
      },
    );
    await waitFor(() => this.ping(), { what: `redis on ${this.port}`, timeout: 10_000, interval: 50 });
    return this;
  }

  /** SIGKILL: the server's memory is gone, as after a crash without persistence. */
  async stop(): Promise<void> {
    if (!this.child) return;
    const child = this.child;
    this.child = null;
    child.kill('SIGKILL');
    await exited(child);
  }

  async flushAll(): Promise<void> {
    const redis = new Redis(this.url);
    await redis.flushall();
    redis.disconnect();
  }

  private async ping(): Promise<boolean> {
    const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return (await redis.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      redis.disconnect();
    }
  }
}

function postgresBin(name: string): string {
  const version = execFileSync('sh', ['-c', 'ls /usr/lib/postgresql | sort -n | tail -1']).toString().trim();
  return `/usr/lib/postgresql/${version}/bin/${name}`;
}

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary folder, its own port), to restart
 * mid-run. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export class OwnPostgres {
  port = 0;
  private dir = '';

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<this> {
    this.port = await freePort();
    this.dir = mkdtempSync(join(tmpdir(), 'wgs-faults-pg-'));
    chmodSync(this.dir, 0o700);
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(this.dir, uid, gid);
    }
    this.run('initdb', ['-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    this.pgCtl('start');
    await waitFor(() => this.answers(), { what: `postgres on ${this.port}`, timeout: 20_000, interval: 100 });
    return this;
  }

  /** Stops fast (every connection cut, as a crash or a failover does) and starts again. */
  async restart(): Promise<void> {
    this.pgCtl('restart');
    await waitFor(() => this.answers(), {
      what: `postgres on ${this.port} after restart`,
      timeout: 20_000,
      interval: 100,
    });
  }

  async stop(): Promise<void> {
    if (!this.dir) return;
    try {
      this.pgCtl('stop');
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
      this.dir = '';
    }
  }

  private pgCtl(action: 'start' | 'restart' | 'stop') {
    const settings = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'log'),
      '-m',
      'fast',
      '-w',
      '-o',
      settings,
      action,
    ]);
  }

  private run(binary: string, args: string[]) {
    const path = postgresBin(binary);
    if (process.getuid?.() === 0)
      execFileSync('runuser', ['-u', 'postgres', '--', path, ...args], { stdio: 'pipe', cwd: this.dir });
    else execFileSync(path, args, { stdio: 'pipe', cwd: this.dir });
  }

  private async answers(): Promise<boolean> {
    const client = new Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

export interface AppProcess {
  role: 'api' | 'worker';
  child: ChildProcess;
  /** The HTTP address of an API process. */
  url: string;
  output(): string;
  /** Sends the signal and waits for the exit; resolves with the exit code (null after a kill). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** What every process of one scenario shares: its database, Redis, queue prefix and SMTP server. */
export interface ScenarioEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  SMTP_URL: string;
  QUEUE_PREFIX: string;
  [name: string]: string;
}

export function scenarioEnv(env: ScenarioEnv): Record<string, string> {
  return {
    APP_SECRET: TEST_APP_SECRET,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    MAIL_FROM: 'Secretariat <secretariat@wgecc.test>',
    RECONCILE_EVERY_MS: '1000',
    SENDING_TIMEOUT_MS: '3000',
    RETRY_BASE_MS: '200',
    WORKER_CONCURRENCY: '8',
    API_REQUESTS_PER_MINUTE: '1000000',
    LOG_LEVEL: 'info',
    ...env,
  };
}

/**
 * The real entry point (src/main.ts, as built) in a child process with ROLE=api or ROLE=worker.
 * Resolves once it is ready: an API answers /health, a worker has logged that it started.
 */
export async function startAppProcess(role: 'api' | 'worker', env: Record<string, string>): Promise<AppProcess> {
  const port = role === 'api' ? await freePort() : 0;
  const child = spawn(process.execPath, [join(FAULTS_BUILD_DIR, 'src', 'main.js'), NO_ENV_FILE], {
    env: {
      PATH: process.env.PATH ?? '',
      ROLE: role,
      ...(port ? { PORT: String(port), APP_URL: `http://127.0.0.1:${port}` } : { APP_URL: 'http://127.0.0.1:3000' }),
      ...env,
    },
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Only the tail is kept: a scenario's processes log thousands of lines.
  let output = '';
  let started = false;
  const keep = (chunk: Buffer) => {
    const text = output.slice(-100) + chunk.toString();
    started ||= text.includes('worker started');
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${role} exited early (${child.exitCode}):\n${output}`);
      if (role === 'worker') return started;
      return fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      );
    },
    { what: `${role} process ready`, timeout: 120_000, interval: 100 },
  );
  return {
    role,
    child,
    url,
    output: () => output,
    stop: async (signal) => {
      child.kill(signal);
      return exited(child);
    },
  };
}

/** Tolerates a stopped or restarting service for a moment: retried until `timeout`. */
export async function retrying<T>(work: () => Promise<T>, timeout = 60_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}
