import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Only repositories touch the database, so a feature's SQL is found in one file and its rules are not bypassed. */
const SRC = join(process.cwd(), 'src');

const ALLOWED = [
  /\.repository\.ts$/,
  /^database\//,
  /^common\/database\//,
  /^demo\//,
  /^seed-demo\.ts$/,
  /^notifications\/unit-of-work\.ts$/,
];

/** Justified exceptions, each with its reason. */
const EXCEPTIONS: Record<string, string> = {};

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [relative(SRC, path)] : [];
  });

describe('only repositories touch the database', () => {
  it('finds no DataSource, .query( or createQueryBuilder outside repositories', () => {
    const offending = sources(SRC)
      .filter((file) => !ALLOWED.some((pattern) => pattern.test(file)) && !(file in EXCEPTIONS))
      .filter((file) =>
        /\bDataSource\b|\.query\s*[<(]|\bcreateQueryBuilder\b/.test(readFileSync(join(SRC, file), 'utf8')),
      );
    expect(offending).toEqual([]);
  });
});
