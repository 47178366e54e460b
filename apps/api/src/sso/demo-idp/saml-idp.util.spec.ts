import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import {
  buildIdpMetadata,
  buildLogoutRequest,
  buildLogoutRequestPost,
  buildSamlResponse,
  createIdpKeyPair,
  encodeRedirectMessage,
  parseAuthnRequest,
  parseXml,
  SamlMessageError,
  signLogoutRequestRedirect,
  signSamlResponse,
  type IdpKeyPair,
  type SamlResponseOptions,
} from './saml-idp.util';

const IDP = 'https://idp.example.test/saml';
const SP = 'https://brevet.example.test/saml/sp';
const ACS = 'https://brevet.example.test/auth/saml/acme/acs';
const SLO = 'https://brevet.example.test/auth/saml/acme/slo';

let keys: IdpKeyPair;
let other: IdpKeyPair;

beforeAll(() => {
  keys = createIdpKeyPair({ commonName: 'Test IdP', days: 30 });
  other = createIdpKeyPair({ commonName: 'Someone else', days: 30 });
});

function sp(overrides: Partial<SamlConfig> = {}): SAML {
  return new SAML({
    idpCert: keys.certificatePem,
    issuer: SP,
    audience: SP,
    callbackUrl: ACS,
    idpIssuer: IDP,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.never,
    acceptedClockSkewMs: 60_000,
    ...overrides,
  });
}

function responseOptions(overrides: Partial<SamlResponseOptions> = {}): SamlResponseOptions {
  return {
    issuer: IDP,
    destination: ACS,
    audience: SP,
    inResponseTo: '_request-1',
    nameId: 'anna.schmidt@corp.example',
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    sessionIndex: '_session-1',
    attributes: {
      email: 'anna.schmidt@corp.example',
      givenName: 'Anna',
      groups: ['brevet-hr-admins', 'brevet-branch-managers-DE-HAM-01'],
    },
    ...overrides,
  };
}

const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

describe('createIdpKeyPair', () => {
  it('makes an RSA 2048 key and a self-signed SHA-256 certificate for it', () => {
    const cert = new X509Certificate(keys.certificatePem);
    expect(cert.subject).toBe('CN=Test IdP');
    expect(cert.issuer).toBe('CN=Test IdP');
    expect(cert.checkPrivateKey(createPrivateKey(keys.privateKeyPem))).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
  });
});

