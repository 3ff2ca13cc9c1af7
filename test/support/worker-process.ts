import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** A separate worker process (ROLE=worker) running the real entry point, to be killed and restarted by fault tests. */
export function startWorker(env: Record<string, string>): Promise<ChildProcess & { output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: 'tsconfig.json', ROLE: 'worker', LOG_LEVEL: 'warn', ...env },
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const ready = setInterval(() => {
      // The worker logs nothing at warn level when it starts; it is ready once its queue connection answers.
      if (child.exitCode !== null) {
        clearInterval(ready);
        reject(new Error(`worker exited early (${child.exitCode}):\n${output}`));
      }
    }, 100);
    setTimeout(() => {
      clearInterval(ready);
      resolve(Object.assign(child, { output: () => output }));
    }, 200);
  });
}
