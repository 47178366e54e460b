export default {
  displayName: 'domain',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: {
    '^@brevet/contracts$': '<rootDir>/../contracts/src/index.ts',
  },
};
