import type { CreatedScimToken, ProblemDetails, ScimTokenSummary } from '@brevet/contracts';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { Clock } from '../common/clock';
import { ScimTokenEntity } from './scim.entity';
import { signInAs, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** Every SCIM endpoint, each of which must refuse a request without a current token. */
const ENDPOINTS: Array<[method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string]> = [
  ['get', '/scim/v2/Users'],
  ['post', '/scim/v2/Users'],
  ['get', '/scim/v2/Users/5c0d3a46-0000-4000-8000-000000000000'],
  ['put', '/scim/v2/Users/5c0d3a46-0000-4000-8000-000000000000'],
  ['patch', '/scim/v2/Users/5c0d3a46-0000-4000-8000-000000000000'],
  ['delete', '/scim/v2/Users/5c0d3a46-0000-4000-8000-000000000000'],
  ['get', '/scim/v2/Groups'],
  ['post', '/scim/v2/Groups'],
  ['get', '/scim/v2/Groups/5c0d3a46-0000-4000-8000-000000000000'],
  ['put', '/scim/v2/Groups/5c0d3a46-0000-4000-8000-000000000000'],
  ['patch', '/scim/v2/Groups/5c0d3a46-0000-4000-8000-000000000000'],
  ['delete', '/scim/v2/Groups/5c0d3a46-0000-4000-8000-000000000000'],
  ['get', '/scim/v2/ServiceProviderConfig'],
  ['get', '/scim/v2/ResourceTypes'],
  ['get', '/scim/v2/Schemas'],
];

function expectUnauthorized(res: request.Response): void {
  expect(res.status).toBe(401);
  expect(res.headers['content-type']).toContain('application/scim+json');
  expect(res.headers['www-authenticate']).toMatch(/^Bearer\b/);
  expect(res.body).toEqual({ schemas: [SCIM_ERROR], status: '401', detail: expect.any(String) });
}

describe('SCIM tokens and the /scim/v2 guard (security row A4)', () => {
  let t: TestApp;
  let http: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    jest.restoreAllMocks();
    await resetDatabase(t);
    http = await signInAsAdmin(t);
  });

  const createToken = async (name = 'Entra ID') =>
    (await http.post('/api/v1/scim/tokens').send({ name }).expect(201)).body as CreatedScimToken;
  const scim = (method: (typeof ENDPOINTS)[number][0], url: string, token?: string) => {
    const req = http[method](url).set('Content-Type', 'application/scim+json');
    return token === undefined ? req : req.set('Authorization', `Bearer ${token}`);
  };

  it.each(ENDPOINTS)('%s %s without a token: 401 with the SCIM error body', async (method, url) => {
    await createToken();
    expectUnauthorized(await scim(method, url).send({}));
  });

  it('answers 401 for a wrong token, a token in another scheme, and an empty bearer', async () => {
    const { token } = await createToken();
    const wrong = `brvt_scim_${randomBytes(32).toString('base64url')}`;
    expectUnauthorized(await scim('get', '/scim/v2/Users', wrong));
    expectUnauthorized(await scim('get', '/scim/v2/Users', `${token}x`));
    expectUnauthorized(await scim('get', '/scim/v2/Users', token.toUpperCase()));
    expectUnauthorized(await http.get('/scim/v2/Users').set('Authorization', `Basic ${token}`));
    expectUnauthorized(await http.get('/scim/v2/Users').set('Authorization', 'Bearer '));
    expectUnauthorized(await http.get('/scim/v2/Users').set('Authorization', token));
    // …while the right one works, in any case of the scheme.
    await http.get('/scim/v2/Users').set('Authorization', `bearer ${token}`).expect(200);
  });

  it('answers 401 for a revoked token from the next request on; other tokens keep working', async () => {
    const revoked = await createToken('old');
    const kept = await createToken('new');
    await scim('get', '/scim/v2/Users', revoked.token).expect(200);

    const res = await http.post(`/api/v1/scim/tokens/${revoked.id}/revoke`).expect(200);
    expect((res.body as ScimTokenSummary).revokedAt).toEqual(expect.any(String));

    expectUnauthorized(await scim('get', '/scim/v2/Users', revoked.token));
    expectUnauthorized(await scim('post', '/scim/v2/Users', revoked.token).send({ userName: 'x' }));
    await scim('get', '/scim/v2/Users', kept.token).expect(200);
    // Revoking again is harmless; an unknown token is 404 problem+json (the admin API's error shape).
    await http.post(`/api/v1/scim/tokens/${revoked.id}/revoke`).expect(200);
    const unknown = await http.post('/api/v1/scim/tokens/5c0d3a46-0000-4000-8000-000000000000/revoke');
    expect(unknown.status).toBe(404);
    expect((unknown.body as ProblemDetails).code).toBe('scim.token_not_found');
  });

  it('shows the token once and stores only its SHA-256 hash', async () => {
    const created = await createToken();
    expect(created.token).toMatch(/^brvt_scim_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 16));

    const rows: Array<Record<string, unknown>> = await t.dataSource.query('SELECT * FROM scim_token');
    expect(rows).toHaveLength(1);
    expect(rows[0]['token_hash']).toBe(createHash('sha256').update(created.token).digest('hex'));
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(created.token);
    expect(stored).not.toContain(created.token.slice(16));

    const list = (await http.get('/api/v1/scim/tokens').expect(200)).body as ScimTokenSummary[];
    expect(list).toEqual([
      {
        id: created.id,
        name: 'Entra ID',
        prefix: created.prefix,
        createdAt: created.createdAt,
        createdBy: { id: http.userId, displayName: 'Test HR admin' },
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(list)).not.toContain(created.token.slice(16));
  });

  it('names the account that created each token; tokens from before that was recorded name nobody', async () => {
    const mine = await createToken('Entra ID');
    expect(mine.createdBy).toEqual({ id: http.userId, displayName: 'Test HR admin' });
    const colleague = await signInAs(t, 'hr_admin', { displayName: 'Hanna Berger' });
    const theirs = (await colleague.post('/api/v1/scim/tokens').send({ name: 'Okta' }).expect(201))
      .body as CreatedScimToken;
    expect(theirs.createdBy).toEqual({ id: colleague.userId, displayName: 'Hanna Berger' });
    const [{ id: older }] = (await t.dataSource.query(
      `INSERT INTO scim_token (name, token_hash, prefix, created_at)
       VALUES ('Before', $1, 'brvt_scim_old000', now() - interval '1 day') RETURNING id`,
      [randomBytes(32).toString('hex')],
    )) as Array<{ id: string }>;

    const list = (await http.get('/api/v1/scim/tokens').expect(200)).body as ScimTokenSummary[];
    expect(list.map((token) => [token.id, token.createdBy])).toEqual([
      [theirs.id, { id: colleague.userId, displayName: 'Hanna Berger' }],
      [mine.id, { id: http.userId, displayName: 'Test HR admin' }],
      [older, null],
    ]);
    const revoked = (await http.post(`/api/v1/scim/tokens/${theirs.id}/revoke`).expect(200))
      .body as ScimTokenSummary;
    expect(revoked.createdBy).toEqual({ id: colleague.userId, displayName: 'Hanna Berger' });
  });

  it('records the last use at most once a minute', async () => {
    const { token, id } = await createToken();
    const clock = t.app.get(Clock);
    const start = new Date('2026-12-01T08:00:00Z');
    const at = (ms: number) => jest.spyOn(clock, 'now').mockReturnValue(new Date(start.getTime() + ms));
    const lastUsed = async () =>
      (await t.dataSource.getRepository(ScimTokenEntity).findOneByOrFail({ id })).lastUsedAt?.toISOString();

    at(0);
    await scim('get', '/scim/v2/Users', token).expect(200);
    expect(await lastUsed()).toBe(start.toISOString());
    at(30_000);
    await scim('get', '/scim/v2/Users', token).expect(200);
    expect(await lastUsed()).toBe(start.toISOString());
    at(61_000);
    await scim('get', '/scim/v2/Users', token).expect(200);
    expect(await lastUsed()).toBe(new Date(start.getTime() + 61_000).toISOString());
  });

  it('validates token names', async () => {
    const res = await http.post('/api/v1/scim/tokens').send({ name: '  ' }).expect(400);
    expect((res.body as ProblemDetails).errors?.map((e) => e.field)).toEqual(['name']);
  });
});

