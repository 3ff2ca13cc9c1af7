/**
 * Moves strings written in code as `{ 'key': { en, ru, kk } }` objects into the catalogs
 * (templates/messages/<language>.json), keys sorted, so a translator edits one file per language.
 *   node -r ts-node/register/transpile-only scripts/messages-to-catalogs.ts src/some/messages.ts…
 * Every exported object of the given files is merged; a key already in a catalog is replaced.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LANGUAGES = ['en', 'ru', 'kk'] as const;
const CATALOGS_DIR = join(process.cwd(), 'templates', 'messages');

type Catalog = Record<string, string>;

const catalogs = Object.fromEntries(
  LANGUAGES.map((language) => {
    let catalog: Catalog = {};
    try {
      catalog = JSON.parse(readFileSync(join(CATALOGS_DIR, `${language}.json`), 'utf8')) as Catalog;
    } catch {
      // A language without its catalog yet starts empty.
    }
    return [language, catalog];
  }),
) as Record<(typeof LANGUAGES)[number], Catalog>;

let moved = 0;
for (const file of process.argv.slice(2)) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(resolve(file)) as Record<string, unknown>;
  for (const value of Object.values(exported)) {
    if (!value || typeof value !== 'object') continue;
    for (const [key, texts] of Object.entries(value as Record<string, unknown>)) {
      if (!texts || typeof texts !== 'object' || !('en' in texts)) continue;
      for (const language of LANGUAGES) {
        const text = (texts as Record<string, unknown>)[language];
        if (typeof text === 'string') catalogs[language][key] = text;
      }
      moved++;
    }
  }
}

for (const language of LANGUAGES) {
  const sorted = Object.fromEntries(
    Object.entries(catalogs[language]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  writeFileSync(join(CATALOGS_DIR, `${language}.json`), `${JSON.stringify(sorted, null, 2)}\n`);
}
console.log(`${moved} keys written to ${CATALOGS_DIR}`);
