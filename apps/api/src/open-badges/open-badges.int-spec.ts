import type {
  CredentialInput,
  IssuedCredential,
  SigningKeyInfo,
  VerificationResult,
} from '@brevet/contracts';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClsService } from 'nestjs-cls';
import request from 'supertest';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { verifyJws } from './jws.util';
import { isOpenBadgesPublicUrl } from './open-badges.routes';
import {
  PUBLIC_CREDENTIAL_SOURCE,
  REVOKED_INDEX_SOURCE,
  type PublicCredentialSource,
  type RevokedIndexSource,
} from './open-badges.ports';
import { RevocationListService } from './revocation-list.service';
import { SIGNING_KEYS_SETTING } from './signing-key.repository';
import { SigningKeysService } from './signing-keys.service';
import type { PublicJwk } from './signing-key.util';
import { bitAt, decodeBitstring } from './status-list.util';
import { credentialInput } from './testing/credential-input.fixture';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

// No KEY_ENCRYPTION_SECRET: like every other test app, these use the generated DATA_DIR/secret.key, so
// that a key left in the run's database by one suite opens in the next.
const PUBLIC_URL = 'https://brevet.test';
const AWARD = '2f1c7d2e-5b8a-4c3d-9e10-4a2b6c8d0e11';
const OTHER = 'd7a1b0c4-2e3f-4a5b-8c6d-7e8f9a0b1c2d';

/**
 * The awards module's side of the two ports, faked in memory (there are no award tables yet). Everything
 * else is real: keys in PostgreSQL, signatures, the signed status list, HTTP.
 */
class FakeAwards implements PublicCredentialSource, RevokedIndexSource {
  readonly awards = new Map<string, CredentialInput>();
  readonly revoked = new Set<number>();
  findForVerification(awardId: string): Promise<CredentialInput | null> {
    return Promise.resolve(this.awards.get(awardId) ?? null);
  }
  revokedIndices(): Promise<number[]> {
    return Promise.resolve([...this.revoked]);
  }
}

async function withFakes(t: TestApp): Promise<FakeAwards> {
  const fake = new FakeAwards();
  const source = t.app.get<PublicCredentialSource>(PUBLIC_CREDENTIAL_SOURCE, { strict: false });
  const revoked = t.app.get<RevokedIndexSource>(REVOKED_INDEX_SOURCE, { strict: false });
  jest.spyOn(source, 'findForVerification').mockImplementation((id) => fake.findForVerification(id));
  jest.spyOn(revoked, 'revokedIndices').mockImplementation(() => fake.revokedIndices());
  return fake;
}

