import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { createPublicKey, X509Certificate } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { makeBranch, makeRegion } from '../../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../../test/support/test-app';
import { TEST_KEY_ENCRYPTION_SECRET } from '../../../test/support/test-env';
import {
  deriveKey,
  KeyDecryptionError,
  unsealPrivateKey,
  type StoredSigningKey,
} from '../../open-badges/signing-key.util';
import { DemoSeedService } from '../../seed/demo-seed.service';
import { StaffEntity } from '../../staff/staff.entity';
import { DEMO_IDP_KEY_SETTING, DemoIdpService } from './demo-idp.service';
import { encodeRedirectMessage, parseAuthnRequest } from './saml-idp.util';

const PUBLIC_URL = 'https://brevet.example.test';
const ACS = `${PUBLIC_URL}/auth/saml/demo/acs`;
const SP_ENTITY = `${PUBLIC_URL}/auth/saml/demo/metadata`;

/** The real application with the demo identity provider switched on or off. */
function createDemoIdpApp(env: Record<string, string>): Promise<TestApp> {
  return createTestApp({ PUBLIC_URL, ...env });
}

/** The SP side, as Brevet will configure node-saml for the `demo` identity provider. */
function serviceProvider(certificatePem: string): SAML {
  return new SAML({
    entryPoint: `${PUBLIC_URL}/auth/demo-idp/sso`,
    callbackUrl: ACS,
    issuer: SP_ENTITY,
    audience: SP_ENTITY,
    idpCert: certificatePem,
    idpIssuer: `${PUBLIC_URL}/auth/demo-idp`,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
    acceptedClockSkewMs: 60_000,
  });
}

