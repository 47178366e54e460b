/**
 * Where the integration tests find the machine's services. Override with TEST_PG_URL / TEST_REDIS_URL
 * (read only here, by the test harness).
 */
export const TEST_PG_ADMIN_URL = process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Set by global-setup: the fresh database of this run, with every migration applied. */
export function testDatabaseUrl(): string {
  const url = process.env['BREVET_TEST_DATABASE_URL'];
  if (!url) throw new Error('BREVET_TEST_DATABASE_URL is not set: run through jest.int.config.ts');
  return url;
}

export function databaseUrlFor(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A Redis key prefix unique to this test run, so runs never see each other's jobs. */
export function uniqueRedisPrefix(label: string): string {
  return `brevet-test-${label}-${process.pid}-${Date.now().toString(36)}`;
}

/**
 * The one key-encryption secret of every app a test starts: they share the run's database, where the Open
 * Badges signing keys are stored encrypted with it.
 */
export const TEST_KEY_ENCRYPTION_SECRET = 'integration-tests-only-secret-0123456789abcdef';