describe('Open Badges over HTTP (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;
  let fake: FakeAwards;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL, ISSUER_NAME: 'Nordwind Logistik' });
    http = await signInAsAdmin(t);
    fake = await withFakes(t);
  });
  afterAll(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    await t.close();
  });
  beforeEach(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    t.app.get(RevocationListService).invalidate();
    fake.awards.clear();
    fake.revoked.clear();
    fake.awards.set(AWARD, credentialInput({ awardId: AWARD }));
  });

  const keysRow = async (): Promise<Array<Record<string, unknown>>> =>
    (
      (await t.dataSource.query('SELECT value FROM app_setting WHERE key = $1', [
        SIGNING_KEYS_SETTING,
      ])) as Array<{
        value: Array<Record<string, unknown>>;
      }>
    )[0]?.value ?? [];

  const credentialFor = async (awardId = AWARD): Promise<IssuedCredential> =>
    (await http.get(`/api/v1/open-badges/credentials/${awardId}`).expect(200)).body as IssuedCredential;

  const verify = async (credential: unknown): Promise<VerificationResult> =>
    (await http.post('/api/v1/verify').send({ credential }).expect(200)).body as VerificationResult;

  describe('keys', () => {
    it('creates one encrypted Ed25519 key on first use and publishes only its public part', async () => {
      expect(await keysRow()).toEqual([]);
      const jwks = (await http.get('/issuer/jwks').expect(200)).body as { keys: PublicJwk[] };
      expect(jwks.keys).toEqual([]);
      await credentialFor();
      const stored = await keysRow();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        alg: 'EdDSA',
        retiredAt: null,
        encryptedPrivateKey: expect.stringMatching(/^v1\./),
      });
      const published = ((await http.get('/issuer/jwks').expect(200)).body as { keys: PublicJwk[] }).keys;
      expect(published).toEqual([
        {
          kty: 'OKP',
          crv: 'Ed25519',
          x: expect.any(String),
          alg: 'EdDSA',
          use: 'sig',
          kid: `${PUBLIC_URL}/issuer/keys/${String(stored[0]['id'])}`,
        },
      ]);
      expect(JSON.stringify(published)).not.toContain('"d"');
      const one = await http.get(`/issuer/keys/${String(stored[0]['id'])}`).expect(200);
      expect(one.body).toEqual(published[0]);
      await http.get('/issuer/keys/nope').expect(404);
    });

    it('creates the key at start-up of the API process', async () => {
      const other = await createTestApp({ PUBLIC_URL });
      try {
        expect(await keysRow()).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    it('creates exactly one active key when several processes start at once', async () => {
      const others = await Promise.all([1, 2, 3].map(() => createTestApp({ PUBLIC_URL }, 'worker')));
      try {
        await resetDatabase(t);
        http = await signInAsAdmin(t);
        const all = [t, ...others];
        await Promise.all(
          all.map((app) =>
            app.app.get(ClsService).run(() => app.app.get(SigningKeysService).ensureActiveKey()),
          ),
        );
        const stored = await keysRow();
        expect(stored).toHaveLength(1);
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
    });

    it('rotates: a new active key signs, the old one stays published, and old credentials still verify', async () => {
      const before = await credentialFor();
      const rotated = (await http.post('/api/v1/open-badges/keys/rotate').expect(200))
        .body as SigningKeyInfo[];
      expect(rotated).toHaveLength(2);
      expect(rotated.filter((k) => k.retiredAt === null)).toHaveLength(1);
      const after = await credentialFor();
      const kidOf = (jwt: string) =>
        (JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString()) as { kid: string }).kid;
      expect(kidOf(after.jwt)).not.toBe(kidOf(before.jwt));
      expect(kidOf(after.jwt)).toBe(rotated.find((k) => k.retiredAt === null)?.kid);
      const jwks = ((await http.get('/issuer/jwks').expect(200)).body as { keys: PublicJwk[] }).keys.map(
        (k) => k.kid,
      );
      expect(jwks).toEqual(expect.arrayContaining([kidOf(before.jwt), kidOf(after.jwt)]));
      expect((await verify(before.jwt)).status).toBe('valid');
      expect((await verify(after.jwt)).status).toBe('valid');
      expect((await http.get('/api/v1/open-badges/keys').expect(200)).body as SigningKeyInfo[]).toEqual(
        rotated,
      );
    });

    it('refuses to start with a secret that does not open the stored key', async () => {
      await credentialFor();
      await expect(
        createTestApp({ KEY_ENCRYPTION_SECRET: 'a-completely-different-secret-0123456789xyz', PUBLIC_URL }),
      ).rejects.toThrow(/KEY_ENCRYPTION_SECRET/);
    });

    it('without KEY_ENCRYPTION_SECRET, generates DATA_DIR/secret.key with mode 0600 once and reuses it', async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-ob-'));
      try {
        const first = await createTestApp({ DATA_DIR: dataDir, PUBLIC_URL, KEY_ENCRYPTION_SECRET: '' });
        await first.close();
        const file = path.join(dataDir, 'secret.key');
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        const secret = fs.readFileSync(file, 'utf8');
        expect(secret.trim().length).toBeGreaterThanOrEqual(32);
        const second = await createTestApp({ DATA_DIR: dataDir, PUBLIC_URL, KEY_ENCRYPTION_SECRET: '' });
        await second.close();
        expect(fs.readFileSync(file, 'utf8')).toBe(secret);
      } finally {
        // The key it created is encrypted with that directory's secret: leave none behind.
        await resetDatabase(t);
        http = await signInAsAdmin(t);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe('issuer profile', () => {
    it('publishes the issuer as an OB 3.0 Profile with its keys', async () => {
      await credentialFor();
      const res = await http.get('/issuer').expect(200);
      expect(res.body).toMatchObject({
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        id: `${PUBLIC_URL}/issuer`,
        type: ['Profile'],
        name: 'Nordwind Logistik',
        jwksUri: `${PUBLIC_URL}/issuer/jwks`,
        verificationMethod: [
          { type: 'JsonWebKey', controller: `${PUBLIC_URL}/issuer`, publicKeyJwk: { kty: 'OKP' } },
        ],
      });
      // Outside the /api prefix, and not also inside it.
      await http.get('/api/issuer').expect(404);
    });
  });

  describe('credentials and verification', () => {
    it('issues the award as a VC-JWT that verifies, and a tampered copy that does not', async () => {
      const issued = await credentialFor();
      expect(issued).toMatchObject({
        awardId: AWARD,
        verifyUrl: `${PUBLIC_URL}/verify/${AWARD}`,
        credential: { id: `urn:uuid:${AWARD}`, issuer: { id: `${PUBLIC_URL}/issuer` } },
      });
      expect(new URL(issued.linkedInUrl).searchParams.get('certUrl')).toBe(issued.verifyUrl);
      const good = await verify(issued.jwt);
      expect(good).toMatchObject({ valid: true, status: 'valid' });
      const [h, p, s] = issued.jwt.split('.');
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as {
        credentialSubject: { achievement: { name: string } };
      };
      payload.credentialSubject.achievement.name = 'Crane operation';
      const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
      const bad = await verify(forged);
      expect(bad).toMatchObject({ valid: false, status: 'invalid', checks: { signature: 'failed' } });
      const flipped = issued.jwt.slice(0, 40) + (issued.jwt[40] === 'A' ? 'B' : 'A') + issued.jwt.slice(41);
      expect((await verify(flipped)).valid).toBe(false);
    });

    it('reports revoked once the award is revoked (after invalidation at once, otherwise within seconds)', async () => {
      const issued = await credentialFor();
      expect((await verify(issued.jwt)).status).toBe('valid');
      fake.revoked.add(94_567);
      t.app.get(RevocationListService).invalidate();
      const revoked = await verify(issued.jwt);
      expect(revoked).toMatchObject({
        valid: false,
        status: 'revoked',
        checks: { signature: 'ok', revocation: 'failed' },
      });
      const page = await http.get(`/verify/${AWARD}`).set('Accept-Language', 'en').expect(200);
      expect(page.text).toContain('Revoked');
    });

    it('serves the signed revocation list, which decodes to the revoked set', async () => {
      fake.revoked.add(3).add(94_567);
      const res = await http.get('/status/revocation/1').expect(200);
      expect(res.headers['content-type']).toContain('application/vc+jwt');
      expect(res.headers['cache-control']).toBe('public, max-age=5');
      const jwks = ((await http.get('/issuer/jwks').expect(200)).body as { keys: PublicJwk[] }).keys;
      const list = verifyJws(res.text, jwks);
      if (!list.ok) throw new Error(`status list does not verify: ${list.reason}`);
      expect(list.payload).toMatchObject({
        id: `${PUBLIC_URL}/status/revocation/1`,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: `${PUBLIC_URL}/issuer`,
        credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
      });
      const bits = decodeBitstring(
        (list.payload['credentialSubject'] as { encodedList: string }).encodedList,
      );
      expect(bits.length).toBe(16_384);
      const set = [0, 1, 2, 3, 4, 94_566, 94_567, 94_568].filter((i) => bitAt(bits, i) === 1);
      expect(set).toEqual([3, 94_567]);
      const json = await http.get('/status/revocation/1').set('Accept', 'application/json').expect(200);
      expect(json.body).toEqual({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: `data:application/vc+jwt,${res.text}`,
        type: 'EnvelopedVerifiableCredential',
      });
    });

    it('reflects a revocation in the published list within the cache time without invalidation', async () => {
      const first = (await http.get('/status/revocation/1').expect(200)).text;
      fake.revoked.add(7);
      const deadline = Date.now() + 8_000;
      let bit = 0;
      while (Date.now() < deadline && bit === 0) {
        const jwt = (await http.get('/status/revocation/1').expect(200)).text;
        const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as {
          credentialSubject: { encodedList: string };
        };
        bit = bitAt(decodeBitstring(payload.credentialSubject.encodedList), 7);
        if (bit === 0) {
          expect(jwt).toBe(first); // served from the cache meanwhile
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      expect(bit).toBe(1);
    });

    it('reports expired for an award past its last valid day', async () => {
      fake.awards.set(
        OTHER,
        credentialInput({ awardId: OTHER, issuedOn: '2020-01-10', validUntil: '2021-01-09' }),
      );
      const issued = await credentialFor(OTHER);
      expect(await verify(issued.jwt)).toMatchObject({
        valid: false,
        status: 'expired',
        checks: { signature: 'ok' },
      });
      const json = await http.get(`/api/v1/open-badges/credentials/${OTHER}/verification`).expect(200);
      expect((json.body as VerificationResult).status).toBe('expired');
    });

    it('answers problem+json for bad requests and unknown awards', async () => {
      const res = await http.post('/api/v1/verify').send({}).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      await http.post('/api/v1/verify').send({ credential: 42 }).expect(400);
      expect((await verify('not-a-jwt')).status).toBe('invalid');
      await http.get(`/api/v1/open-badges/credentials/${OTHER}`).expect(404);
      await http.get('/api/v1/open-badges/credentials/not-a-uuid').expect(404);
    });
  });

  describe('public verification page', () => {
    it('shows the certificate in German for a German browser, with status, dates, issuer and EU elements', async () => {
      const res = await http
        .get(`/verify/${AWARD}`)
        .set('Accept-Language', 'de-DE,de;q=0.9,en;q=0.5')
        .expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-language']).toBe('de');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-security-policy']).toContain("style-src 'self'");
      expect(res.text).toContain('<html lang="de">');
      expect(res.text).toContain('Gültig');
      expect(res.text).toContain('Łukasz Wróbel-Jößl');
      expect(res.text).toContain('Gabelstaplerführung, Klasse B');
      expect(res.text).toContain('Nordwind Logistik');
      expect(res.text).toContain('12. März 2026');
      expect(res.text).toContain('31. März 2028');
      expect(res.text).toContain('ECTS-Punkte');
      expect(res.text).toContain(`/verify/${AWARD}?format=json`);
      expect(res.text).not.toMatch(/<script|style=/i);
      // The machine-readable result is public like the page; no session needed.
      const json = await request(t.app.getHttpServer()).get(`/verify/${AWARD}?format=json`).expect(200);
      expect(json.body).toMatchObject({ status: expect.any(String) });
    });

    it('shows it in English otherwise, and escapes what it shows', async () => {
      const input = credentialInput({ awardId: AWARD });
      input.recipient.name = '<b>Anna</b> & Co';
      fake.awards.set(AWARD, input);
      const res = await http.get(`/verify/${AWARD}`).set('Accept-Language', 'en-GB').expect(200);
      expect(res.text).toContain('<html lang="en">');
      expect(res.text).toContain('Valid');
      expect(res.text).toContain('Forklift operation, category B');
      expect(res.text).toContain('12 March 2026');
      expect(res.text).toContain('&lt;b&gt;Anna&lt;/b&gt; &amp; Co');
      const de = await http.get(`/verify/${AWARD}?lang=de`).set('Accept-Language', 'en').expect(200);
      expect(de.text).toContain('Gültig bis');
    });

    it('shows expired and not found plainly', async () => {
      fake.awards.set(
        OTHER,
        credentialInput({ awardId: OTHER, issuedOn: '2020-01-10', validUntil: '2021-01-09' }),
      );
      expect((await http.get(`/verify/${OTHER}`).set('Accept-Language', 'de').expect(200)).text).toContain(
        'Abgelaufen',
      );
      const missing = await http.get(`/verify/${'0'.repeat(8)}-0000-4000-8000-000000000000`).expect(404);
      expect(missing.text).toContain('Certificate not found');
      await http.get('/verify/garbage').expect(404);
    });

    it('serves its stylesheet', async () => {
      const css = await http.get('/verify/verify.css').expect(200);
      expect(css.headers['content-type']).toContain('text/css');
      expect(css.text).toContain('.status-valid');
    });
  });
});

describe('public routes next to the admin UI', () => {
  it('are not swallowed by the admin UI fallback', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-admin-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>admin</title>');
    const t = await createTestApp({ PUBLIC_URL, ADMIN_DIST_DIR: dist });
    try {
      const http = request(t.app.getHttpServer());
      expect((await http.get('/issuer').expect(200)).body).toMatchObject({ type: ['Profile'] });
      expect((await http.get('/issuer/jwks').expect(200)).body).toHaveProperty('keys');
      expect((await http.get('/status/revocation/1').expect(200)).headers['content-type']).toContain(
        'application/vc+jwt',
      );
      expect((await http.get(`/verify/${AWARD}`).expect(404)).text).toContain('Certificate not found');
      expect((await http.get('/branches').expect(200)).text).toContain('<title>admin</title>');
    } finally {
      await t.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('recognises exactly the public paths', () => {
    expect(
      ['/issuer', '/issuer/jwks', '/issuer/keys/abc', '/status/revocation/1', `/verify/${AWARD}`].every(
        isOpenBadgesPublicUrl,
      ),
    ).toBe(true);
    expect(
      ['/issuers', '/verify', '/verify/a/b', '/status', '/api/v1/verify', '/branches'].some(
        isOpenBadgesPublicUrl,
      ),
    ).toBe(false);
  });
});
