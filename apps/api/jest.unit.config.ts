import { swcJestTransform, workspaceModuleNameMapper } from '../../jest.shared';

export default {
  displayName: 'api:unit',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: swcJestTransform,
  moduleNameMapper: workspaceModuleNameMapper,
};
