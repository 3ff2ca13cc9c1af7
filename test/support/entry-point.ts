import { resolve } from 'node:path';
import { NO_ENV_FILE } from '../../src/config/dotenv';

/**
 * Node's arguments for the real entry point (src/main.ts through ts-node), from any working directory.
 * Tests give the child its whole environment, so it must not fill gaps from a developer's .env.
 */
export function entryPointArgs(script = resolve('src/main.ts')): string[] {
  return ['-r', resolve('node_modules/ts-node/register/transpile-only'), script, NO_ENV_FILE];
}

/** The environment ts-node needs besides the settings under test. */
export function entryPointEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: resolve('tsconfig.json'), ...env };
}
