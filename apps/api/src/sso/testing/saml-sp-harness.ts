// Test-only helpers for the SAML service provider's integration tests: an identity provider configured through
// the admin API, a sign-in started the way a browser starts it, and a response posted to the ACS.
import type { IdentityProvider, SsoAttributeMapping, UpdateIdentityProviderRequest } from '@brevet/contracts';
import request from 'supertest';
import { inflateRawSync } from 'node:zlib';
import type { SignedInAgent } from '../../../test/support/auth';
import type { TestApp } from '../../../test/support/test-app';
import { TestIdp, type TestResponseOptions } from '../../../test/saml/test-idp';
import { parseAuthnRequest } from '../demo-idp/saml-idp.util';

export const PUBLIC_URL = 'https://brevet.test';

export const MAPPING: SsoAttributeMapping = {
  employeeNumber: 'employeeNumber',
  email: 'email',
  givenName: 'givenName',
  familyName: 'sn',
  displayName: 'displayName',
  branchCode: 'branch',
  jobRole: 'title',
  groups: 'groups',
};

export function spUrls(slug: string) {
  const base = `${PUBLIC_URL}/auth/saml/${slug}`;
  return { entityId: `${base}/metadata`, acsUrl: `${base}/acs`, sloUrl: `${base}/slo` };
}

export function newTestIdp(name: string): TestIdp {
  return TestIdp.create({ entityId: `https://${name}.idp.test/saml`, commonName: `${name} IdP` });
}

/** Adds `idp` through the admin API (metadata XML), switched on, with the test mapping and `settings`. */
export async function configureIdp(
  admin: SignedInAgent,
  idp: TestIdp,
  slug: string,
  settings: Omit<UpdateIdentityProviderRequest, 'version'> = {},
): Promise<IdentityProvider> {
  const created = await admin
    .post('/api/v1/sso/identity-providers')
    .send({
      slug,
      displayName: `${slug} IdP`,
      metadataXml: idp.metadata({
        ssoUrl: `https://${slug}.idp.test/sso`,
        sloUrl: `https://${slug}.idp.test/slo`,
      }),
    })
    .expect(201);
  const updated = await admin
    .patch(`/api/v1/sso/identity-providers/${created.body.id}`)
    .send({ version: created.body.version, enabled: true, attributeMapping: MAPPING, ...settings })
    .expect(200);
  return updated.body as IdentityProvider;
}

export async function updateIdp(
  admin: SignedInAgent,
  id: string,
  settings: Omit<UpdateIdentityProviderRequest, 'version'>,
): Promise<IdentityProvider> {
  const current = await admin.get(`/api/v1/sso/identity-providers/${id}`).expect(200);
  const updated = await admin
    .patch(`/api/v1/sso/identity-providers/${id}`)
    .send({ version: current.body.version, ...settings })
    .expect(200);
  return updated.body as IdentityProvider;
}

/** Starts a sign-in like a browser: the AuthnRequest's ID and the RelayState from the redirect. */
export async function startLogin(
  t: TestApp,
  slug: string,
  returnTo?: string,
): Promise<{ requestId: string; relayState: string | null; location: URL }> {
  const res = await request(t.app.getHttpServer())
    .get(`/auth/saml/${slug}/login`)
    .query(returnTo === undefined ? {} : { returnTo })
    .expect(302);
  const location = new URL(res.headers['location'] as string);
  const samlRequest = location.searchParams.get('SAMLRequest');
  if (!samlRequest) throw new Error('no SAMLRequest in the redirect');
  return {
    requestId: parseAuthnRequest(samlRequest).id,
    relayState: location.searchParams.get('RelayState'),
    location,
  };
}

/** The XML of the AuthnRequest in a login redirect. */
export function authnRequestXml(location: URL): string {
  return inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64')).toString(
    'utf8',
  );
}

/** A valid response of `idp` for `slug`'s ACS, answering `requestId` (override anything with `options`). */
export function validResponse(
  idp: TestIdp,
  slug: string,
  requestId: string | null,
  options: Partial<TestResponseOptions> = {},
) {
  const urls = spUrls(slug);
  return idp.response({
    destination: urls.acsUrl,
    audience: urls.entityId,
    inResponseTo: requestId,
    nameId: 'anna.muster@nordwind.example',
    sessionIndex: '_session-1',
    attributes: { email: 'anna.muster@nordwind.example', displayName: 'Anna Muster' },
    ...options,
  });
}

export function postAcs(
  t: TestApp,
  slug: string,
  samlResponse: string,
  options: { relayState?: string; accept?: string } = {},
) {
  return request(t.app.getHttpServer())
    .post(`/auth/saml/${slug}/acs`)
    .set('Accept', options.accept ?? 'application/json')
    .type('form')
    .send({
      SAMLResponse: samlResponse,
      ...(options.relayState === undefined ? {} : { RelayState: options.relayState }),
    });
}

/** The session cookie a response set, if any. */
export function sessionCookie(res: { headers: Record<string, unknown> }): string | null {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookie = cookies.find((c) => c.startsWith('brevet_session=') && !c.startsWith('brevet_session=;'));
  return cookie ? cookie.split(';')[0] : null;
}

export async function userRows(t: TestApp, identityProviderId: string) {
  return (await t.dataSource.query(
    `SELECT id, name_id AS "nameId", email, display_name AS "displayName", staff_id AS "staffId"
       FROM user_account WHERE identity_provider_id = $1 ORDER BY created_at`,
    [identityProviderId],
  )) as Array<{
    id: string;
    nameId: string;
    email: string | null;
    displayName: string;
    staffId: string | null;
  }>;
}
