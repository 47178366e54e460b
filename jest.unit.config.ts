/** Every unit test in the workspace: pure rules and small units, no services. */
export default {
  projects: [
    '<rootDir>/libs/domain/jest.config.ts',
    '<rootDir>/apps/api/jest.unit.config.ts',
    '<rootDir>/apps/admin/jest.config.ts',
  ],
};
