/** Browser tests: the built API + admin UI as a real process, driven through Debian's Chromium. */
export default {
  displayName: 'admin-e2e',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: {
    '^@brevet/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
    '^@brevet/testing$': '<rootDir>/../../libs/testing/src/index.ts',
  },
  testTimeout: 120_000,
};