describe('buildSamlResponse + signSamlResponse', () => {
  it('validates with node-saml and yields the NameID, session index and attributes', async () => {
    const xml = signSamlResponse(buildSamlResponse(responseOptions()), keys);
    const { profile, loggedOut } = await sp().validatePostResponseAsync({ SAMLResponse: b64(xml) });
    expect(loggedOut).toBe(false);
    expect(profile).toMatchObject({
      issuer: IDP,
      nameID: 'anna.schmidt@corp.example',
      nameIDFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      sessionIndex: '_session-1',
      inResponseTo: '_request-1',
      attributes: {
        email: 'anna.schmidt@corp.example',
        givenName: 'Anna',
        groups: ['brevet-hr-admins', 'brevet-branch-managers-DE-HAM-01'],
      },
    });
  });

  it('places each signature right after the Issuer of the element it signs', () => {
    const xml = signSamlResponse(buildSamlResponse(responseOptions()), keys);
    const root = parseXml(xml).documentElement as Element;
    const names = (e: Element) =>
      Array.from(e.childNodes as unknown as ArrayLike<Node>)
        .filter((n) => n.nodeType === 1)
        .map((n) => (n as Element).localName);
    expect(names(root)).toEqual(['Issuer', 'Signature', 'Status', 'Assertion']);
    const assertion = root.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Assertion')[0];
    expect(names(assertion)).toEqual([
      'Issuer',
      'Signature',
      'Subject',
      'Conditions',
      'AuthnStatement',
      'AttributeStatement',
    ]);
    expect(xml).toContain('Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"');
    expect(xml).toContain('Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"');
    expect(xml).toContain('<ds:X509Certificate>');
  });

  it('escapes text and attribute values', async () => {
    const xml = signSamlResponse(
      buildSamlResponse(responseOptions({ nameId: 'a&b<c>"d"', attributes: { note: `x<y & "z"` } })),
      keys,
    );
    const { profile } = await sp().validatePostResponseAsync({ SAMLResponse: b64(xml) });
    expect(profile?.nameID).toBe('a&b<c>"d"');
    expect(profile?.attributes).toEqual({ note: 'x<y & "z"' });
  });

  it('is rejected when an attribute is changed after signing', async () => {
    const xml = signSamlResponse(buildSamlResponse(responseOptions()), keys);
    const tampered = xml.replace('brevet-branch-managers-DE-HAM-01', 'brevet-hr-admins-everywhere');
    expect(tampered).not.toBe(xml);
    await expect(sp().validatePostResponseAsync({ SAMLResponse: b64(tampered) })).rejects.toThrow(
      /Invalid (document )?signature/,
    );
  });

  it('is rejected when signed by another key', async () => {
    const xml = signSamlResponse(buildSamlResponse(responseOptions()), other);
    await expect(sp().validatePostResponseAsync({ SAMLResponse: b64(xml) })).rejects.toThrow(
      'Invalid document signature',
    );
  });

  it('signs only what is asked for', async () => {
    const assertionOnly = signSamlResponse(buildSamlResponse(responseOptions()), {
      ...keys,
      signResponse: false,
    });
    await expect(sp().validatePostResponseAsync({ SAMLResponse: b64(assertionOnly) })).rejects.toThrow(
      'Invalid document signature',
    );
    const lenient = sp({ wantAuthnResponseSigned: false });
    await expect(
      lenient.validatePostResponseAsync({ SAMLResponse: b64(assertionOnly) }),
    ).resolves.toMatchObject({
      profile: { nameID: 'anna.schmidt@corp.example' },
    });
    const responseOnly = signSamlResponse(buildSamlResponse(responseOptions()), {
      ...keys,
      signAssertion: false,
    });
    await expect(sp().validatePostResponseAsync({ SAMLResponse: b64(responseOnly) })).rejects.toThrow(
      'Invalid signature',
    );
    await expect(
      sp({ wantAssertionsSigned: false }).validatePostResponseAsync({ SAMLResponse: b64(responseOnly) }),
    ).resolves.toMatchObject({ profile: { nameID: 'anna.schmidt@corp.example' } });
  });

  it('uses the given times and IDs, and can leave out what tests need missing', () => {
    const now = new Date('2030-01-01T10:00:00.000Z');
    const xml = buildSamlResponse(
      responseOptions({
        now,
        ids: { response: '_r1', assertion: '_a1' },
        inResponseTo: null,
        audience: null,
        recipient: null,
        destination: null,
        assertionIssuer: 'https://other.example.test',
      }),
    );
    expect(xml).toContain('ID="_r1"');
    expect(xml).toContain('ID="_a1"');
    expect(xml).toContain('NotBefore="2030-01-01T09:59:00.000Z"');
    expect(xml).toContain('NotOnOrAfter="2030-01-01T10:05:00.000Z"');
    expect(xml).not.toContain('InResponseTo');
    expect(xml).not.toContain('AudienceRestriction');
    expect(xml).not.toContain('Recipient');
    expect(xml).not.toContain('Destination');
    expect(xml).toContain('<saml:Issuer>https://other.example.test</saml:Issuer>');
  });

  it('is rejected by node-saml once expired (the defaults are short-lived)', async () => {
    const xml = signSamlResponse(
      buildSamlResponse(responseOptions({ now: new Date(Date.now() - 3_600_000) })),
      keys,
    );
    await expect(sp().validatePostResponseAsync({ SAMLResponse: b64(xml) })).rejects.toThrow(/expired/);
  });
});

describe('LogoutRequest', () => {
  const options = {
    issuer: IDP,
    destination: SLO,
    nameId: 'anna.schmidt@corp.example',
    sessionIndex: '_session-1',
  };

  it('HTTP-Redirect: the query signature validates with node-saml', async () => {
    const message = signLogoutRequestRedirect(buildLogoutRequest(options), {
      privateKeyPem: keys.privateKeyPem,
      relayState: '/after/logout?x=1',
    });
    expect(inflateRawSync(Buffer.from(message.SAMLRequest, 'base64')).toString()).toContain('LogoutRequest');
    const query = Object.fromEntries(new URLSearchParams(message.queryString));
    const { profile, loggedOut } = await sp().validateRedirectAsync(query, message.queryString);
    expect(loggedOut).toBe(true);
    expect(profile).toMatchObject({
      nameID: 'anna.schmidt@corp.example',
      sessionIndex: '_session-1',
      issuer: IDP,
    });
  });

  it('HTTP-Redirect: a changed RelayState or a foreign key fails', async () => {
    const message = signLogoutRequestRedirect(buildLogoutRequest(options), {
      privateKeyPem: keys.privateKeyPem,
      relayState: '/a',
    });
    const changed = message.queryString.replace('RelayState=%2Fa', 'RelayState=%2Fb');
    await expect(
      sp().validateRedirectAsync(Object.fromEntries(new URLSearchParams(changed)), changed),
    ).rejects.toThrow('Invalid query signature');
    const foreign = signLogoutRequestRedirect(buildLogoutRequest(options), {
      privateKeyPem: other.privateKeyPem,
    });
    await expect(
      sp().validateRedirectAsync(
        Object.fromEntries(new URLSearchParams(foreign.queryString)),
        foreign.queryString,
      ),
    ).rejects.toThrow('Invalid query signature');
  });

  it('HTTP-POST: the enveloped signature validates with node-saml, a foreign key fails', async () => {
    const xml = buildLogoutRequestPost(options, keys);
    const root = parseXml(xml).documentElement as Element;
    expect((root.childNodes[1] as Element).localName).toBe('Signature');
    const { profile } = await sp().validatePostRequestAsync({ SAMLRequest: b64(xml) });
    expect(profile).toMatchObject({ nameID: 'anna.schmidt@corp.example', sessionIndex: '_session-1' });
    await expect(
      sp().validatePostRequestAsync({ SAMLRequest: b64(buildLogoutRequestPost(options, other)) }),
    ).rejects.toThrow('Invalid signature on documentElement');
  });
});

