// SECURITY-TESTS.md S3 (concurrent replay) and S18 (single logout) with TWO application instances that share
// Redis (sessions, InResponseTo cache, replay guard, rate limits) and PostgreSQL, as two API processes do.
// The lead adds a variant with two real processes; these run both instances in this one.
import type { IdentityProvider } from '@brevet/contracts';
import { createSign } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import request from 'supertest';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../../test/support/test-env';
import { attackerKeyPair, type TestIdp } from '../../test/saml/test-idp';
import { SessionStore } from '../auth/session-store.port';
import { samlId } from './demo-idp/saml-idp.util';
import {
  configureIdp,
  newTestIdp,
  postAcs,
  PUBLIC_URL,
  sessionCookie,
  spUrls,
  startLogin,
  validResponse,
} from './testing/saml-sp-harness';

jest.setTimeout(90_000);

let one: TestApp;
let two: TestApp;
let admin: SignedInAgent;
let idp: TestIdp;
let config: IdentityProvider;
let sequence = 0;
const SIG_ALG = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

beforeAll(async () => {
  const env = { PUBLIC_URL, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix('saml') };
  one = await createTestApp(env);
  two = await createTestApp(env);
  await resetDatabase(one);
  admin = await signInAsAdmin(one);
  idp = newTestIdp('idp-mp');
  config = await configureIdp(admin, idp, 'idp-mp');
});

afterAll(async () => {
  await one?.close();
  await two?.close();
});

const uniqueNameId = (label: string) => `${label}-${(sequence += 1)}@nordwind.example`;
const forwardedFor = () => `198.51.100.${(sequence += 1) % 250}`;

/** A sign-in through `app` (each from its own client address, so rate limits stay out of the way). */
async function signInVia(app: TestApp, nameId: string, sessionIndex: string): Promise<string> {
  const login = await startLogin(app, 'idp-mp');
  const message = await validResponse(idp, 'idp-mp', login.requestId, { nameId, sessionIndex });
  const res = await postAcs(app, 'idp-mp', message.base64);
  expect(res.status).toBe(303);
  const cookie = sessionCookie(res);
  expect(cookie).not.toBeNull();
  return cookie as string;
}

function me(app: TestApp, cookie: string) {
  return request(app.app.getHttpServer()).get('/api/v1/auth/me').set('Cookie', cookie);
}

async function userIdOf(nameId: string): Promise<string> {
  const [row] = (await one.dataSource.query(
    `SELECT id FROM user_account WHERE identity_provider_id = $1 AND name_id = $2`,
    [config.id, nameId],
  )) as Array<{ id: string }>;
  return row.id;
}