function hiddenValue(html: string, name: string): string | undefined {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`)
    .exec(html)?.[1]
    ?.replace(/&amp;/g, '&');
}

async function addStaff(
  ds: DataSource,
  branchId: string,
  employeeNumber: string,
  name: [string, string],
  extra: Partial<StaffEntity> = {},
): Promise<StaffEntity> {
  const repo = ds.getRepository(StaffEntity);
  return repo.save(
    repo.create({
      employeeNumber,
      givenName: name[0],
      familyName: name[1],
      email: `${name[0].toLowerCase()}.${name[1].toLowerCase()}@nordwind.example`,
      branchId,
      managerId: null,
      hireDate: '2020-01-01',
      ...extra,
    }),
  );
}

describe('demo identity provider (real PostgreSQL)', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    t = await createDemoIdpApp({ DEMO_IDP: 'true' });
    http = request(t.app.getHttpServer());
    await resetDatabase(t);
    const ds = t.dataSource;
    const north = await makeRegion(ds, { code: 'DE-NORTH', name: 'Germany North' });
    const south = await makeRegion(ds, { code: 'DE-SOUTH', name: 'Germany South' });
    const ham = await makeBranch(ds, north.id, { code: 'DE-HAM-01', name: 'Hamburg Hafen' });
    const muc = await makeBranch(ds, south.id, { code: 'DE-MUC-01', name: 'München Freimann' });
    const hamHead = await addStaff(ds, ham.id, '100001', ['Hanna', 'Hafen']);
    await addStaff(ds, ham.id, '100002', ['Gone', 'Away'], { managerId: hamHead.id, status: 'left' });
    await addStaff(ds, ham.id, '100003', ['Sabine', 'Schmidt'], { managerId: hamHead.id });
    const mucHead = await addStaff(ds, muc.id, '100010', ['Max', 'Maier']);
    await addStaff(ds, muc.id, '100011', ['Eva', 'Ernst'], { managerId: mucHead.id, status: 'on_leave' });
    await addStaff(ds, muc.id, '100012', ['Özlem', "O'Brien <Kaya>"], { managerId: mucHead.id });
  }, 60_000);

  afterAll(async () => {
    await resetDatabase(t);
    await t.close();
  });

  async function authnRequest(relayState = '/after/sign-in?tab=1') {
    const { certificatePem } = await t.app.get(DemoIdpService).ensureKeyPair();
    const saml = serviceProvider(certificatePem);
    const url = new URL(await saml.getAuthorizeUrlAsync(relayState, undefined, {}));
    const samlRequest = url.searchParams.get('SAMLRequest') as string;
    return { saml, url, samlRequest, requestId: parseAuthnRequest(samlRequest).id };
  }

  it('lists four demo people on an accessible page without inline script or style', async () => {
    const { url, samlRequest } = await authnRequest();
    expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC_URL}/auth/demo-idp/sso`);
    const res = await http.get(`${url.pathname}${url.search}`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = res.text;
    expect(html).toContain('<title>Brevet demo identity provider</title>');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).not.toMatch(/<script|<style|\sstyle=/);
    expect(html).toContain(`<form method="post" action="${PUBLIC_URL}/auth/demo-idp/sso">`);
    expect(hiddenValue(html, 'SAMLRequest')).toBe(samlRequest);
    expect(hiddenValue(html, 'RelayState')).toBe('/after/sign-in?tab=1');
    const buttons = [
      ...html.matchAll(/<button type="submit" name="person" value="([^"]+)">(.*?)<\/button>/g),
    ];
    expect(buttons.map((b) => b[1])).toEqual(['hr-admin', 'regional-manager', 'branch-manager', 'employee']);
    expect(buttons.map((b) => b[2].replace(/<[^>]+>/g, '|'))).toEqual([
      '|Sabine Schmidt||HR administrator · Hamburg Hafen (DE-HAM-01)|',
      '|Hanna Hafen||Regional manager · region DE-NORTH|',
      '|Max Maier||Branch manager · München Freimann (DE-MUC-01)|',
      '|Özlem O&#39;Brien &lt;Kaya&gt;||Employee · München Freimann (DE-MUC-01)|',
    ]);
    const css = await http.get('/auth/demo-idp/demo-idp.css').expect(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers with a signed response that node-saml accepts, in a form that posts itself to the ACS', async () => {
    const { saml, samlRequest, requestId } = await authnRequest('/after/sign-in?tab=1');
    const res = await http
      .post('/auth/demo-idp/sso')
      .type('form')
      .send({ SAMLRequest: samlRequest, RelayState: '/after/sign-in?tab=1', person: 'branch-manager' })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain(`form-action 'self' ${PUBLIC_URL}`);
    const html = res.text;
    expect(html).toContain(`<form id="saml-post" method="post" action="${ACS}">`);
    expect(html).toContain('<button type="submit">Continue</button>');
    expect(html).toContain(`<script src="${PUBLIC_URL}/auth/demo-idp/autosubmit.js"></script>`);
    expect(html).not.toMatch(/<script>|<style|\sstyle=/);
    expect(hiddenValue(html, 'RelayState')).toBe('/after/sign-in?tab=1');

    const samlResponse = hiddenValue(html, 'SAMLResponse') as string;
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    expect(xml).toContain(`Destination="${ACS}"`);
    expect(xml).toContain(`Recipient="${ACS}"`);
    expect(xml).toContain(`InResponseTo="${requestId}"`);
    expect(xml.match(/<ds:Signature /g)).toHaveLength(2);

    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
    expect(profile).toMatchObject({
      issuer: `${PUBLIC_URL}/auth/demo-idp`,
      inResponseTo: requestId,
      nameID: '100010',
      nameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      attributes: {
        employeeNumber: '100010',
        email: 'max.maier@nordwind.example',
        givenName: 'Max',
        sn: 'Maier',
        branchCode: 'DE-MUC-01',
        groups: 'brevet-branch-managers-DE-MUC-01',
      },
    });
    expect(profile?.sessionIndex).toMatch(/^_[0-9a-f]{40}$/);

    const script = await http.get('/auth/demo-idp/autosubmit.js').expect(200);
    expect(script.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(script.text).toContain("document.getElementById('saml-post')");
  });

  it('serves metadata with the certificate that signs', async () => {
    const metadata = await t.app.get(DemoIdpService).metadata();
    expect(metadata).toMatchObject({
      entityId: `${PUBLIC_URL}/auth/demo-idp`,
      ssoUrl: `${PUBLIC_URL}/auth/demo-idp/sso`,
    });
    const res = await http.get('/auth/demo-idp/metadata').expect(200);
    expect(res.headers['content-type']).toBe('application/samlmetadata+xml; charset=utf-8');
    expect(res.text).toBe(metadata.xml);
    expect(res.text).toContain(`entityID="${PUBLIC_URL}/auth/demo-idp"`);
    const base64 = new X509Certificate(metadata.certificatePem).raw.toString('base64');
    expect(res.text).toContain(`<ds:X509Certificate>${base64}</ds:X509Certificate>`);
  });

  it('refuses an unknown person, an undecodable request and an ACS URL outside this installation', async () => {
    const { samlRequest } = await authnRequest();
    const unknown = await http
      .post('/auth/demo-idp/sso')
      .type('form')
      .send({ SAMLRequest: samlRequest, person: 'ceo' })
      .expect(400);
    expect(unknown.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'person' }] });
    const garbage = await http
      .get('/auth/demo-idp/sso')
      .query({ SAMLRequest: 'bm90IGRlZmxhdGVk' })
      .expect(400);
    expect(garbage.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'SAMLRequest' }] });
    const elsewhere = encodeRedirectMessage(
      `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2030-01-01T00:00:00Z" AssertionConsumerServiceURL="https://evil.example/acs"><saml:Issuer>${SP_ENTITY}</saml:Issuer></samlp:AuthnRequest>`,
    );
    await http.get('/auth/demo-idp/sso').query({ SAMLRequest: elsewhere }).expect(400);
    await http
      .post('/auth/demo-idp/sso')
      .type('form')
      .send({ SAMLRequest: elsewhere, person: 'employee' })
      .expect(400);
  });

  it('creates one key pair, even when asked twice at once, and stores the private key only encrypted', async () => {
    await t.dataSource.query('DELETE FROM app_setting WHERE key = $1', [DEMO_IDP_KEY_SETTING]);
    const service = t.app.get(DemoIdpService);
    const [a, b] = await Promise.all([service.ensureKeyPair(), service.ensureKeyPair()]);
    expect(a.certificatePem).toBe(b.certificatePem);
    expect((await service.ensureKeyPair()).certificatePem).toBe(a.certificatePem);
    const rows: Array<{ value: { key: StoredSigningKey; certificatePem: string } }> =
      await t.dataSource.query('SELECT value FROM app_setting WHERE key = $1', [DEMO_IDP_KEY_SETTING]);
    expect(rows).toHaveLength(1);
    const stored = rows[0].value;
    expect(JSON.stringify(stored)).not.toContain('PRIVATE KEY');
    expect(stored.key.encryptedPrivateKey).toMatch(/^v1\./);
    const privateKey = unsealPrivateKey(
      stored.key,
      deriveKey(TEST_KEY_ENCRYPTION_SECRET, 'demo-idp-key-encryption/v1'),
    );
    const cert = new X509Certificate(stored.certificatePem);
    expect(cert.checkPrivateKey(privateKey)).toBe(true);
    expect(createPublicKey(privateKey).asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(() =>
      unsealPrivateKey(
        stored.key,
        deriveKey('some-other-installation-secret-0123456789', 'demo-idp-key-encryption/v1'),
      ),
    ).toThrow(KeyDecryptionError);
  });

  it('offers real people of the seeded demo company', async () => {
    await resetDatabase(t);
    await t.app.get(DemoSeedService).seedIfEmpty();
    const { url } = await authnRequest();
    const html = (await http.get(`${url.pathname}${url.search}`).expect(200)).text;
    const roles = [...html.matchAll(/<span class="role">([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(roles).toEqual([
      'HR administrator · Hamburg Hafen (DE-HAM-01)',
      'Regional manager · region DE-NORTH',
      'Branch manager · München Freimann (DE-MUC-01)',
      'Employee · München Freimann (DE-MUC-01)',
    ]);
  }, 120_000);
});

describe('demo identity provider switched off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createDemoIdpApp({ DEMO_IDP: 'false' });
  }, 60_000);
  afterAll(() => t.close());

  it('has no routes', async () => {
    const http = request(t.app.getHttpServer());
    await http.get('/auth/demo-idp/sso').query({ SAMLRequest: 'x' }).expect(404);
    await http
      .post('/auth/demo-idp/sso')
      .type('form')
      .send({ SAMLRequest: 'x', person: 'employee' })
      .expect(404);
    await http.get('/auth/demo-idp/autosubmit.js').expect(404);
    await http.get('/auth/demo-idp/metadata').expect(404);
    await http.get('/api/auth/demo-idp/sso').query({ SAMLRequest: 'x' }).expect(404);
    expect(() => t.app.get(DemoIdpService)).toThrow();
  });
});
