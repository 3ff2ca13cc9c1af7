import { existsSync, readFileSync } from 'node:fs';

describe('README', () => {
  it('names only files that exist (the path of one reminder, the architecture, the tests)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const named = [
      ...new Set([...readme.matchAll(/`((?:src|test|bench|scripts|migrations)\/[\w./-]+\.[a-z]+)`/g)].map((m) => m[1])),
    ];
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((path) => !existsSync(path))).toEqual([]);
  });
});