describe('S3 concurrent replay across two API processes', () => {
  it('the same response posted at once to both processes creates exactly one session', async () => {
    const nameId = uniqueNameId('s3');
    const login = await startLogin(one, 'idp-mp');
    const message = await validResponse(idp, 'idp-mp', login.requestId, { nameId });
    const results = await Promise.all(
      [one, two].map((app) =>
        request(app.app.getHttpServer())
          .post('/auth/saml/idp-mp/acs')
          .set('Accept', 'application/json')
          .set('X-Forwarded-For', forwardedFor())
          .type('form')
          .send({ SAMLResponse: message.base64 }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 401]);
    expect(results.filter((r) => sessionCookie(r) !== null)).toHaveLength(1);
    const sessions = await one.app.get(SessionStore).listForUser(await userIdOf(nameId));
    expect(sessions).toHaveLength(1);
  });

  it('a request ID issued by one process is known to the other', async () => {
    const nameId = uniqueNameId('s3-shared');
    const login = await startLogin(one, 'idp-mp');
    const message = await validResponse(idp, 'idp-mp', login.requestId, { nameId });
    expect((await postAcs(two, 'idp-mp', message.base64)).status).toBe(303);
  });
});

/** An IdP LogoutRequest over HTTP-Redirect, as the query string the browser brings (no cookies). */
function logoutRedirect(
  nameId: string,
  options: Parameters<TestIdp['logoutRequestRedirect']>[0] | object = {},
) {
  return idp.logoutRequestRedirect({ destination: spUrls('idp-mp').sloUrl, nameId, ...options }).queryString;
}

describe('S18 single logout', () => {
  it("a signed LogoutRequest without cookies ends that user's sessions on every process", async () => {
    const nameId = uniqueNameId('s18');
    const otherNameId = uniqueNameId('s18-other');
    const viaOne = await signInVia(one, nameId, '_s1');
    const viaTwo = await signInVia(two, nameId, '_s2');
    const bystander = await signInVia(one, otherNameId, '_s3');

    const res = await request(two.app.getHttpServer()).get(`/auth/saml/idp-mp/slo?${logoutRedirect(nameId)}`);
    expect(res.status).toBe(303);
    const answer = new URL(res.headers['location'] as string);
    expect(answer.origin + answer.pathname).toBe('https://idp-mp.idp.test/slo');
    expect(answer.searchParams.get('SigAlg')).toBe(SIG_ALG);
    expect(answer.searchParams.get('Signature')).toBeTruthy();
    const logoutResponse = inflateRawSync(
      Buffer.from(answer.searchParams.get('SAMLResponse') ?? '', 'base64'),
    ).toString();
    expect(logoutResponse).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');

    for (const app of [one, two]) {
      expect((await me(app, viaOne)).status).toBe(401);
      expect((await me(app, viaTwo)).status).toBe(401);
      expect((await me(app, bystander)).status).toBe(200);
    }
  });

  it('a LogoutRequest naming a SessionIndex ends only that session', async () => {
    const nameId = uniqueNameId('s18-index');
    const first = await signInVia(one, nameId, '_index-1');
    const second = await signInVia(two, nameId, '_index-2');
    const res = await request(one.app.getHttpServer()).get(
      `/auth/saml/idp-mp/slo?${logoutRedirect(nameId, { sessionIndex: '_index-1' })}`,
    );
    expect(res.status).toBe(303);
    expect((await me(two, first)).status).toBe(401);
    expect((await me(two, second)).status).toBe(200);
  });

  it('a signed LogoutRequest over HTTP-POST ends the sessions too', async () => {
    const nameId = uniqueNameId('s18-post');
    const cookie = await signInVia(one, nameId, '_post');
    const message = idp.logoutRequestPost({ destination: spUrls('idp-mp').sloUrl, nameId });
    const res = await request(two.app.getHttpServer())
      .post('/auth/saml/idp-mp/slo')
      .type('form')
      .send({ SAMLRequest: message.base64 });
    expect(res.status).toBe(303);
    expect((await me(one, cookie)).status).toBe(401);
  });

  it.each([
    ['a bad signature (attacker key)', () => ({ signWith: attackerKeyPair() })],
    [
      'an expired request',
      () => ({ now: new Date(Date.now() - 20 * 60_000), notOnOrAfter: new Date(Date.now() - 10 * 60_000) }),
    ],
  ])('%s is rejected and the sessions stay', async (_label, options) => {
    const nameId = uniqueNameId('s18-bad');
    const cookie = await signInVia(one, nameId, '_bad');
    const res = await request(two.app.getHttpServer())
      .get(`/auth/saml/idp-mp/slo?${logoutRedirect(nameId, options())}`)
      .set('Accept', 'application/json');
    expect(res.status).toBe(401);
    expect((await me(one, cookie)).status).toBe(200);
  });

  it('an unsigned redirect LogoutRequest is rejected and the sessions stay', async () => {
    const nameId = uniqueNameId('s18-unsigned');
    const cookie = await signInVia(one, nameId, '_unsigned');
    const query = logoutRedirect(nameId)
      .split('&')
      .filter((p) => !p.startsWith('Signature=') && !p.startsWith('SigAlg='))
      .join('&');
    const res = await request(one.app.getHttpServer())
      .get(`/auth/saml/idp-mp/slo?${query}`)
      .set('Accept', 'application/json');
    expect(res.status).toBe(401);
    expect((await me(one, cookie)).status).toBe(200);
  });

  it('an unsigned POST LogoutRequest is rejected and the sessions stay', async () => {
    const nameId = uniqueNameId('s18-unsigned-post');
    const cookie = await signInVia(one, nameId, '_unsigned-post');
    const xml = idp
      .logoutRequestPost({ destination: spUrls('idp-mp').sloUrl, nameId })
      .xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
    const res = await request(one.app.getHttpServer())
      .post('/auth/saml/idp-mp/slo')
      .set('Accept', 'application/json')
      .type('form')
      .send({ SAMLRequest: Buffer.from(xml).toString('base64') });
    expect(res.status).toBe(401);
    expect((await me(one, cookie)).status).toBe(200);
  });
});

describe('SP-initiated logout', () => {
  it('ends the session here, sends a signed LogoutRequest, and takes the LogoutResponse back to the sign-in page', async () => {
    const nameId = uniqueNameId('sp-logout');
    const cookie = await signInVia(one, nameId, '_sp');
    const res = await request(two.app.getHttpServer()).get('/auth/saml/idp-mp/logout').set('Cookie', cookie);
    expect(res.status).toBe(303);
    expect((res.headers['set-cookie'] as unknown as string[]).join()).toContain('brevet_session=;');
    expect((await me(one, cookie)).status).toBe(401);
    const target = new URL(res.headers['location'] as string);
    expect(target.origin + target.pathname).toBe('https://idp-mp.idp.test/slo');
    expect(target.searchParams.get('Signature')).toBeTruthy();
    const logoutRequest = inflateRawSync(
      Buffer.from(target.searchParams.get('SAMLRequest') ?? '', 'base64'),
    ).toString();
    expect(logoutRequest).toContain(nameId);
    expect(logoutRequest).toContain('_sp');
    const requestId = /ID="([^"]+)"/.exec(logoutRequest)?.[1] ?? '';

    // The identity provider answers with a signed LogoutResponse over HTTP-Redirect.
    const responseXml =
      `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
      `ID="${samlId()}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${spUrls('idp-mp').sloUrl}" InResponseTo="${requestId}">` +
      `<saml:Issuer>${idp.entityId}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      `</samlp:LogoutResponse>`;
    const signedPart = `SAMLResponse=${encodeURIComponent(deflateRawSync(Buffer.from(responseXml)).toString('base64'))}&SigAlg=${encodeURIComponent(SIG_ALG)}`;
    const signature = createSign('RSA-SHA256')
      .update(signedPart)
      .sign(idp.currentKey.privateKeyPem, 'base64');
    const back = await request(one.app.getHttpServer()).get(
      `/auth/saml/idp-mp/slo?${signedPart}&Signature=${encodeURIComponent(signature)}`,
    );
    expect(back.status).toBe(303);
    expect(back.headers['location']).toBe('/login');
  });

  it('without a session, just goes to the sign-in page', async () => {
    const res = await request(one.app.getHttpServer()).get('/auth/saml/idp-mp/logout');
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/login');
  });
});
