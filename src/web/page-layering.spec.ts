import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The pages read and write through the features' services and repositories: a page service that
 * queried another feature's tables would bypass that feature's rules and hide its queries.
 */
const WEB_DIR = join(process.cwd(), 'src', 'web');

describe('web pages reach the database only through the features', () => {
  it('imports nothing from TypeORM in src/web', () => {
    const files = readdirSync(WEB_DIR).filter((name) => name.endsWith('.ts') && name !== 'page-layering.spec.ts');
    const direct = files.filter((name) => /from 'typeorm'|\bDataSource\b|\bEntityManager\b/.test(readFileSync(join(WEB_DIR, name), 'utf8')));
    expect(direct).toEqual([]);
  });
});
