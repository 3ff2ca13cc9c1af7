/**
 * `npm run test:faults`: the fault scenarios (test/faults), apart from `npm test` because each one
 * starts its own PostgreSQL cluster, Redis server and app processes and runs for minutes. Files
 * run side by side (each owns every service it breaks); the app is transpiled once beforehand.
 */
const base = require('./jest.config.js').projects.find((p) => p.displayName === 'e2e');
module.exports = {
  ...base,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/faults/global-setup.ts',
  // Generous: a scenario on a machine shared with other work may take minutes longer than on a quiet one.
  testTimeout: 600_000,
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 6,
};
