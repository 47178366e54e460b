import type { ProblemDetails } from '@brevet/contracts';
import { Client } from 'pg';
import { signInAsAdmin } from '../../test/support/auth';
import { createTestApp, eventually, resetDatabase, type TestApp } from '../../test/support/test-app';
import { testDatabaseUrl } from '../../test/support/test-env';
import { isDatabaseUnavailable } from './database-unavailable.util';

/** Real PostgreSQL: connections cut by pg_terminate_backend, as a failover or an administrator would. */
describe('a database connection lost mid-request (real PostgreSQL)', () => {
  let t: TestApp;
  let other: Client;

  beforeAll(async () => {
    t = await createTestApp();
    other = new Client({ connectionString: testDatabaseUrl() });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await t.close();
  });

  it('answers 503 problem+json asking to try again, not 500; the next request works', async () => {
    await resetDatabase(t);
    const admin = await signInAsAdmin(t);
    await admin.get('/api/v1/branches').expect(200);
    // Hold the table so the request's statement waits, then cut that statement's connection.
    await other.query('BEGIN');
    await other.query('LOCK TABLE branch IN ACCESS EXCLUSIVE MODE');
    const answered = admin.get('/api/v1/branches').then((res) => res);
    const waiting = await eventually(async () => {
      const rows = (
        await other.query(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
        )
      ).rows as Array<{ pid: number }>;
      return rows.length === 1 ? rows[0].pid : null;
    });
    await other.query('SELECT pg_terminate_backend($1)', [waiting]);
    await other.query('ROLLBACK');
    const res = await answered;
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.body as ProblemDetails;
    expect(problem).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(problem.detail).toMatch(/try again/);
    await admin.get('/api/v1/branches').expect(200);
  });

  it('tells a lost connection from a refused statement', async () => {
    const victim = new Client({ connectionString: testDatabaseUrl() });
    await victim.connect();
    victim.on('error', () => undefined);
    const { rows } = await victim.query('SELECT pg_backend_pid() AS pid');
    const sleeping = victim.query('SELECT pg_sleep(30)').catch((error: unknown) => error);
    await eventually(async () => {
      const active = await other.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active'`, [
        (rows[0] as { pid: number }).pid,
      ]);
      return active.rowCount === 1;
    });
    await other.query('SELECT pg_terminate_backend($1)', [(rows[0] as { pid: number }).pid]);
    expect(isDatabaseUnavailable(await sleeping)).toBe(true);
    await victim.end().catch(() => undefined);

    const refused = await other.query('SELECT * FROM no_such_table').catch((error: unknown) => error);
    expect(isDatabaseUnavailable(refused)).toBe(false);
    const division = await other.query(`SELECT 1 / 0`).catch((error: unknown) => error);
    expect(isDatabaseUnavailable(division)).toBe(false);
  });
});
