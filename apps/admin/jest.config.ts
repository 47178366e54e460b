/** Unit tests of the admin UI that need no browser (e.g. the dictionaries against the templates). */
export default {
  displayName: 'admin:unit',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
};
