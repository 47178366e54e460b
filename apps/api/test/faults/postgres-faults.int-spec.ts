import { PROBLEM_CONTENT_TYPE } from '@brevet/contracts';
import { freePort } from '@brevet/testing';
import { Client } from 'pg';
import { SessionService } from '../../src/auth/session.service';
import { createTestUser } from '../support/auth';
import { branchBody, makeRegion } from '../support/factories';
import { createTestApp, eventually, type TestApp } from '../support/test-app';
import { testDatabaseUrl } from '../support/test-env';
import { startFromSource, withApplicationName, type SourceProcess } from './brevet-source';

/**
 * Security row F5: PostgreSQL connections lost. A real API process (started by the test, in-process jobs) on the
 * run's database: its connections are terminated with `pg_terminate_backend` in the middle of a write, which
 * answers a clean 5xx problem+json, leaves nothing behind, and the next requests work without a restart. A
 * process booting against a port where no PostgreSQL listens retries a bounded number of times, then exits
 * non-zero with a message that names the problem.
 */
describe('F5: PostgreSQL connection lost (real API process, real PostgreSQL)', () => {
  const APP_NAME = `brevet-f5-${process.pid}`;
  let t: TestApp;
  let api: SourceProcess;
  let pg: Client;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp();
    api = await startFromSource('main', {
      DATABASE_URL: withApplicationName(testDatabaseUrl(), APP_NAME),
    });
    const userId = await createTestUser(t, 'hr_admin');
    const { token } = await t.app
      .get(SessionService)
      .start(userId, { kind: 'password' }, { ip: '127.0.0.1', userAgent: 'fault-test' });
    cookie = `brevet_session=${token}`;
    pg = new Client({ connectionString: testDatabaseUrl() });
    await pg.connect();
  }, 180_000);
  afterAll(async () => {
    await pg?.end();
    await api?.stop('SIGKILL');
    await t?.close();
  });

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${api.url}${path}`, {
      ...init,
      headers: { cookie, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  const branchesWithCode = async (code: string) =>
    Number((await pg.query(`SELECT count(*) AS n FROM branch WHERE code = $1`, [code])).rows[0].n as string);

  it('answers a clean 5xx when its connection is terminated mid-write, rolls back, and the next request works', async () => {
    const region = await makeRegion(t.dataSource, { code: `F5-${process.pid}` });
    const code = `F5K-${process.pid % 100_000}`; // branch codes: at most 16 characters
    const body = branchBody(region.id, { code });
    const outboxBefore = Number((await pg.query(`SELECT count(*) AS n FROM job_outbox`)).rows[0].n as string);

    // Hold the outbox table: creating a branch inserts the branch, then blocks on its region-recount job row.
    // (A second connection: pg_stat_activity is a snapshot per transaction, so it is read outside this one.)
    const locker = new Client({ connectionString: testDatabaseUrl() });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE job_outbox IN ACCESS EXCLUSIVE MODE');
    const pending = call('/api/v1/branches', { method: 'POST', body: JSON.stringify(body) });
    let answered: Response | null = null;
    void pending.then((r) => (answered = r)).catch(() => undefined);
    const waiting = await eventually(async () => {
      if (answered) throw new Error(`answered early: ${answered.status} ${await answered.text()}`);
      const { rows } = await pg.query(
        `SELECT pid FROM pg_stat_activity
          WHERE application_name = $1 AND wait_event_type = 'Lock' AND query ILIKE '%job_outbox%'`,
        [APP_NAME],
      );
      return rows.length > 0 ? rows : null;
    }, 20_000).catch(async (error: Error) => {
      const { rows } = await pg.query(
        `SELECT application_name, state, wait_event_type, left(query, 80) AS query FROM pg_stat_activity WHERE datname = current_database()`,
      );
      throw new Error(`${error.message}: ${JSON.stringify(rows)}\n${api.output()}`);
    });
    expect(waiting.length).toBeGreaterThan(0);
    // Every connection of the API: the one inside the write and the idle ones in its pool.
    const { rows: terminated } = await pg.query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1`,
      [APP_NAME],
    );
    expect(terminated.length).toBeGreaterThan(0);
    await locker.query('ROLLBACK');
    await locker.end();

    const res = await pending.catch((error: Error) => {
      throw new Error(`the API did not answer (${error.message}):\n${api.output()}`);
    });
    // A cut connection is the database's trouble, not the request's: 503, "try again".
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    const problem = (await res.json()) as { code: string; status: number; detail: string };
    expect(problem).toMatchObject({ code: 'service_unavailable', status: 503 });
    expect(problem.detail).toMatch(/try again/);
    expect(problem.detail).not.toMatch(/terminat|SQL|postgres/i);

    // Rolled back: no branch, no orphaned job row.
    expect(await branchesWithCode(code)).toBe(0);
    expect(Number((await pg.query(`SELECT count(*) AS n FROM job_outbox`)).rows[0].n as string)).toBe(
      outboxBefore,
    );

    // The same process serves the next requests on fresh connections, and the same write now succeeds once.
    expect(api.child.exitCode).toBeNull();
    expect((await call('/api/ready')).status).toBe(200);
    expect((await call('/api/v1/branches')).status).toBe(200);
    const again = await call('/api/v1/branches', { method: 'POST', body: JSON.stringify(body) });
    expect(again.status).toBe(201);
    expect(await branchesWithCode(code)).toBe(1);
  }, 60_000);

  it('retries a bounded number of times at boot when PostgreSQL is not there, then exits non-zero', async () => {
    const closedPort = await freePort();
    for (const entry of ['main', 'worker'] as const) {
      const started = Date.now();
      const proc = await startFromSource(
        entry,
        {
          DATABASE_URL: `postgres://postgres@127.0.0.1:${closedPort}/brevet`,
          REDIS_URL: 'redis://127.0.0.1:6379',
          DB_CONNECT_RETRIES: '3',
          DB_CONNECT_RETRY_DELAY_MS: '200',
          LOG_LEVEL: 'info',
        },
        { wait: false },
      );
      const code = await Promise.race([
        proc.exited,
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 60_000)),
      ]);
      if (code === 'hung') await proc.stop('SIGKILL');
      expect({ entry, code }).toEqual({ entry, code: 1 });
      const output = proc.output();
      expect(output).toContain('PostgreSQL is not reachable');
      expect(output).toContain('Check DATABASE_URL');
      // Bounded: three retries 200 ms apart (not the default ten, 2 s apart); the last words say what to do.
      expect((output.match(/Unable to connect to the database/g) ?? []).length).toBe(3);
      expect(output.trim().split('\n').slice(-2).join('\n')).toMatch(
        /failed to start: PostgreSQL is not reachable[^\n]*\nGave up after DB_CONNECT_RETRIES attempts/,
      );
      expect(Date.now() - started).toBeLessThan(45_000);
    }
  }, 130_000);
});
