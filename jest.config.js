/**
 * NestJS 12 ships as ES modules only, and Jest loads those only in its native ESM mode
 * (run with NODE_OPTIONS=--experimental-vm-modules, as the npm scripts do): ts-jest therefore
 * emits ES modules here, while the build (tsc) emits CommonJS that Node loads with require(esm).
 */
const transform = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      useESM: true,
      diagnostics: false,
      tsconfig: { module: 'esnext', moduleResolution: 'bundler', target: 'es2023', experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true, isolatedModules: true },
    },
  ],
};
const common = { testEnvironment: 'node', rootDir: '.', transform, extensionsToTreatAsEsm: ['.ts'] };
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // The fault scenarios own their services and run apart: npm run test:faults.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      testTimeout: 30000,
    },
  ],
};
