import type { BranchPage, Region } from '@brevet/contracts';
import { freePort, passwordSessionCookie, startBrevet, type BrevetProcess } from '@brevet/testing';
import { Client } from 'pg';
import { databaseUrlFor, TEST_PG_ADMIN_URL, TEST_REDIS_URL, uniqueRedisPrefix } from '../support/test-env';

/** Server mode: PostgreSQL + Redis; the API enqueues, a separate worker process runs the job. */
describe('API and worker as separate processes (PostgreSQL, Redis)', () => {
  const dbName = `brevet_proc_${Date.now().toString(36)}`;
  const env = {
    DATABASE_URL: databaseUrlFor(dbName),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: uniqueRedisPrefix('proc'),
    SEED_DEMO: 'true',
  };
  const processes: BrevetProcess[] = [];

  beforeAll(async () => {
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('runs the branch job only once the worker process is up', async () => {
    const api = await startBrevet({ env });
    processes.push(api);
    const cookie = await passwordSessionCookie(api.url);
    const ready = await (await fetch(`${api.url}/api/ready`)).json();
    expect(ready).toMatchObject({
      status: 'ready',
      checks: { database: { mode: 'postgres' }, redis: { status: 'up' } },
    });

    const regionCount = async (regionId: string) => {
      const regions = (await (
        await fetch(`${api.url}/api/v1/regions`, { headers: { cookie } })
      ).json()) as Region[];
      return regions.find((r) => r.id === regionId)?.branchCount;
    };
    const branches = (await (
      await fetch(`${api.url}/api/v1/branches?pageSize=1`, { headers: { cookie } })
    ).json()) as BranchPage;
    const { regionId, country, timezone } = branches.items[0];
    const before = await regionCount(regionId);

    const res = await fetch(`${api.url}/api/v1/branches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ code: 'PROC-01', name: 'Worker test', country, timezone, regionId }),
    });
    expect(res.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await regionCount(regionId)).toBe(before);

    const healthPort = await freePort();
    const worker = await startBrevet({
      entry: 'worker',
      env: { ...env, WORKER_HEALTH_PORT: String(healthPort) },
    });
    processes.push(worker);
    // The worker's own health listener, for container and Kubernetes probes.
    const probe = (path: string) => fetch(`http://127.0.0.1:${healthPort}${path}`);
    expect(await (await probe('/api/ready')).json()).toMatchObject({
      status: 'ready',
      checks: { database: { status: 'up', mode: 'postgres' }, redis: { status: 'up' } },
    });
    expect((await probe('/api/health')).status).toBe(200);
    expect((await probe('/api/v1/branches')).status).toBe(404);
    const deadline = Date.now() + 20_000;
    while ((await regionCount(regionId)) !== (before ?? 0) + 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await regionCount(regionId)).toBe((before ?? 0) + 1);

    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(await api.stop('SIGTERM')).toBe(0);
  });
});
