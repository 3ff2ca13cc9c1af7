import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeApi } from '../src/app.factory';
import { openApiJson } from '../src/common/http/openapi-document';

/** `npm run openapi`: writes the API's OpenAPI document to openapi.json at the repository root. */
async function main() {
  const file = join(__dirname, '..', 'openapi.json');
  writeFileSync(file, openApiJson(await describeApi()));
  process.stdout.write(`wrote ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not write openapi.json: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
