/**
 * The production-shape test (`npm run test:production`, called by .ci/run): a real Temporal server built from the Go
 * module proxy (cached in .tools/), the compiled API and worker, oidc-provider as identity provider, Chromium. Slow
 * the first time (the server build), so it is kept out of `npm test`. global-setup gives it a throwaway PostgreSQL.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/production'],
  testMatch: ['**/production-shape.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 120000,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};
