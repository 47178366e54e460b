import type { ProblemDetails } from '@brevet/contracts';
import request from 'supertest';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { branchBody, makeRegion } from '../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';

/** Cookie-authenticated writes must come from Brevet's own pages (Origin / Sec-Fetch-Site). */
describe('cross-site write protection (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: SignedInAgent;
  let regionId: string;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://brevet.example.com' });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    regionId = (await makeRegion(t.dataSource)).id;
  });

  const branchCount = async () =>
    Number(((await t.dataSource.query(`SELECT count(*) AS n FROM branch`)) as Array<{ n: string }>)[0].n);

  it('refuses a cookie-authenticated POST with Origin: https://evil.example, and changes nothing', async () => {
    const res = await admin
      .post('/api/v1/branches')
      .set('Origin', 'https://evil.example')
      .send(branchBody(regionId))
      .expect(403);
    expect((res.body as ProblemDetails).code).toBe('auth.cross_site_request');
    expect(await branchCount()).toBe(0);
  });

  it('refuses a write the browser marks as cross-site or same-site (Sec-Fetch-Site)', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await admin
        .post('/api/v1/branches')
        .set('Sec-Fetch-Site', site)
        .send(branchBody(regionId))
        .expect(403);
      expect((res.body as ProblemDetails).code).toBe('auth.cross_site_request');
    }
    const logout = await admin.post('/api/v1/auth/logout').set('Origin', 'https://evil.example').expect(403);
    expect((logout.body as ProblemDetails).code).toBe('auth.cross_site_request');
    await admin.get('/api/v1/auth/me').expect(200);
    expect(await branchCount()).toBe(0);
  });

  it('refuses a cross-site password sign-in (no login CSRF), before looking at the password', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/auth/password')
      .set('Origin', 'https://evil.example')
      .send({ email: 'someone@example.com', password: 'whatever' })
      .expect(403);
    expect((res.body as ProblemDetails).code).toBe('auth.cross_site_request');
  });

  it('still accepts an identity provider posting to the SAML endpoints from its own site', async () => {
    // No identity provider `nobody`: the request gets past the cross-site check and fails on the provider.
    const res = await request(t.app.getHttpServer())
      .post('/auth/saml/nobody/acs')
      .set('Origin', 'https://login.microsoftonline.com')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ SAMLResponse: 'x' });
    expect(res.status).not.toBe(403);
  });

  it('refuses an opaque Origin (null), as sandboxed frames and some redirects send', async () => {
    await admin.post('/api/v1/branches').set('Origin', 'null').send(branchBody(regionId)).expect(403);
  });

  it('lets same-origin writes through: Origin of PUBLIC_URL, or of the Host the request came to', async () => {
    await admin
      .post('/api/v1/branches')
      .set('Origin', 'https://brevet.example.com')
      .set('Sec-Fetch-Site', 'same-origin')
      .send(branchBody(regionId))
      .expect(201);
    await admin
      .post('/api/v1/branches')
      .set('Host', 'brevet.internal:8080')
      .set('Origin', 'http://brevet.internal:8080')
      .send(branchBody(regionId))
      .expect(201);
    // No Origin and no Sec-Fetch-Site: not a browser (curl, a script), so no ambient cookie risk.
    await admin.post('/api/v1/branches').send(branchBody(regionId)).expect(201);
    expect(await branchCount()).toBe(3);
  });

  it('leaves reads alone: a cross-site GET is answered (SameSite=Lax keeps cookies off cross-site requests)', async () => {
    await admin.get('/api/v1/auth/me').set('Origin', 'https://evil.example').expect(200);
  });
});
