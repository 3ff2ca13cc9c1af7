import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMAIL_DIR, compileEmailTemplates } from './email-layout';

/** `npm run emails:build`: compiles the MJML email layout and button into the committed .hbs templates. */
async function main() {
  for (const [file, content] of await compileEmailTemplates()) {
    writeFileSync(join(EMAIL_DIR, file), content);
    process.stdout.write(`wrote templates/email/${file}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not build the email layout: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
