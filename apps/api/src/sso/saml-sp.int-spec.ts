// The SAML service provider against hostile and broken responses: one describe per SECURITY-TESTS.md row
// (S1, S2, S4–S17, S19; S3 and S18 are in saml-multi-process.int-spec.ts). Real HTTP, real PostgreSQL, a test
// identity provider with throwaway keys (test/saml/test-idp.ts). Every rejection asserts the status, that no
// session cookie was set and that no account was created.
import type { IdentityProvider } from '@brevet/contracts';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import {
  attackerKeyPair,
  commentInDigestValue,
  commentInNameId,
  doctypeExternalEntity,
  entityExpansionBomb,
  multipleRootElements,
  oversizedDeflatedRedirect,
  severalSignedInfo,
  twoAssertions,
  XSW_VARIANTS,
  type TestIdp,
  type XswVariant,
} from '../../test/saml/test-idp';
import { AuthEvents } from '../auth/auth-events';
import { Clock } from '../common/clock';
import {
  configureIdp,
  newTestIdp,
  postAcs,
  PUBLIC_URL,
  sessionCookie,
  spUrls,
  startLogin,
  updateIdp,
  userRows,
  validResponse,
} from './testing/saml-sp-harness';

jest.setTimeout(60_000);

let t: TestApp;
let admin: SignedInAgent;
let idpA: TestIdp;
let idpB: TestIdp;
let configA: IdentityProvider;
let configB: IdentityProvider;
let sequence = 0;

/** A NameID no other test uses, so each test sees only its own accounts. */
const uniqueNameId = (label: string) => `${label}-${(sequence += 1)}@nordwind.example`;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL });
  await resetDatabase(t);
  admin = await signInAsAdmin(t);
  idpA = newTestIdp('idp-a');
  idpB = newTestIdp('idp-b');
  configA = await configureIdp(admin, idpA, 'idp-a');
  configB = await configureIdp(admin, idpB, 'idp-b');
});

afterAll(async () => {
  await t?.close();
});

beforeEach(async () => {
  // The SAML endpoints allow 60 requests a minute per address; these tests make far more from one address.
  await t.dataSource.query(`DELETE FROM shared_state_entry WHERE key LIKE 'rl:%'`);
});

afterEach(() => {
  jest.restoreAllMocks();
});

const http = () => request(t.app.getHttpServer());

async function me(cookie: string | null) {
  return http()
    .get('/api/v1/auth/me')
    .set('Cookie', cookie ?? '');
}

async function sessionsOf(userId: string): Promise<number> {
  const [row] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM user_session WHERE user_id = $1`, [
    userId,
  ])) as Array<{ n: number }>;
  return row.n;
}

async function accountsNamed(nameId: string): Promise<number> {
  const [row] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM user_account WHERE name_id = $1`, [
    nameId,
  ])) as Array<{ n: number }>;
  return row.n;
}

/** Asserts a refused response: the status, no session cookie, no account for `nameId`. */
async function expectRefused(res: request.Response, nameId: string, status = 401): Promise<void> {
  expect(res.status).toBe(status);
  expect(sessionCookie(res)).toBeNull();
  expect(await accountsNamed(nameId)).toBe(0);
}

/** A sign-in at idp-a answered by a response built with `options` (after a real login request). */
async function signInA(options: Parameters<typeof validResponse>[3] = {}, relayState?: string) {
  const login = await startLogin(t, 'idp-a');
  const message = await validResponse(idpA, 'idp-a', login.requestId, options);
  return postAcs(t, 'idp-a', message.base64, { relayState: relayState ?? login.relayState ?? undefined });
}

