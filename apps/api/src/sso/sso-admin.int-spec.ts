// The admin API of identity providers: metadata import (XML in the body, an uploaded file, a URL served by a
// local HTTP server), settings with optimistic locking, signing certificates, key rotation steps, deletion,
// and who may use it.
import type { IdentityProvider } from '@brevet/contracts';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { signInAs, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { attackerKeyPair } from '../../test/saml/test-idp';
import { SAML_BINDINGS } from './saml-metadata.util';
import {
  configureIdp,
  newTestIdp,
  postAcs,
  PUBLIC_URL,
  sessionCookie,
  startLogin,
  validResponse,
} from './testing/saml-sp-harness';

jest.setTimeout(60_000);

const BASE = '/api/v1/sso/identity-providers';
let t: TestApp;
let admin: SignedInAgent;
let server: http.Server;
let serverUrl: string;
const served: Record<string, { status: number; body: string; headers?: Record<string, string> }> = {};

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL });
  await resetDatabase(t);
  admin = await signInAsAdmin(t);
  server = http.createServer((req, res) => {
    const answer = served[req.url ?? ''] ?? { status: 404, body: 'not here' };
    res.writeHead(answer.status, answer.headers ?? { 'Content-Type': 'application/samlmetadata+xml' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

beforeEach(async () => {
  await t.dataSource.query(`DELETE FROM shared_state_entry WHERE key LIKE 'rl:%'`);
});

describe('who may manage identity providers', () => {
  it('needs sso.manage: 401 without a session, 403 for a manager', async () => {
    await request(t.app.getHttpServer()).get(BASE).expect(401);
    const auditor = await signInAs(t, 'auditor');
    await auditor.get(BASE).expect(403);
    await auditor.post(`${BASE}/metadata-preview`).send({ metadataXml: '<x/>' }).expect(403);
  });
});

describe('metadata import', () => {
  it('reads entity ID, HTTP-Redirect SSO (preferred over POST), SLO and every signing certificate', async () => {
    const idp = newTestIdp('md');
    idp.rotate();
    const xml = idp
      .metadata({ ssoUrl: 'https://md.idp.test/sso/redirect', sloUrl: 'https://md.idp.test/slo' })
      .replace(
        '<md:SingleSignOnService',
        `<md:SingleSignOnService Binding="${SAML_BINDINGS.post}" Location="https://md.idp.test/sso/post"/><md:SingleSignOnService`,
      );
    const res = await admin.post(`${BASE}/metadata-preview`).send({ metadataXml: xml }).expect(200);
    expect(res.body).toMatchObject({
      entityId: idp.entityId,
      ssoUrl: 'https://md.idp.test/sso/redirect',
      sloUrl: 'https://md.idp.test/slo',
      warnings: [],
    });
    expect(res.body.signingCertificates).toHaveLength(2);
    expect(res.body.signingCertificates[0].pem).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('creates an identity provider from metadata XML, switched off, with keys of its own', async () => {
    const idp = newTestIdp('from-xml');
    const res = await admin
      .post(BASE)
      .send({
        slug: 'from-xml',
        displayName: 'From XML',
        metadataXml: idp.metadata({ ssoUrl: 'https://x.test/sso' }),
      })
      .expect(201);
    const created = res.body as IdentityProvider;
    expect(created).toMatchObject({
      slug: 'from-xml',
      enabled: false,
      entityId: idp.entityId,
      ssoUrl: 'https://x.test/sso',
      sloUrl: null,
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      linkStaffBy: 'employeeNumber',
      version: 1,
    });
    expect(created.spKeys.current.signing.fingerprint).not.toBe(
      created.spKeys.current.encryption.fingerprint,
    );
    expect(JSON.stringify(created)).not.toMatch(/PRIVATE KEY|encryptedPrivateKey/);
    const stored = (await t.dataSource.query(
      `SELECT sp_keys::text AS keys FROM identity_provider WHERE id = $1`,
      [created.id],
    )) as Array<{ keys: string }>;
    expect(stored[0].keys).not.toContain('PRIVATE KEY');
    expect(stored[0].keys).toMatch(/"encryptedPrivateKey": ?"v1\./);

    await admin
      .post(BASE)
      .send({
        slug: 'from-xml',
        displayName: 'Again',
        metadataXml: idp.metadata({ ssoUrl: 'https://x.test/sso' }),
      })
      .expect(409);
  });

  it('creates one from an uploaded metadata file', async () => {
    const idp = newTestIdp('upload');
    const res = await admin
      .post(`${BASE}/upload`)
      .field('slug', 'uploaded')
      .field('displayName', 'Uploaded')
      .attach('file', Buffer.from(idp.metadata({ ssoUrl: 'https://u.test/sso' })), 'metadata.xml')
      .expect(201);
    expect(res.body).toMatchObject({ slug: 'uploaded', entityId: idp.entityId });
    const bad = await admin
      .post(`${BASE}/upload`)
      .field('slug', 'Bad Slug')
      .field('displayName', 'x')
      .attach('file', Buffer.from('<x/>'), 'metadata.xml')
      .expect(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ field: 'slug' }));
  });

  it('fetches metadata from a URL (http allowed for localhost only)', async () => {
    const idp = newTestIdp('from-url');
    served['/metadata.xml'] = { status: 200, body: idp.metadata({ ssoUrl: 'https://url.test/sso' }) };
    const res = await admin
      .post(BASE)
      .send({ slug: 'from-url', displayName: 'From URL', metadataUrl: `${serverUrl}/metadata.xml` })
      .expect(201);
    expect(res.body.entityId).toBe(idp.entityId);
  });

  it.each([
    [
      'a plain http URL',
      () => 'http://idp.example.com/metadata',
      'the metadata URL must start with https://',
    ],
    ['a URL answering 404', () => `${serverUrl}/missing`, 'the server answered HTTP 404'],
    ['a document over 1 MB', () => `${serverUrl}/huge`, 'the metadata is larger than 1 MB'],
    ['a redirect to plain http', () => `${serverUrl}/redirect`, 'the metadata URL must start with https://'],
    [
      'a server that cannot be reached',
      () => 'https://127.0.0.1:1/metadata',
      'the server cannot be reached (127.0.0.1:1)',
    ],
  ])('refuses %s with a clear message', async (_label, url, message) => {
    served['/huge'] = {
      status: 200,
      body: `<md:EntityDescriptor>${' '.repeat(1_100_000)}</md:EntityDescriptor>`,
    };
    served['/redirect'] = { status: 302, body: '', headers: { Location: 'http://idp.example.com/metadata' } };
    const res = await admin.post(`${BASE}/metadata-preview`).send({ metadataUrl: url() }).expect(400);
    expect(res.body.code).toBe('sso.metadata_unreachable');
    expect(res.body.errors).toEqual([{ field: 'metadataUrl', message }]);
  });

  it.each([
    [
      'a DOCTYPE',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      'the metadata contains a DOCTYPE, which Brevet refuses for security reasons',
    ],
    [
      'text that is not XML',
      'this is not xml <',
      'the metadata is not well-formed XML (is it the metadata file?)',
    ],
    [
      'XML that is not metadata',
      '<html><body>login</body></html>',
      'this is not SAML 2.0 metadata (no md:EntityDescriptor)',
    ],
    [
      'metadata of a service provider',
      '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>',
      'the metadata describes no identity provider (IDPSSODescriptor)',
    ],
  ])('refuses %s with a clear message', async (_label, metadataXml, message) => {
    const res = await admin.post(`${BASE}/metadata-preview`).send({ metadataXml }).expect(400);
    expect(res.body.code).toBe('sso.metadata_invalid');
    expect(res.body.errors).toEqual([{ field: 'metadataXml', message }]);
  });

  it('wants exactly one of metadataXml and metadataUrl', async () => {
    await admin.post(`${BASE}/metadata-preview`).send({}).expect(400);
    await admin
      .post(`${BASE}/metadata-preview`)
      .send({ metadataXml: '<x/>', metadataUrl: 'https://x.test' })
      .expect(400);
  });
});

describe('settings, certificates, keys and deletion', () => {
  let idp: ReturnType<typeof newTestIdp>;
  let config: IdentityProvider;

  beforeAll(async () => {
    idp = newTestIdp('settings');
    config = await configureIdp(admin, idp, 'settings');
  });

  it('refuses a change based on an old version (409) and invalid settings (400)', async () => {
    const current = (await admin.get(`${BASE}/${config.id}`).expect(200)).body as IdentityProvider;
    await admin
      .patch(`${BASE}/${config.id}`)
      .send({ version: current.version, displayName: 'Renamed' })
      .expect(200);
    const stale = await admin
      .patch(`${BASE}/${config.id}`)
      .send({ version: current.version, displayName: 'Lost update' })
      .expect(409);
    expect(stale.body.code).toBe('version_conflict');
    const now = (await admin.get(`${BASE}/${config.id}`).expect(200)).body as IdentityProvider;
    expect(now.displayName).toBe('Renamed');
    await admin
      .patch(`${BASE}/${config.id}`)
      .send({ version: now.version, ssoUrl: 'http://plain.test/sso' })
      .expect(400);
    await admin
      .patch(`${BASE}/${config.id}`)
      .send({ version: now.version, groupRoleRules: [{ group: 'g', role: 'employee' }] })
      .expect(400);
    await admin
      .patch(`${BASE}/${config.id}`)
      .send({
        version: now.version,
        groupRoleRules: [{ group: 'g', role: 'branch_manager', branchCodes: ['DE HAM'] }],
      })
      .expect(400);
  });

  it('adds and removes signing certificates, but never the last one', async () => {
    await admin
      .post(`${BASE}/${config.id}/signing-certificates`)
      .send({ pem: `-----BEGIN CERTIFICATE-----\n${'A'.repeat(200)}\n-----END CERTIFICATE-----` })
      .expect(400);
    await admin
      .post(`${BASE}/${config.id}/signing-certificates`)
      .send({ pem: attackerKeyPair().privateKeyPem })
      .expect(400);
    const only = (await admin.get(`${BASE}/${config.id}`).expect(200)).body as IdentityProvider;
    expect(only.signingCertificates).toHaveLength(1);
    const res = await admin
      .delete(`${BASE}/${config.id}/signing-certificates/${only.signingCertificates[0].fingerprint}`)
      .expect(409);
    expect(res.body.code).toBe('sso.last_certificate');
  });

  it('refuses rotation steps out of order', async () => {
    expect((await admin.post(`${BASE}/${config.id}/sp-keys/promote`).expect(409)).body.code).toBe(
      'sso.key_rotation_step',
    );
    await admin.delete(`${BASE}/${config.id}/sp-keys/previous`).expect(409);
  });

  it('answers 404 for the last assertion before any sign-in, and for unknown IDs', async () => {
    await admin.get(`${BASE}/${config.id}/last-assertion`).expect(404);
    await admin.get(`${BASE}/00000000-0000-4000-8000-000000000000`).expect(404);
    await admin.get(`${BASE}/not-a-uuid`).expect(404);
  });

  it('deletes the identity provider with its accounts, ending their sessions', async () => {
    const login = await startLogin(t, 'settings');
    const res = await postAcs(t, 'settings', (await validResponse(idp, 'settings', login.requestId)).base64);
    expect(res.status).toBe(303);
    const cookie = sessionCookie(res) ?? '';
    await request(t.app.getHttpServer()).get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
    await admin.delete(`${BASE}/${config.id}`).expect(204);
    await request(t.app.getHttpServer()).get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
    const users = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM user_account WHERE identity_provider_id = $1`,
      [config.id],
    )) as Array<{ n: number }>;
    expect(users[0].n).toBe(0);
    await request(t.app.getHttpServer())
      .get('/auth/saml/settings/metadata')
      .set('Accept', 'application/json')
      .expect(404);
  });
});
