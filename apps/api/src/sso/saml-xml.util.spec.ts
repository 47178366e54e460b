import { XMLSerializer } from '@xmldom/xmldom';
import { deflateRawSync } from 'node:zlib';
import {
  buildSamlResponse,
  createIdpKeyPair,
  parseXml,
  signSamlResponse,
  type IdpKeyPair,
  type SamlResponseOptions,
} from './demo-idp/saml-idp.util';
import {
  checkVerifiedResponse,
  decodePostMessage,
  decodeRedirectMessage,
  safeReturnPath,
  SamlCheckFailed,
  SamlMessageRefused,
  verifiedResponseXml,
  type ExpectedResponse,
} from './saml-xml.util';

const ACS = 'https://brevet.test/auth/saml/acme/acs';
const IDP = 'https://idp.test/saml';
const expected: ExpectedResponse = { acsUrl: ACS, idpEntityId: IDP, requireEncrypted: false };

function response(overrides: Partial<SamlResponseOptions> = {}): string {
  return buildSamlResponse({
    issuer: IDP,
    destination: ACS,
    inResponseTo: '_req1',
    audience: 'https://brevet.test/auth/saml/acme/metadata',
    nameId: 'anna@corp.example',
    sessionIndex: '_s1',
    attributes: { groups: ['a', 'b'], email: 'anna@corp.example' },
    ...overrides,
  });
}

/** The Response as "verified XML" and its Assertion, as node-saml hands them over. */
function split(xml: string): [string, string] {
  const doc = parseXml(xml);
  const assertion = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Assertion')[0];
  return [xml, new XMLSerializer().serializeToString(assertion)];
}

function check(xml: string, overrides: Partial<ExpectedResponse> = {}) {
  const [responseXml, assertionXml] = split(xml);
  return checkVerifiedResponse(responseXml, assertionXml, { ...expected, ...overrides });
}

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof SamlCheckFailed || error instanceof SamlMessageRefused) return error.reason;
    throw error;
  }
  throw new Error('expected a refusal');
}

function refusal(fn: () => unknown): SamlMessageRefused {
  try {
    fn();
  } catch (error) {
    if (error instanceof SamlMessageRefused) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkVerifiedResponse', () => {
  it('accepts a correct response and returns what Brevet uses', () => {
    const checked = check(response({ ids: { assertion: '_a1' } }));
    expect(checked).toMatchObject({
      assertionId: '_a1',
      nameId: 'anna@corp.example',
      sessionIndex: '_s1',
      attributes: [
        { name: 'groups', values: ['a', 'b'] },
        { name: 'email', values: ['anna@corp.example'] },
      ],
    });
    expect(checked.notOnOrAfter).toBeInstanceOf(Date);
  });

  it.each<[string, Partial<SamlResponseOptions>, Partial<ExpectedResponse>, string]>([
    [
      'wrong Destination',
      { destination: 'https://evil/acs', recipient: ACS },
      {},
      'the Response Destination is not this assertion consumer service',
    ],
    ['missing Destination', { destination: null, recipient: ACS }, {}, 'the Response has no Destination'],
    [
      'wrong Recipient',
      { recipient: 'https://evil/acs' },
      {},
      'a SubjectConfirmationData Recipient is not this assertion consumer service',
    ],
    ['missing Recipient', { recipient: null }, {}, 'a SubjectConfirmationData has no Recipient'],
    [
      'wrong assertion Issuer',
      { assertionIssuer: 'https://evil' },
      {},
      'the Assertion Issuer is not the configured identity provider',
    ],
    [
      'wrong Response Issuer',
      { issuer: 'https://evil', assertionIssuer: IDP },
      {},
      'the Response Issuer is not the configured identity provider',
    ],
    [
      'plaintext when encryption is required',
      {},
      { requireEncrypted: true },
      'the assertion is not encrypted, but this identity provider must encrypt',
    ],
    ['an empty NameID', { nameId: ' ' }, {}, 'the NameID is empty'],
    ['an overlong NameID', { nameId: 'x'.repeat(513) }, {}, 'the NameID is longer than 512 characters'],
  ])('refuses %s', (_label, options, expectation, message) => {
    expect(reason(() => check(response(options), expectation))).toBe(message);
  });

  it('refuses a response with two assertions', () => {
    const xml = response();
    const doubled = xml.replace(/(<saml:Assertion[\s\S]*<\/saml:Assertion>)/, '$1$1');
    expect(reason(() => check(doubled))).toBe('the Response does not hold exactly one assertion');
  });

  it('refuses an assertion hidden outside the assertion slot', () => {
    const xml = response();
    const assertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)?.[0] ?? '';
    const hidden = xml.replace(
      '<samlp:Status>',
      `<samlp:Extensions>${assertion.replace(/ID="[^"]+"/, 'ID="_x"')}</samlp:Extensions><samlp:Status>`,
    );
    expect(reason(() => checkVerifiedResponse(hidden, split(xml)[1], expected))).toBe(
      'the Response holds an assertion outside its assertion slot',
    );
  });

  it('refuses an assertion that is not the one in the Response', () => {
    const [responseXml] = split(response({ ids: { assertion: '_one' } }));
    const [, otherAssertion] = split(response({ ids: { assertion: '_two' } }));
    expect(reason(() => checkVerifiedResponse(responseXml, otherAssertion, expected))).toBe(
      'the verified assertion is not the one in the Response',
    );
  });

  it('reads the whole NameID, even when a comment splits it', () => {
    const xml = response({ nameId: 'admin@corp.example.evil.test' }).replace(
      'admin@corp.example.evil.test',
      'admin@corp.example<!---->.evil.test',
    );
    expect(check(xml).nameId).toBe('admin@corp.example.evil.test');
  });
});

