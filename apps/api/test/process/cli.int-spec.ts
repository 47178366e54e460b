import { startBrevet, WORKSPACE_ROOT, type BrevetProcess } from '@brevet/testing';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { databaseUrlFor, TEST_PG_ADMIN_URL, TEST_REDIS_URL, uniqueRedisPrefix } from '../support/test-env';

const CLI = path.join(WORKSPACE_ROOT, 'dist/apps/api/cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The admin CLI against a fresh database, then the API started on it: what an operator does. */
describe('admin CLI (built dist/apps/api/cli.js, PostgreSQL, Redis)', () => {
  const dbName = `brevet_cli_${Date.now().toString(36)}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-cli-'));
  const env = {
    DATABASE_URL: databaseUrlFor(dbName),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: uniqueRedisPrefix('cli'),
    DATA_DIR: dataDir,
  };
  let api: BrevetProcess | undefined;
  let db: Client;

  /** Runs `cli.js args…` to completion. */
  function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx nx run api:build)`);
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: WORKSPACE_ROOT,
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        NODE_ENV: 'development',
        ...env,
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  }

  const accounts = async (email: string) =>
    (
      await db.query(
        `SELECT u.id, u.email, u.display_name, u.status, u.password_hash, u.identity_provider_id,
                array_agg(g.role || ':' || g.source) FILTER (WHERE g.id IS NOT NULL) AS grants
           FROM user_account u LEFT JOIN user_role_grant g ON g.user_id = u.id
          WHERE lower(u.email) = lower($1) GROUP BY u.id`,
        [email],
      )
    ).rows;

  beforeAll(async () => {
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    db = new Client({ connectionString: env.DATABASE_URL });
  });
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await db.end().catch(() => undefined);
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('explains itself when the command or its options are wrong (exit 2)', async () => {
    for (const args of [
      [],
      ['drop-everything'],
      ['create-admin', '--email', 'a@b.example'],
      ['disable-user', '--mail', 'x'],
    ]) {
      const run = await cli(args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toContain('Usage: node dist/apps/api/cli.js');
    }
  }, 180_000);

  it('creates a break-glass HR admin who then signs in to the API; disable-user ends their session', async () => {
    // A fresh database: the CLI brings the schema up to date first, as the API does.
    const created = await cli(['create-admin', '--email', 'Ops.Admin@Example.com', '--name', 'Ops Admin']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const password = /Password \(shown only now[^:]*\): (\S+)/.exec(created.stdout)?.[1] as string;
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(created.stdout).toContain('Created break-glass HR admin ops.admin@example.com');

    await db.connect();
    const [row] = await accounts('ops.admin@example.com');
    expect(row).toMatchObject({
      email: 'ops.admin@example.com',
      display_name: 'Ops Admin',
      status: 'active',
      identity_provider_id: null,
      grants: ['hr_admin:manual'],
    });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    // The same email again is refused, and nothing is added.
    const again = await cli(['create-admin', '--email', 'ops.admin@example.com', '--name', 'Twice']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');
    expect(await accounts('ops.admin@example.com')).toHaveLength(1);

    // A password from BREVET_ADMIN_PASSWORD: too short is refused; a long one is used and never printed.
    const short = await cli(['create-admin', '--email', 'second@example.com', '--name', 'Second'], {
      BREVET_ADMIN_PASSWORD: 'elevenchars',
    });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    expect(await accounts('second@example.com')).toHaveLength(0);
    const chosen = await cli(['create-admin', '--email=second@example.com', '--name=Second Admin'], {
      BREVET_ADMIN_PASSWORD: 'twelve chars',
    });
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).not.toContain('twelve chars');
    expect(chosen.stdout).not.toContain('Password');

    // The API signs the new admin in with the generated password.
    api = await startBrevet({ env: { ...env, RUN_MIGRATIONS: 'false' }, dataDir });
    const signIn = (email: string, secret: string) =>
      fetch(`${api!.url}/api/v1/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: secret }),
      });
    const res = await signIn('ops.admin@example.com', password);
    expect(res.status).toBe(204);
    const cookie = /brevet_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] as string;
    const me = () => fetch(`${api!.url}/api/v1/auth/me`, { headers: { cookie } });
    const who = await me();
    expect(who.status).toBe(200);
    expect(await who.json()).toMatchObject({ displayName: 'Ops Admin', roles: ['hr_admin'] });
    expect((await signIn('second@example.com', 'twelve chars')).status).toBe(204);

    // disable-user: status disabled, the live session (in the API's Redis store) ended, sign-in refused.
    const disabled = await cli(['disable-user', '--email', 'OPS.ADMIN@example.com']);
    expect(disabled.stderr).toBe('');
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain('Disabled 1 account(s)');
    expect(disabled.stdout).toContain('ended 1 session(s)');
    expect((await accounts('ops.admin@example.com'))[0].status).toBe('disabled');
    expect((await me()).status).toBe(401);
    expect((await signIn('ops.admin@example.com', password)).status).toBe(401);

    const nobody = await cli(['disable-user', '--email', 'nobody@example.com']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('no account');
  }, 400_000);

  it('verifies the audit chain (audit:verify prints JSON; exit 0 when intact)', async () => {
    const run = await cli(['audit:verify']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').pop() as string)).toMatchObject({ ok: true });
  }, 120_000);
});