describe('S1 baseline: response and assertion signed, valid InResponseTo', () => {
  it('creates a session and a user keyed by (identity provider, NameID)', async () => {
    const nameId = uniqueNameId('s1');
    const login = await startLogin(t, 'idp-a', '/staff');
    expect(login.relayState).toBe('/staff');
    const res = await postAcs(
      t,
      'idp-a',
      (await validResponse(idpA, 'idp-a', login.requestId, { nameId })).base64,
      { relayState: '/staff' },
    );
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/staff');
    const cookie = sessionCookie(res);
    expect(cookie).not.toBeNull();
    const who = await me(cookie);
    expect(who.status).toBe(200);
    expect(who.body.signedInWith).toEqual({ kind: 'saml', identityProvider: 'idp-a' });
    const rows = (await userRows(t, configA.id)).filter((r) => r.nameId === nameId);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(who.body.userId);
    expect(await sessionsOf(who.body.userId)).toBe(1);

    // The same NameID again: the same account, a second session.
    const again = await signInA({ nameId });
    expect(again.status).toBe(303);
    expect((await me(sessionCookie(again))).body.userId).toBe(who.body.userId);
    expect(await accountsNamed(nameId)).toBe(1);
  });

  it('signs the AuthnRequest (RSA-SHA256, HTTP-Redirect) and asks for this ACS', async () => {
    const login = await startLogin(t, 'idp-a');
    expect(login.location.origin + login.location.pathname).toBe('https://idp-a.idp.test/sso');
    expect(login.location.searchParams.get('SigAlg')).toBe(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    );
    const signedPart = login.location.search
      .slice(1)
      .split('&')
      .filter((p) => !p.startsWith('Signature='))
      .join('&');
    const { createVerify } = await import('node:crypto');
    const verified = createVerify('RSA-SHA256')
      .update(signedPart)
      .verify(
        configA.spKeys.current.signing.pem,
        login.location.searchParams.get('Signature') ?? '',
        'base64',
      );
    expect(verified).toBe(true);
    const { authnRequestXml } = await import('./testing/saml-sp-harness');
    const xml = authnRequestXml(login.location);
    expect(xml).toContain(`AssertionConsumerServiceURL="${spUrls('idp-a').acsUrl}"`);
    expect(xml).toContain(`>${spUrls('idp-a').entityId}</saml:Issuer>`);
  });

  it('answers problem+json to a client, and a plain HTML page with a link back to a person', async () => {
    const nameId = uniqueNameId('html');
    const res = await signInA({ nameId, audience: 'https://someone-else.test' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('sso.response_rejected');

    const login = await startLogin(t, 'idp-a');
    const message = await validResponse(idpA, 'idp-a', login.requestId, {
      nameId,
      audience: 'https://x.test',
    });
    const page = await postAcs(t, 'idp-a', message.base64, { accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Sign-in failed');
    expect(page.text).toContain('href="/login"');
    expect(page.text).not.toContain('audience');
    expect(page.text).not.toMatch(/at .*\.(js|ts):\d+/);

    const malformed = await postAcs(t, 'idp-a', 'bm90IHhtbA==', { accept: 'text/html' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('text/html');
    expect(malformed.text).toContain('href="/login"');
  });

  it('audits a refused response with a short reason and records it as the last assertion', async () => {
    const failed = jest.spyOn(t.app.get(AuthEvents), 'loginFailed');
    const nameId = uniqueNameId('audit');
    const res = await signInA({
      nameId,
      destination: 'https://elsewhere.test/acs',
      recipient: spUrls('idp-a').acsUrl,
    });
    expect(res.status).toBe(401);
    expect(failed).toHaveBeenCalledWith(
      `idp-a: ${nameId}`,
      'saml',
      'the Response Destination is not this assertion consumer service',
    );
    const last = await admin.get(`/api/v1/sso/identity-providers/${configA.id}/last-assertion`).expect(200);
    expect(last.body).toMatchObject({
      outcome: 'rejected',
      nameId,
      error: 'the Response Destination is not this assertion consumer service',
    });
  });
});

describe('S2 sequential replay', () => {
  it('the same SAMLResponse posted twice: the second is 401 and starts no session', async () => {
    const nameId = uniqueNameId('s2');
    const login = await startLogin(t, 'idp-a');
    const message = await validResponse(idpA, 'idp-a', login.requestId, { nameId });
    const first = await postAcs(t, 'idp-a', message.base64);
    expect(first.status).toBe(303);
    const userId = (await me(sessionCookie(first))).body.userId as string;
    const second = await postAcs(t, 'idp-a', message.base64);
    expect(second.status).toBe(401);
    expect(sessionCookie(second)).toBeNull();
    expect(await sessionsOf(userId)).toBe(1);
  });

  it('the same assertion ID inside a new response to a new request: 401 (assertion replay guard)', async () => {
    const nameId = uniqueNameId('s2-id');
    const ids = { assertion: `_replayed_assertion_${sequence}` };
    const first = await signInA({ nameId, ids });
    expect(first.status).toBe(303);
    const userId = (await me(sessionCookie(first))).body.userId as string;
    const second = await signInA({ nameId, ids });
    expect(second.status).toBe(401);
    expect(sessionCookie(second)).toBeNull();
    expect(await sessionsOf(userId)).toBe(1);
  });
});

describe('S4 unsolicited response', () => {
  it('a response without InResponseTo (IdP-initiated) is 401', async () => {
    const nameId = uniqueNameId('s4');
    const message = await validResponse(idpA, 'idp-a', null, { nameId });
    await expectRefused(await postAcs(t, 'idp-a', message.base64), nameId);
  });
});

describe('S5 bad InResponseTo', () => {
  it('an unknown request ID is 401', async () => {
    const nameId = uniqueNameId('s5-unknown');
    const message = await validResponse(idpA, 'idp-a', '_never_issued_by_brevet', { nameId });
    await expectRefused(await postAcs(t, 'idp-a', message.base64), nameId);
  });

  it('an expired request ID (answered after 10 minutes) is 401', async () => {
    const nameId = uniqueNameId('s5-expired');
    const login = await startLogin(t, 'idp-a');
    const message = await validResponse(idpA, 'idp-a', login.requestId, { nameId });
    const clock = t.app.get(Clock);
    const later = new Date(Date.now() + 11 * 60_000);
    jest.spyOn(clock, 'now').mockReturnValue(later);
    await expectRefused(await postAcs(t, 'idp-a', message.base64), nameId);
  });

  it('an ID issued for another identity provider is 401', async () => {
    const nameId = uniqueNameId('s5-other');
    const loginAtB = await startLogin(t, 'idp-b');
    const message = await validResponse(idpA, 'idp-a', loginAtB.requestId, { nameId });
    await expectRefused(await postAcs(t, 'idp-a', message.base64), nameId);
  });
});

describe('S6 Destination and Recipient', () => {
  const acs = () => spUrls('idp-a').acsUrl;

  it('a wrong Destination is 401', async () => {
    const nameId = uniqueNameId('s6-dest');
    await expectRefused(
      await signInA({ nameId, destination: 'https://evil.test/acs', recipient: acs() }),
      nameId,
    );
  });

  it('a missing Destination is 401', async () => {
    const nameId = uniqueNameId('s6-nodest');
    await expectRefused(await signInA({ nameId, destination: null, recipient: acs() }), nameId);
  });

  it('a wrong Recipient is 401', async () => {
    const nameId = uniqueNameId('s6-recipient');
    await expectRefused(await signInA({ nameId, recipient: 'https://evil.test/acs' }), nameId);
  });

  it('a missing Recipient is 401', async () => {
    const nameId = uniqueNameId('s6-norecipient');
    await expectRefused(await signInA({ nameId, recipient: null }), nameId);
  });
});

describe('S7 issuer', () => {
  it('an assertion Issuer that is not the configured identity provider is 401', async () => {
    const nameId = uniqueNameId('s7-assertion');
    await expectRefused(await signInA({ nameId, assertionIssuer: 'https://evil.idp.test/saml' }), nameId);
  });

  it('a Response Issuer that is not the configured identity provider is 401', async () => {
    const nameId = uniqueNameId('s7-response');
    await expectRefused(
      await signInA({ nameId, issuer: 'https://evil.idp.test/saml', assertionIssuer: idpA.entityId }),
      nameId,
    );
  });
});

describe('S8 audience', () => {
  it('a wrong Audience is 401', async () => {
    const nameId = uniqueNameId('s8-wrong');
    await expectRefused(await signInA({ nameId, audience: spUrls('idp-b').entityId }), nameId);
  });

  it('no AudienceRestriction is 401', async () => {
    const nameId = uniqueNameId('s8-none');
    await expectRefused(await signInA({ nameId, audience: null }), nameId);
  });
});

describe('S9 clock', () => {
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000);

  it('NotBefore 30 s ahead (within the 60 s skew) is accepted', async () => {
    const res = await signInA({ nameId: uniqueNameId('s9-30'), notBefore: inSeconds(30) });
    expect(res.status).toBe(303);
    expect(sessionCookie(res)).not.toBeNull();
  });

  it('NotBefore 90 s ahead is 401', async () => {
    const nameId = uniqueNameId('s9-90');
    await expectRefused(await signInA({ nameId, notBefore: inSeconds(90) }), nameId);
  });

  it('NotOnOrAfter in the past is 401', async () => {
    const nameId = uniqueNameId('s9-past');
    await expectRefused(
      await signInA({ nameId, notBefore: inSeconds(-600), notOnOrAfter: inSeconds(-120) }),
      nameId,
    );
  });

  it('an expired SubjectConfirmationData is 401', async () => {
    const nameId = uniqueNameId('s9-subject');
    await expectRefused(await signInA({ nameId, subjectNotOnOrAfter: inSeconds(-120) }), nameId);
  });
});

describe('S10 signature scope', () => {
  it('an unsigned assertion in a signed response is 401', async () => {
    const nameId = uniqueNameId('s10-assertion');
    await expectRefused(await signInA({ nameId, sign: 'response' }), nameId);
  });

  it('an unsigned response (signed assertion) is 401', async () => {
    const nameId = uniqueNameId('s10-response');
    await expectRefused(await signInA({ nameId, sign: 'assertion' }), nameId);
  });

  it('both unsigned is 401', async () => {
    const nameId = uniqueNameId('s10-none');
    await expectRefused(await signInA({ nameId, sign: 'none' }), nameId);
  });
});

describe('S11 signature wrapping', () => {
  const evil = { nameId: 'admin@corp.example' };

  /** A victim's valid signed response to a fresh request, for the attacker to rewrite. */
  async function victim() {
    const login = await startLogin(t, 'idp-a');
    return (await validResponse(idpA, 'idp-a', login.requestId, { nameId: uniqueNameId('victim') })).xml;
  }

  async function expectNoProfileUsed(res: request.Response, victimXml: string) {
    expect(res.status).toBe(401);
    expect(sessionCookie(res)).toBeNull();
    expect(await accountsNamed(evil.nameId)).toBe(0);
    const victimNameId = /<saml:NameID[^>]*>([^<]*)</.exec(victimXml)?.[1] ?? '';
    expect(await accountsNamed(victimNameId)).toBe(0);
  }

  it.each(Object.keys(XSW_VARIANTS) as XswVariant[])('%s is 401, no profile used', async (variant) => {
    const xml = await victim();
    const attack = XSW_VARIANTS[variant](xml, evil);
    await expectNoProfileUsed(await postAcs(t, 'idp-a', attack.base64), xml);
  });

  it.each(['before', 'after'] as const)(
    'two assertions (evil one %s) is 401, no profile used',
    async (position) => {
      const xml = await victim();
      await expectNoProfileUsed(await postAcs(t, 'idp-a', twoAssertions(xml, evil, position).base64), xml);
    },
  );

  it.each(['evil-first', 'signed-first'] as const)(
    'multiple root elements (%s) is 401 or 400',
    async (order) => {
      const xml = await victim();
      const res = await postAcs(t, 'idp-a', multipleRootElements(xml, evil, order).base64);
      expect([400, 401]).toContain(res.status);
      expect(sessionCookie(res)).toBeNull();
      expect(await accountsNamed(evil.nameId)).toBe(0);
    },
  );
});

describe('S12 signature crypto', () => {
  const evil = { nameId: 'admin@corp.example' };

  it("a signature by the attacker's key (its certificate in KeyInfo) is 401", async () => {
    const nameId = uniqueNameId('s12-key');
    await expectRefused(await signInA({ nameId, signWith: attackerKeyPair() }), nameId);
  });

  it('several SignedInfo is 401', async () => {
    const login = await startLogin(t, 'idp-a');
    const xml = (await validResponse(idpA, 'idp-a', login.requestId, { nameId: uniqueNameId('s12') })).xml;
    await expectRefused(await postAcs(t, 'idp-a', severalSignedInfo(xml, evil).base64), evil.nameId);
  });

  it('a comment inside DigestValue is 401', async () => {
    const login = await startLogin(t, 'idp-a');
    const xml = (await validResponse(idpA, 'idp-a', login.requestId, { nameId: uniqueNameId('s12') })).xml;
    await expectRefused(await postAcs(t, 'idp-a', commentInDigestValue(xml, evil).base64), evil.nameId);
  });
});

describe('S13 comment in NameID', () => {
  it('admin@corp.example<!---->.evil.test signs in as the whole string, never as admin@corp.example', async () => {
    const adminFirst = await signInA({ nameId: 'admin@corp.example' });
    const adminId = (await me(sessionCookie(adminFirst))).body.userId as string;
    const res = await signInA({
      nameId: 'admin@corp.example.evil.test',
      mutate: commentInNameId('admin@corp.example'),
    });
    expect(res.status).toBe(303);
    const who = await me(sessionCookie(res));
    expect(who.body.userId).not.toBe(adminId);
    expect(await accountsNamed('admin@corp.example.evil.test')).toBe(1);
    expect(await sessionsOf(adminId)).toBe(1);
  });
});

describe('S14 XXE', () => {
  it('a DOCTYPE with an external entity is 400 before parsing; the file is not read', async () => {
    const secret = `brevet-xxe-${Date.now()}`;
    const file = path.join(os.tmpdir(), `${secret}.txt`);
    fs.writeFileSync(file, secret);
    try {
      const login = await startLogin(t, 'idp-a');
      const xml = (await validResponse(idpA, 'idp-a', login.requestId, { nameId: uniqueNameId('s14') })).xml;
      const res = await postAcs(t, 'idp-a', doctypeExternalEntity(xml, file).base64);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('sso.message_invalid');
      expect(res.body.detail).toBe('DOCTYPE is not allowed in SAML messages');
      expect(sessionCookie(res)).toBeNull();
      expect(res.text).not.toContain(secret);
      expect(await accountsNamed(secret)).toBe(0);
      const last = await admin.get(`/api/v1/sso/identity-providers/${configA.id}/last-assertion`).expect(200);
      expect(JSON.stringify(last.body)).not.toContain(secret);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('an entity expansion bomb is 400 before parsing, at once', async () => {
    const login = await startLogin(t, 'idp-a');
    const xml = (await validResponse(idpA, 'idp-a', login.requestId, { nameId: uniqueNameId('s14') })).xml;
    const started = Date.now();
    const res = await postAcs(t, 'idp-a', entityExpansionBomb(xml).base64);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('sso.message_invalid');
    expect(res.body.detail).toBe('DOCTYPE is not allowed in SAML messages');
    expect(sessionCookie(res)).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('S15 certificate rotation, without restart', () => {
  let rotating: TestIdp;
  let config: IdentityProvider;

  beforeAll(async () => {
    rotating = newTestIdp('idp-rot');
    config = await configureIdp(admin, rotating, 'idp-rot');
  });

  async function signInRot(signWith = rotating.currentKey) {
    const nameId = uniqueNameId('s15');
    const login = await startLogin(t, 'idp-rot');
    const message = await validResponse(rotating, 'idp-rot', login.requestId, { nameId, signWith });
    return { nameId, res: await postAcs(t, 'idp-rot', message.base64) };
  }

  it('accepts the new certificate while [old, new] are configured, then refuses the removed old one', async () => {
    const oldKey = rotating.currentKey;
    rotating.rotate();
    const newKey = rotating.currentKey;
    // Before the new certificate is configured, its signature is refused.
    const early = await signInRot(newKey);
    await expectRefused(early.res, early.nameId);

    const added = await admin
      .post(`/api/v1/sso/identity-providers/${config.id}/signing-certificates`)
      .send({ pem: newKey.certificatePem })
      .expect(201);
    expect(added.body.signingCertificates).toHaveLength(2);
    expect((await signInRot(newKey)).res.status).toBe(303);
    expect((await signInRot(oldKey)).res.status).toBe(303);

    const oldFingerprint = (added.body as IdentityProvider).signingCertificates[0].fingerprint;
    const removed = await admin
      .delete(`/api/v1/sso/identity-providers/${config.id}/signing-certificates/${oldFingerprint}`)
      .expect(200);
    expect(removed.body.signingCertificates).toHaveLength(1);
    const late = await signInRot(oldKey);
    await expectRefused(late.res, late.nameId);
    expect((await signInRot(newKey)).res.status).toBe(303);
  });
});

describe('S16 encryption', () => {
  let encrypting: TestIdp;
  let config: IdentityProvider;

  beforeAll(async () => {
    encrypting = newTestIdp('idp-enc');
    config = await configureIdp(admin, encrypting, 'idp-enc', { wantEncryptedAssertions: true });
  });

  async function signInEnc(options: Parameters<typeof validResponse>[3]) {
    const login = await startLogin(t, 'idp-enc');
    const message = await validResponse(encrypting, 'idp-enc', login.requestId, options);
    return postAcs(t, 'idp-enc', message.base64);
  }

  it('a valid EncryptedAssertion is accepted', async () => {
    const nameId = uniqueNameId('s16-ok');
    const res = await signInEnc({ nameId, encryptFor: config.spKeys.current.encryption.pem });
    expect(res.status).toBe(303);
    expect(await accountsNamed(nameId)).toBe(1);
  });

  it('a tampered EncryptedAssertion is 401', async () => {
    const nameId = uniqueNameId('s16-tampered');
    const res = await signInEnc({
      nameId,
      encryptFor: config.spKeys.current.encryption.pem,
      mutate: (doc) => {
        const cipher = doc.getElementsByTagNameNS('http://www.w3.org/2001/04/xmlenc#', 'CipherValue');
        const last = cipher[cipher.length - 1];
        const value = last.textContent ?? '';
        last.textContent = `${value.slice(0, 10)}${value[10] === 'A' ? 'B' : 'A'}${value.slice(11)}`;
      },
    });
    await expectRefused(res, nameId);
  });

  it('a plaintext assertion where encryption is required is 401', async () => {
    const nameId = uniqueNameId('s16-plain');
    await expectRefused(await signInEnc({ nameId }), nameId);
  });

  it('an assertion encrypted for another key is 401', async () => {
    const nameId = uniqueNameId('s16-otherkey');
    await expectRefused(await signInEnc({ nameId, encryptFor: attackerKeyPair().certificatePem }), nameId);
  });
});

describe('S17 several identity providers', () => {
  it('the same NameID from A and B gives two distinct users', async () => {
    const nameId = uniqueNameId('s17');
    const viaA = await signInA({ nameId });
    const loginB = await startLogin(t, 'idp-b');
    const viaB = await postAcs(
      t,
      'idp-b',
      (await validResponse(idpB, 'idp-b', loginB.requestId, { nameId })).base64,
    );
    expect(viaA.status).toBe(303);
    expect(viaB.status).toBe(303);
    const a = (await me(sessionCookie(viaA))).body;
    const b = (await me(sessionCookie(viaB))).body;
    expect(a.userId).not.toBe(b.userId);
    expect(a.signedInWith.identityProvider).toBe('idp-a');
    expect(b.signedInWith.identityProvider).toBe('idp-b');
    expect((await userRows(t, configA.id)).filter((r) => r.nameId === nameId)).toHaveLength(1);
    expect((await userRows(t, configB.id)).filter((r) => r.nameId === nameId)).toHaveLength(1);
  });

  it("A's response posted to B's endpoint is 401", async () => {
    const nameId = uniqueNameId('s17-cross');
    await startLogin(t, 'idp-b');
    const loginA = await startLogin(t, 'idp-a');
    const message = await validResponse(idpA, 'idp-a', loginA.requestId, { nameId });
    await expectRefused(await postAcs(t, 'idp-b', message.base64), nameId);
  });
});

describe('S19 RelayState and redirect limits', () => {
  it.each([
    ['an absolute URL', 'https://evil.example'],
    ['a scheme-relative URL', '//evil.example/path'],
    ['a backslash trick', '/\\evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['an API path', '/api/v1/auth/me'],
  ])('RelayState as %s at the ACS lands on / instead', async (_label, relayState) => {
    const res = await signInA({ nameId: uniqueNameId('s19') }, relayState);
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/');
  });

  it('a relative path of the admin UI is kept', async () => {
    const res = await signInA({ nameId: uniqueNameId('s19-ok') }, '/staff/12?tab=awards');
    expect(res.headers['location']).toBe('/staff/12?tab=awards');
  });

  it('returnTo https://evil.example at the sign-in start sends RelayState /', async () => {
    const login = await startLogin(t, 'idp-a', 'https://evil.example');
    expect(login.relayState).toBe('/');
  });

  it('an oversized deflated redirect message is 413 before parsing', async () => {
    const { SAMLRequest, inflatedBytes } = oversizedDeflatedRedirect({
      issuer: idpA.entityId,
      destination: spUrls('idp-a').sloUrl,
    });
    expect(inflatedBytes).toBeGreaterThan(1_000_000);
    const res = await http()
      .get('/auth/saml/idp-a/slo')
      .query({ SAMLRequest, SigAlg: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', Signature: 'AAAA' })
      .set('Accept', 'application/json');
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('sso.message_too_large');
  });

  it('an oversized SAMLResponse form field is 413', async () => {
    const res = await postAcs(t, 'idp-a', 'A'.repeat(100_004));
    expect(res.status).toBe(413);
    expect(sessionCookie(res)).toBeNull();
  });
});

describe('unknown or switched-off identity providers', () => {
  it('answers 404 for an unknown slug and for a disabled identity provider', async () => {
    await http().get('/auth/saml/nobody/login').set('Accept', 'application/json').expect(404);
    const off = newTestIdp('idp-off');
    const config = await configureIdp(admin, off, 'idp-off');
    await updateIdp(admin, config.id, { enabled: false });
    await http().get('/auth/saml/idp-off/login').set('Accept', 'application/json').expect(404);
    const message = await validResponse(off, 'idp-off', null);
    expect((await postAcs(t, 'idp-off', message.base64)).status).toBe(404);
    // Its metadata stays available while it is being set up.
    await http().get('/auth/saml/idp-off/metadata').expect(200);
  });

  it('lists only enabled identity providers on the sign-in page', async () => {
    const options = await http().get('/api/v1/auth/options').expect(200);
    const slugs = (options.body.identityProviders as Array<{ slug: string; loginUrl: string }>).map(
      (p) => p.slug,
    );
    expect(slugs).toEqual(expect.arrayContaining(['idp-a', 'idp-b']));
    expect(slugs).not.toContain('idp-off');
    expect(options.body.identityProviders).toContainEqual({
      slug: 'idp-a',
      displayName: 'idp-a IdP',
      loginUrl: '/auth/saml/idp-a/login',
    });
  });
});

describe('PUBLIC_URL', () => {
  it('builds every SAML URL from it', () => {
    expect(configA.serviceProvider).toEqual({
      entityId: `${PUBLIC_URL}/auth/saml/idp-a/metadata`,
      acsUrl: `${PUBLIC_URL}/auth/saml/idp-a/acs`,
      sloUrl: `${PUBLIC_URL}/auth/saml/idp-a/slo`,
      metadataUrl: `${PUBLIC_URL}/auth/saml/idp-a/metadata`,
      loginUrl: `${PUBLIC_URL}/auth/saml/idp-a/login`,
    });
  });
});
