// `npm run test:replay`: the replay test alone, without the suite's global setup. Replay needs neither a Temporal
// server nor PostgreSQL, so nothing is provisioned or started — which is also the proof that it needs none.
// `npm test` runs the same test file with everything else.
const base = require('../../jest.config');

module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/replay'],
  globalSetup: undefined,
  globalTeardown: undefined,
};