describe('verifiedResponseXml', () => {
  let keys: IdpKeyPair;
  let other: IdpKeyPair;
  beforeAll(() => {
    keys = createIdpKeyPair({ commonName: 'unit', days: 1 });
    other = createIdpKeyPair({ commonName: 'other', days: 1 });
  });

  it('returns the signed Response for a trusted certificate, null otherwise', () => {
    const signed = signSamlResponse(response(), keys);
    const verified = verifiedResponseXml(signed, [other.certificatePem, keys.certificatePem]);
    expect(verified).toContain(`Destination="${ACS}"`);
    expect(verifiedResponseXml(signed, [other.certificatePem])).toBeNull();
    expect(
      verifiedResponseXml(signSamlResponse(response(), { ...keys, signResponse: false }), [
        keys.certificatePem,
      ]),
    ).toBeNull();
  });

  it('returns null when the signed Response was changed', () => {
    const signed = signSamlResponse(response(), keys).replace(
      `Destination="${ACS}"`,
      'Destination="https://evil/acs"',
    );
    expect(verifiedResponseXml(signed, [keys.certificatePem])).toBeNull();
  });
});

describe('decoding', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('refuses DOCTYPE in a POST message before parsing', () => {
    expect(reason(() => decodePostMessage(b64('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')))).toBe(
      'DOCTYPE is not allowed in SAML messages',
    );
    expect(reason(() => decodePostMessage(b64('<!doctype x><x/>')))).toBe(
      'DOCTYPE is not allowed in SAML messages',
    );
  });

  it('refuses missing, non-base64 and oversized POST messages', () => {
    expect(reason(() => decodePostMessage(undefined))).toBe('SAMLResponse is missing');
    expect(reason(() => decodePostMessage({ a: 1 }))).toBe('SAMLResponse is missing');
    expect(reason(() => decodePostMessage('<xml/>'))).toBe('SAMLResponse is not base64');
    expect(refusal(() => decodePostMessage('A'.repeat(100_001))).status).toBe(413);
    expect(refusal(() => decodePostMessage(b64('<!DOCTYPE x><x/>'))).status).toBe(400);
  });

  it('inflates a redirect message with a hard limit', () => {
    const small = deflateRawSync(Buffer.from('<samlp:LogoutRequest/>')).toString('base64');
    expect(decodeRedirectMessage(small)).toBe('<samlp:LogoutRequest/>');
    const bomb = deflateRawSync(Buffer.alloc(1_000_000, 32)).toString('base64');
    expect(bomb.length).toBeLessThan(16_384);
    expect(reason(() => decodeRedirectMessage(bomb))).toBe('SAMLRequest inflates to more than 65536 bytes');
    expect(reason(() => decodeRedirectMessage(b64('not deflate')))).toBe(
      'SAMLRequest is not DEFLATE-compressed',
    );
    const doctype = deflateRawSync(Buffer.from('<!DOCTYPE x><x/>')).toString('base64');
    expect(reason(() => decodeRedirectMessage(doctype))).toBe('DOCTYPE is not allowed in SAML messages');
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/', '/'],
    ['/staff', '/staff'],
    ['/staff/12?tab=awards#top', '/staff/12?tab=awards#top'],
  ])('keeps %s', (value, result) => {
    expect(safeReturnPath(value)).toBe(result);
  });

  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    'javascript:alert(1)',
    'staff',
    '/api/v1/auth/me',
    '/auth/saml/x/login',
    '/scim/v2/Users',
    '/a\r\nSet-Cookie: x=1',
    `/${'a'.repeat(600)}`,
    '',
    undefined,
    ['/staff'],
  ])('refuses %p', (value) => {
    expect(safeReturnPath(value)).toBeNull();
  });
});