describe('SCIM discovery and errors', () => {
  let t: TestApp;
  let http: SignedInAgent;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    token = ((await http.post('/api/v1/scim/tokens').send({ name: 'x' })).body as CreatedScimToken).token;
  });
  afterAll(() => t.close());

  const get = (url: string) => http.get(url).set('Authorization', `Bearer ${token}`);

  it('advertises PATCH and filter, but neither bulk, password change, sort nor ETags', async () => {
    const res = await get('/scim/v2/ServiceProviderConfig').expect(200);
    expect(res.headers['content-type']).toContain('application/scim+json');
    expect(res.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
      bulk: { supported: false },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
  });

  it('lists resource types and schemas, and serves each by id', async () => {
    const types = (await get('/scim/v2/ResourceTypes').expect(200)).body as { Resources: object[] };
    expect(types.Resources).toEqual([
      expect.objectContaining({ id: 'User', endpoint: '/Users' }),
      expect.objectContaining({ id: 'Group', endpoint: '/Groups' }),
    ]);
    await get('/scim/v2/ResourceTypes/Group').expect(200);
    const schemas = (await get('/scim/v2/Schemas').expect(200)).body as { totalResults: number };
    expect(schemas.totalResults).toBe(3);
    const enterprise = await get(
      '/scim/v2/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ).expect(200);
    expect(enterprise.body.attributes).toContainEqual(
      expect.objectContaining({ name: 'employeeNumber', type: 'string' }),
    );
    const missing = await get('/scim/v2/Schemas/urn:nope').expect(404);
    expect(missing.body).toMatchObject({ schemas: [SCIM_ERROR], status: '404' });
  });

  it('answers every error under /scim/v2 in the SCIM error schema, and the rest of the API in problem+json', async () => {
    const unknownRoute = await get('/scim/v2/Nothing').expect(404);
    expect(unknownRoute.headers['content-type']).toContain('application/scim+json');
    expect(unknownRoute.body).toEqual({ schemas: [SCIM_ERROR], status: '404', detail: expect.any(String) });

    const badJson = await http
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/scim+json')
      .send('{"userName": ');
    expect(badJson.status).toBe(400);
    expect(badJson.body).toMatchObject({ schemas: [SCIM_ERROR], status: '400', scimType: 'invalidSyntax' });

    const api = await http.get('/api/v1/branches/5c0d3a46-0000-4000-8000-000000000000').expect(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    // The SCIM routes are not under the API prefix.
    await http.get('/api/scim/v2/Users').set('Authorization', `Bearer ${token}`).expect(404);
  });
});

describe('SCIM next to the admin UI', () => {
  it('is not swallowed by the index.html fallback of client-side routes', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-admin-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Brevet</title>');
    const t = await createTestApp({ ADMIN_DIST_DIR: dist });
    try {
      const http = request(t.app.getHttpServer());
      await http.get('/some/client/route').expect(200).expect('Content-Type', /html/);
      const res = await http.get('/scim/v2/Users');
      expectUnauthorized(res);
    } finally {
      await t.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('SCIM token in the logs', () => {
  it('never appears in the request log, whether accepted or refused', async () => {
    const captured: string[] = [];
    const realWrite = fs.write;
    const realWriteSync = fs.writeSync;
    // pino writes through sonic-boom straight to file descriptor 1…
    jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd !== 1) return (realWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
      captured.push(String(data));
      return Buffer.byteLength(String(data));
    }) as typeof fs.writeSync);
    jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd !== 1) return (realWrite as (...a: unknown[]) => void)(fd, data, ...rest);
      captured.push(String(data));
      (rest[rest.length - 1] as (error: null, written: number) => void)(
        null,
        Buffer.byteLength(String(data)),
      );
    }) as typeof fs.write);

    // …or through process.stdout, when pino finds it wrapped (as test runners do).
    jest.spyOn(process.stdout, 'write').mockImplementation((data: unknown) => {
      captured.push(String(data));
      return true;
    });

    const t = await createTestApp({ LOG_LEVEL: 'info' });
    try {
      await resetDatabase(t);
      const http = await signInAsAdmin(t);
      const { token } = (await http.post('/api/v1/scim/tokens').send({ name: 'x' })).body as CreatedScimToken;
      await http
        .get('/scim/v2/Users?filter=userName%20eq%20%22nobody%22')
        .set('Authorization', `Bearer ${token}`);
      await http.get('/scim/v2/Users').set('Authorization', `Bearer ${token}broken`);
      await http.get('/scim/v2/Users').set('Authorization', `Basic ${token}`);
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await t.close();
      jest.restoreAllMocks();
    }
    const log = captured.join('');
    // The capture works: the requests were logged, with the header redacted…
    expect(log).toContain('/scim/v2/Users');
    expect(log).toContain('"authorization":"[Redacted]"');
    // …and the secret part of the token is nowhere.
    const secret = /brvt_scim_([A-Za-z0-9_-]{43})/;
    expect(log).not.toMatch(secret);
  });
});
