import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { entryPointArgs, entryPointEnv } from './entry-point';
import { freePort } from './fault-processes';
import { waitFor } from './smtp-sink';

export type EntryPointProcess = ChildProcess & { output: () => string };

/** The real entry point (src/main.ts through ts-node) in a child process with the given role. */
function spawnEntryPoint(role: 'api' | 'worker', env: Record<string, string>): EntryPointProcess {
  const child = spawn(process.execPath, entryPointArgs(), {
    env: entryPointEnv({ ROLE: role, LOG_LEVEL: 'warn', ...env }),
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return Object.assign(child, { output: () => output });
}

/** A separate worker process (ROLE=worker) running the real entry point, to be killed and restarted by fault tests. */
export function startWorker(env: Record<string, string>): Promise<EntryPointProcess> {
  return new Promise((resolve, reject) => {
    const child = spawnEntryPoint('worker', env);
    const ready = setInterval(() => {
      // The worker logs nothing at warn level when it starts; it is ready once its queue connection answers.
      if (child.exitCode !== null) {
        clearInterval(ready);
        reject(new Error(`worker exited early (${child.exitCode}):\n${child.output()}`));
      }
    }, 100);
    setTimeout(() => {
      clearInterval(ready);
      resolve(child);
    }, 200);
  });
}

/** A separate API process (ROLE=api) on a free port, resolved once its liveness answers. */
export async function startApiProcess(env: Record<string, string>): Promise<EntryPointProcess & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnEntryPoint('api', { PORT: String(port), APP_URL: url, ...env });
  await waitFor(
    async () => {
      if (child.exitCode !== null)
        throw new Error(`the API process exited early (${child.exitCode}):\n${child.output()}`);
      return fetch(`${url}/health/live`).then(
        (res) => res.ok,
        () => false,
      );
    },
    { what: `the API process on ${port}`, timeout: 60_000, interval: 200 },
  );
  return Object.assign(child, { url });
}
