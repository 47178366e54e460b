/** Shared Jest settings: SWC with decorator metadata (see .swcrc) and the workspace's path aliases. */
export const swcJestTransform = {
  '^.+\\.ts$': ['@swc/jest', { swcrc: true }],
};

export const workspaceModuleNameMapper = {
  '^@brevet/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
  '^@brevet/domain$': '<rootDir>/../../libs/domain/src/index.ts',
  '^@brevet/testing$': '<rootDir>/../../libs/testing/src/index.ts',
};
