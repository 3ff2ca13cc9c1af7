import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The pages and the reminders read and write through the features' services and repositories: code
 * that queried another feature's tables would bypass that feature's rules and hide its queries.
 */
const sourcesOf = (folder: string) => {
  const dir = join(process.cwd(), 'src', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
};

describe('web pages reach the database only through the features', () => {
  it('imports nothing from TypeORM in src/web', () => {
    const direct = sourcesOf('web').filter(({ text }) => /from 'typeorm'|\bDataSource\b|\bEntityManager\b/.test(text));
    expect(direct.map(({ name }) => name)).toEqual([]);
  });
});

describe('reminders reach the database only through the features', () => {
  // The planners work inside their caller's unit of work, so an EntityManager handed to them stays allowed.
  it('injects no DataSource in src/reminders', () => {
    const direct = sourcesOf('reminders').filter(({ text }) => /\bDataSource\b/.test(text));
    expect(direct.map(({ name }) => name)).toEqual([]);
  });
});
