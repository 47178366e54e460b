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
  // One worker process, replaced once a test file leaves it above this size. In band, every file's Nest app,
  // TypeORM metadata and module registry piled up in one heap (past 1 GB by the end), and tests that measure
  // memory with forced garbage collections slowed to a crawl.
  workerIdleMemoryLimit: '600MB',
};
