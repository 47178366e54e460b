import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Response } from 'supertest';
import {
  createBreakGlassAdmin,
  freshClientAddress,
  sessionSetCookieLine,
} from '../../test/support/password-accounts';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';

/** The CSP directives as a map: `script-src` → ["'self'"]. */
function csp(res: Response): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name, ...values]) => [name, values]),
  );
}

/** What every response must carry, whatever it is. */
function expectBaseline(res: Response): void {
  const hsts = String(res.headers['strict-transport-security']);
  expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
  expect(hsts).toContain('includeSubDomains');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(['strict-origin-when-cross-origin', 'no-referrer']).toContain(res.headers['referrer-policy']);
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-powered-by']).toBeUndefined();
  const policy = csp(res);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('base-uri')?.[0]).toMatch(/^'(self|none)'$/);
  expect(policy.get('form-action')?.[0]).toMatch(/^'(self|none)'$/);
  // No inline script anywhere: neither allowed explicitly nor through a missing script-src/default-src.
  const scripts = policy.get('script-src') ?? policy.get('default-src');
  expect(scripts).toBeDefined();
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
}

describe('A7 security headers and cookies (real PostgreSQL)', () => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-admin-dist-'));
    fs.writeFileSync(
      path.join(dist, 'index.html'),
      '<!doctype html><html><head><link rel="stylesheet" href="styles.css"></head><body><bv-root></bv-root><script src="main.js" type="module"></script></body></html>',
    );
    fs.writeFileSync(path.join(dist, 'main.js'), 'console.log("admin");');
    t = await createTestApp({ ADMIN_DIST_DIR: dist });
    await resetDatabase(t);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const http = () => request(t.app.getHttpServer());

  it('sends the full CSP for the Angular app on API routes', async () => {
    const res = await http().get('/api/v1/auth/options').expect(200);
    expectBaseline(res);
    expect(Object.fromEntries(csp(res))).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
    });
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('sends them on errors too (401 problem+json)', async () => {
    expectBaseline(await http().get('/api/v1/auth/me').expect(401));
  });

  it('sends them on the admin UI: index.html, client-side routes and static files', async () => {
    for (const url of ['/', '/staff/some-person', '/main.js']) {
      const res = await http().get(url).expect(200);
      expectBaseline(res);
      expect(csp(res).get('script-src')).toEqual(["'self'"]);
    }
  });

  it('sends them on the public verification page, which keeps its own stricter CSP', async () => {
    const res = await http().get(`/verify/${randomUUID()}`).expect(404);
    expect(res.headers['content-type']).toContain('text/html');
    expectBaseline(res);
    expect(csp(res).get('default-src')).toEqual(["'none'"]);
    expect(csp(res).get('script-src')).toBeUndefined();
    // Public resources may be shown by other sites (a badge on a profile page).
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('sends them on the public Open Badges JSON', async () => {
    const res = await http().get('/issuer').expect(200);
    expect(res.headers['content-type']).toMatch(/json/);
    expectBaseline(res);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  describe('the session cookie', () => {
    const signIn = (email: string, password: string) =>
      http()
        .post('/api/v1/auth/password')
        .set('X-Forwarded-For', freshClientAddress())
        .send({ email, password });

    it('is Secure, HttpOnly and SameSite=Lax when the request came over HTTPS through the trusted proxy', async () => {
      const account = await createBreakGlassAdmin(t, 'cookie@brevet.test');
      const res = await signIn(account.email, account.password).set('X-Forwarded-Proto', 'https').expect(204);
      const line = sessionSetCookieLine(res) as string;
      const attributes = line
        .split(';')
        .slice(1)
        .map((a) => a.trim().toLowerCase());
      expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
      // A session cookie: no Max-Age or Expires, no Domain (host-only).
      expect(attributes.some((a) => /^(max-age|expires|domain)=/.test(a))).toBe(false);
      expectBaseline(res);

      const out = await http()
        .post('/api/v1/auth/logout')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', line.split(';')[0])
        .expect(204);
      expect(sessionSetCookieLine(out)).toMatch(/; Secure/i);
      expect(sessionSetCookieLine(out)).toMatch(/; HttpOnly/i);
    });

    it('is HttpOnly and SameSite=Lax over plain HTTP (local use), where Secure would drop it', async () => {
      const account = await createBreakGlassAdmin(t, 'plain@brevet.test');
      const line = sessionSetCookieLine(await signIn(account.email, account.password).expect(204)) as string;
      expect(line).toMatch(/; HttpOnly/i);
      expect(line).toMatch(/; SameSite=Lax/i);
      expect(line).not.toMatch(/; Secure/i);
    });
  });
});
