import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Only repositories touch the database, so a feature's SQL is found in one file and its rules are not bypassed. */
const SRC = join(process.cwd(), 'src');

/** Where database access is the point, each with its reason. */
const ALLOWED: [RegExp, string][] = [
  [/\.repository\.ts$/, 'the repositories themselves'],
  [/^database\//, 'the data source, migrations runner and start-up checks'],
  [/^common\/database\//, 'SQL helpers the repositories share (pagination, UPDATE … RETURNING)'],
  [/^demo\/|^seed-demo\.ts$/, 'the demo seeder writes many tables at once, outside any request'],
  [/^notifications\/unit-of-work\.ts$/, 'opens the transaction every service works in'],
];

/** DataSource, raw SQL, query builders and EntityManager reads or writes; `manager.create`/`merge` touch no database. */
const DATABASE_ACCESS =
  /\bDataSource\b|\.query\s*[<(]|\bcreateQueryBuilder\b|\bgetRepository\s*\(|@InjectRepository\b|\bmanager\.(find|save|insert|update|delete|count|exist|upsert|remove|increment|decrement)\w*\s*[<(]/;

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [relative(SRC, path)] : [];
  });

describe('only repositories touch the database', () => {
  it('finds no DataSource, SQL, query builder or EntityManager call outside repositories', () => {
    const offending = sources(SRC)
      .filter((file) => !ALLOWED.some(([pattern]) => pattern.test(file)))
      .filter((file) => DATABASE_ACCESS.test(readFileSync(join(SRC, file), 'utf8')));
    expect(offending).toEqual([]);
  });
});
