import type { Branch, BranchPage } from '@brevet/contracts';
import { passwordSessionCookie, startBrevet, type BrevetProcess } from '@brevet/testing';

/** What `npm start` does on a new machine: embedded PostgreSQL, demo data, one port, clean stop, restart. */
describe('embedded mode (built app as a real process, PGlite)', () => {
  let app: BrevetProcess | undefined;
  afterEach(async () => {
    await app?.stop('SIGKILL');
    app = undefined;
  });

  it('serves the UI and the seeded API, stops cleanly on Ctrl-C, and keeps its data across restarts', async () => {
    app = await startBrevet();
    let cookie = await passwordSessionCookie(app.url);
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);
    const ready = await (await fetch(`${app.url}/api/ready`)).json();
    expect(ready).toMatchObject({
      status: 'ready',
      checks: { database: { mode: 'embedded', status: 'up' } },
    });

    const home = await fetch(`${app.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    const deepLink = await fetch(`${app.url}/branches?page=2`);
    expect(deepLink.headers.get('content-type')).toContain('text/html');
    const unknownApi = await fetch(`${app.url}/api/v1/nothing-here`);
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/problem+json');

    const seeded = (await (
      await fetch(`${app.url}/api/v1/branches?pageSize=100`, { headers: { cookie } })
    ).json()) as BranchPage;
    expect(seeded.total).toBe(12);
    expect(new Set(seeded.items.map((b) => b.country))).toEqual(new Set(['DE', 'AT', 'CH', 'PL']));

    const created = await fetch(`${app.url}/api/v1/branches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ ...pick(seeded.items[0]), code: 'DE-KIE-01', name: 'Kiel Ostuferhafen' }),
    });
    expect(created.status).toBe(201);

    const dataDir = app.dataDir;
    expect(await app.stop('SIGINT')).toBe(0);
    expect(app.output()).toContain('Brevet is stopping (SIGINT)');

    app = await startBrevet({ dataDir });
    cookie = await passwordSessionCookie(app.url);
    const after = (await (
      await fetch(`${app.url}/api/v1/branches?pageSize=100`, { headers: { cookie } })
    ).json()) as BranchPage;
    expect(after.total).toBe(13);
    expect(after.items.map((b) => b.code)).toContain('DE-KIE-01');
    // The restart is on another port: the demo sign-in follows it instead of sending people to the old one.
    const demoLogin = await fetch(`${app.url}/auth/saml/demo/login`, { redirect: 'manual' });
    expect(demoLogin.status).toBe(302);
    expect(new URL(demoLogin.headers.get('location') ?? '').port).toBe(new URL(app.url).port);
    expect(await app.stop('SIGTERM')).toBe(0);
  }, 180_000); // two full starts of the built app, demo seed (with a year of trends) included

  it('refuses to start a separate worker in embedded mode, saying why', async () => {
    await expect(startBrevet({ entry: 'worker', timeoutMs: 30_000 })).rejects.toThrow(
      /worker runs as its own process only with DATABASE_URL and REDIS_URL/,
    );
  });

  it('fails fast on invalid configuration, naming the variable', async () => {
    await expect(startBrevet({ env: { DATABASE_URL: 'mysql://x@y/z' }, timeoutMs: 30_000 })).rejects.toThrow(
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ connection URL/,
    );
  });
});

function pick(branch: Branch) {
  return { country: branch.country, timezone: branch.timezone, regionId: branch.regionId };
}
