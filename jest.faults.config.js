/**
 * Fault tests (`npm run test:faults`): they kill the worker, restart Temporal and cut PostgreSQL, so they are slow
 * (minutes) and kept out of `npm test`. Files run one after another (--runInBand): each starts its own system.
 */
// A PostgreSQL port of its own (global-setup starts the throwaway server there unless TEST_DATABASE_URL is given):
// `npm test` on the same machine stops its server on 55432 when it finishes, in the middle of a fault test.
process.env.PG_TEST_PORT ??= '55437';

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/faults'],
  // *.fault.ts, not *.test.ts: the main jest.config.js (roots test/) must not pick these up
  testMatch: ['**/*.fault.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 420000,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};
