/** Browser tests: the built console in real Chromium against the real API, PostgreSQL, Redis and worker. */
module.exports = {
  rootDir: '.',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: { '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/browser/global-setup.ts',
  globalTeardown: '<rootDir>/test/browser/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 120000,
  // One browser at a time: Chromium and the API share a small machine with the other tests.
  maxWorkers: 1,
};
