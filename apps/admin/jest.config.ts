/** Unit tests of the admin UI that need no browser (e.g. the dictionaries against the templates). */
export default {
  displayName: 'admin:unit',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // The contracts only (e.g. the navigation's permissions); nothing Angular loads here.
  moduleNameMapper: { '^@brevet/contracts$': '<rootDir>/../../libs/contracts/src/index.ts' },
};
