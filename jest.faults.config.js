/**
 * Fault tests (`npm run test:faults`): they kill the worker, restart Temporal and cut PostgreSQL, so they are slow
 * (minutes) and kept out of `npm test`; `.ci/run` runs them after it. Files run one after another (--runInBand):
 * each starts its own system. global-setup gives them a throwaway PostgreSQL on a free port of their own.
 */
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