describe('parseAuthnRequest', () => {
  it('reads the request node-saml sends over HTTP-Redirect', async () => {
    const saml = sp({ entryPoint: 'https://idp.example.test/sso' });
    const url = new URL(await saml.getAuthorizeUrlAsync('', 'idp.example.test', {}));
    const request = parseAuthnRequest(url.searchParams.get('SAMLRequest') as string);
    expect(request).toEqual({
      id: expect.stringMatching(/^_/),
      issuer: SP,
      acsUrl: ACS,
      destination: 'https://idp.example.test/sso',
    });
  });

  it('refuses what is not an AuthnRequest, a DOCTYPE, bad encoding and inflation bombs', () => {
    expect(() => parseAuthnRequest('%%%')).toThrow(SamlMessageError);
    expect(() => parseAuthnRequest(Buffer.from('not deflated').toString('base64'))).toThrow(SamlMessageError);
    expect(() => parseAuthnRequest(encodeRedirectMessage(buildLogoutRequest(options())))).toThrow(
      'SAMLRequest is not an AuthnRequest',
    );
    const doctype =
      '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1">&e;</samlp:AuthnRequest>';
    expect(() => parseAuthnRequest(encodeRedirectMessage(doctype))).toThrow('DOCTYPE is not allowed');
    const bomb = encodeRedirectMessage(
      `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1">${' '.repeat(1_000_000)}</samlp:AuthnRequest>`,
    );
    expect(bomb.length).toBeLessThan(5_000);
    expect(() => parseAuthnRequest(bomb)).toThrow('acceptable size');
    const badId = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="1 x"/>`;
    expect(() => parseAuthnRequest(encodeRedirectMessage(badId))).toThrow('no usable ID');
  });

  function options() {
    return { issuer: IDP, destination: SLO, nameId: 'x' };
  }
});

describe('buildIdpMetadata', () => {
  it('lists every certificate and the endpoints, in schema order', () => {
    const xml = buildIdpMetadata({
      entityId: IDP,
      ssoUrl: 'https://idp.example.test/sso',
      sloUrl: 'https://idp.example.test/slo',
      certificatesPem: [keys.certificatePem, other.certificatePem],
    });
    const root = parseXml(xml).documentElement as Element;
    expect(root.getAttribute('entityID')).toBe(IDP);
    const descriptor = root.getElementsByTagNameNS(
      'urn:oasis:names:tc:SAML:2.0:metadata',
      'IDPSSODescriptor',
    )[0];
    const order = Array.from(descriptor.childNodes as unknown as ArrayLike<Node>)
      .filter((n) => n.nodeType === 1)
      .map((n) => (n as Element).localName);
    expect(order).toEqual([
      'KeyDescriptor',
      'KeyDescriptor',
      'SingleLogoutService',
      'SingleLogoutService',
      'NameIDFormat',
      'NameIDFormat',
      'SingleSignOnService',
    ]);
    const certs = Array.from(
      root.getElementsByTagNameNS(
        'http://www.w3.org/2000/09/xmldsig#',
        'X509Certificate',
      ) as unknown as ArrayLike<Element>,
    ).map((e) => e.textContent);
    expect(certs).toHaveLength(2);
    expect(new X509Certificate(Buffer.from(certs[0] as string, 'base64')).subject).toBe('CN=Test IdP');
  });
});
