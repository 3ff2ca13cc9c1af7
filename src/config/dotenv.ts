import { existsSync } from 'node:fs';

/** Given to an entry point whose whole environment is explicit (tests, benchmarks): no .env fills its gaps. */
export const NO_ENV_FILE = '--no-env-file';

export function loadDotEnv(argv: readonly string[] = process.argv, path = '.env'): void {
  if (argv.includes(NO_ENV_FILE)) return;
  if (existsSync(path)) process.loadEnvFile(path);
}
