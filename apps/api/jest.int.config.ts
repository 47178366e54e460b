import { swcJestTransform, workspaceModuleNameMapper } from '../../jest.shared';

/** Integration tests: the machine's real PostgreSQL (a fresh database per run) and Redis. */
export default {
  displayName: 'api:integration',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  transform: swcJestTransform,
  moduleNameMapper: workspaceModuleNameMapper,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 1,
};
