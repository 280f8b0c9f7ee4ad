/** Workflow tests share one machine with two cores: files run serially (--runInBand in npm test). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // slow and needing Go for the Temporal server build: `npm run test:production` (jest.production.config.js)
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/production/production-shape.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 120000,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};
