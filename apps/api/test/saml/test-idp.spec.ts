// Proves the test IdP and its hostile inputs against node-saml's `SAML` class itself (no HTTP, no Brevet SP
// code): the baseline validates, and every attack is rejected or yields the victim's NameID.
//
// What node-saml 5.1.0 (xml-crypto 6.3.2) did with each input. "strict" = wantAuthnResponseSigned and
// wantAssertionsSigned (Brevet's setting); "assertion-only" / "response-only" = the other signature not
// required, so the attack meets the signature it targets instead of failing on the one it broke.
//
// | input                               | victim signed | SP             | outcome                                               |
// |-------------------------------------|---------------|----------------|-------------------------------------------------------|
// | XSW1                                | both          | strict         | rejected: Invalid signature, too many transforms      |
// | XSW1                                | response      | response-only  | rejected: Referenced node does not refer to its parent |
// | XSW2                                | both          | strict         | rejected: Referenced node does not refer to its parent |
// | XSW2                                | response      | response-only  | rejected: Referenced node does not refer to its parent |
// | XSW3                                | both          | strict         | rejected: Invalid document signature                  |
// | XSW3                                | assertion     | assertion-only | rejected: Invalid signature: multiple assertions      |
// | XSW4                                | both          | strict         | rejected: Invalid document signature                  |
// | XSW4                                | assertion     | assertion-only | rejected: Invalid signature (evil assertion unsigned) |
// | XSW5                                | both          | strict         | rejected: Invalid document signature                  |
// | XSW5                                | assertion     | assertion-only | rejected: Invalid signature: multiple assertions      |
// | XSW6                                | both          | strict         | rejected: Invalid document signature                  |
// | XSW6                                | assertion     | assertion-only | rejected: Referenced node does not refer to its parent |
// | XSW7                                | both          | strict         | rejected: Invalid document signature                  |
// | XSW7                                | assertion     | assertion-only | rejected: ID cannot refer to more than one element    |
// | XSW8                                | both          | strict         | rejected: Invalid document signature                  |
// | XSW8                                | assertion     | assertion-only | rejected: ID cannot refer to more than one element    |
// | two assertions (before / after)     | both          | strict         | rejected: Invalid document signature                  |
// | two assertions (before / after)     | assertion     | assertion-only | rejected: Invalid signature: multiple assertions      |
// | multiple root elements (both orders)| both          | strict         | rejected by xmldom: Hierarchy request error           |
// | attacker's key + cert in KeyInfo    | both          | strict         | rejected: Invalid document signature                  |
// | attacker's key + cert in KeyInfo    | assertion     | assertion-only | rejected: Invalid signature                           |
// | several SignedInfo                  | both          | strict         | rejected: Invalid signature, too many transforms      |
// | several SignedInfo                  | assertion     | assertion-only | rejected: Invalid signature, too many transforms      |
// | comment inside DigestValue          | both          | strict         | rejected: Invalid document signature                  |
// | comment inside DigestValue          | assertion     | assertion-only | rejected: Invalid signature                           |
// | comment inside NameID               | both          | strict         | accepted, NameID is the whole signed string           |
// | DOCTYPE + external entity           | both          | strict         | rejected by xmldom: entity not found (no file read)   |
// | entity expansion bomb               | both          | strict         | rejected by xmldom: entity not found (no expansion)   |
// No input yielded the evil NameID. node-saml does NOT refuse a DOCTYPE itself: Brevet's SP must (S14).
import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import { inflateRawSync } from 'node:zlib';
import { bareCertificate, createIdpKeyPair, type IdpKeyPair } from '../../src/sso/demo-idp/saml-idp.util';
import {
  attackerKeyPair,
  commentInDigestValue,
  commentInNameId,
  doctypeExternalEntity,
  edit,
  entityExpansionBomb,
  multipleRootElements,
  oversizedDeflatedRedirect,
  severalSignedInfo,
  TestIdp,
  toMessage,
  twoAssertions,
  XSW_VARIANTS,
  type SamlMessage,
  type SignMode,
  type TestResponseOptions,
  type XswVariant,
} from './test-idp';

jest.setTimeout(30_000);

const SP_ENTITY = 'https://brevet.example.test/saml/sp';
const ACS = 'https://brevet.example.test/auth/saml/acme/acs';
const VICTIM = 'victim@corp.example';
const EVIL = { nameId: 'admin@corp.example' };

type SpMode = 'strict' | 'assertion-only' | 'response-only';

let idp: TestIdp;
let spKeys: IdpKeyPair;
const victims = {} as Record<SignMode, string>;

beforeAll(async () => {
  idp = TestIdp.create({ entityId: 'https://idp.example.test/saml' });
  spKeys = createIdpKeyPair({ commonName: 'Brevet SP', days: 2 });
  for (const sign of ['both', 'assertion', 'response', 'none'] as const)
    victims[sign] = (await idp.response(options({ sign }))).xml;
});

function options(overrides: Partial<TestResponseOptions> = {}): TestResponseOptions {
  return {
    destination: ACS,
    audience: SP_ENTITY,
    inResponseTo: '_req-1',
    nameId: VICTIM,
    sessionIndex: '_s-1',
    attributes: { email: VICTIM, groups: ['brevet-employees'] },
    ...overrides,
  };
}

function sp(mode: SpMode = 'strict', overrides: Partial<SamlConfig> = {}): SAML {
  return new SAML({
    idpCert: idp.certificatesPem,
    issuer: SP_ENTITY,
    audience: SP_ENTITY,
    callbackUrl: ACS,
    wantAssertionsSigned: mode !== 'response-only',
    wantAuthnResponseSigned: mode !== 'assertion-only',
    validateInResponseTo: ValidateInResponseTo.never,
    acceptedClockSkewMs: 60_000,
    ...overrides,
  });
}

/** `accepted: <NameID>` or `rejected: <message>`, so that each row asserts exactly what happened. */
function outcome(saml: SAML, message: SamlMessage): Promise<string> {
  return saml.validatePostResponseAsync({ SAMLResponse: message.base64 }).then(
    (r) => `accepted: ${String(r.profile?.nameID)}`,
    (e: Error) => `rejected: ${e.message}`,
  );
}

describe('TestIdp', () => {
  it('baseline: a response signed both ways validates, with the NameID and attributes', async () => {
    const { profile } = await sp().validatePostResponseAsync({
      SAMLResponse: toMessage(victims.both).base64,
    });
    expect(profile).toMatchObject({
      nameID: VICTIM,
      sessionIndex: '_s-1',
      attributes: { email: VICTIM, groups: 'brevet-employees' },
    });
  });

  it('signs what `sign` says', async () => {
    expect(await outcome(sp('assertion-only'), toMessage(victims.assertion))).toBe(`accepted: ${VICTIM}`);
    expect(await outcome(sp('response-only'), toMessage(victims.response))).toBe(`accepted: ${VICTIM}`);
    expect(await outcome(sp(), toMessage(victims.assertion))).toBe('rejected: Invalid document signature');
    expect(await outcome(sp(), toMessage(victims.response))).toBe('rejected: Invalid signature');
    expect(await outcome(sp(), toMessage(victims.none))).toBe('rejected: Invalid document signature');
    expect(await outcome(sp('assertion-only'), toMessage(victims.none))).toBe('rejected: Invalid signature');
  });

  it('applies `mutate` after signing', async () => {
    const message = await idp.response(
      options({
        mutate: (doc) => {
          const nameId = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'NameID')[0];
          nameId.replaceChild(doc.createTextNode(EVIL.nameId), nameId.firstChild as Node);
        },
      }),
    );
    expect(message.xml).toContain(`>${EVIL.nameId}</saml:NameID>`);
    expect(await outcome(sp(), message)).toBe('rejected: Invalid document signature');
  });

  it('keeps old keys on rotate(); a response validates against whichever certificates the SP trusts', async () => {
    const rotating = TestIdp.create({ entityId: 'https://idp.example.test/rotating' });
    const [oldKey] = rotating.keys;
    const newCert = rotating.rotate();
    expect(rotating.certificatesPem).toEqual([oldKey.certificatePem, newCert]);
    const trustBoth = sp('strict', { idpCert: rotating.certificatesPem });
    const trustNew = sp('strict', { idpCert: [newCert] });
    expect(await outcome(trustBoth, await rotating.response(options()))).toBe(`accepted: ${VICTIM}`);
    const byOld = await rotating.response(options({ signWith: oldKey }));
    expect(await outcome(trustBoth, byOld)).toBe(`accepted: ${VICTIM}`);
    expect(await outcome(trustNew, byOld)).toBe('rejected: Invalid document signature');
  });

  it.each(['aes256-gcm', 'aes256-cbc'] as const)(
    'an EncryptedAssertion (%s, RSA-OAEP) validates when the SP has decryptionPvk, and only then',
    async (encryption) => {
      const message = await idp.response(options({ encryptFor: spKeys.certificatePem, encryption }));
      expect(message.xml).toContain('<saml:EncryptedAssertion');
      expect(message.xml).not.toContain('<saml:Assertion');
      expect(message.xml).not.toContain(VICTIM);
      const withKey = sp('strict', { decryptionPvk: spKeys.privateKeyPem });
      const { profile } = await withKey.validatePostResponseAsync({ SAMLResponse: message.base64 });
      expect(profile).toMatchObject({ nameID: VICTIM, attributes: { email: VICTIM } });
      expect(await outcome(sp(), message)).toBe('rejected: No decryption key for encrypted SAML response');
    },
  );

  it('a tampered EncryptedAssertion is rejected', async () => {
    const message = await idp.response(options({ sign: 'assertion', encryptFor: spKeys.certificatePem }));
    const tampered = edit(message.xml, (doc) => {
      const values = doc.getElementsByTagNameNS('http://www.w3.org/2001/04/xmlenc#', 'CipherValue');
      const data = values[values.length - 1];
      const bytes = Buffer.from(data.textContent ?? '', 'base64');
      bytes[bytes.length - 20] ^= 0x01;
      data.replaceChild(doc.createTextNode(bytes.toString('base64')), data.firstChild as Node);
    });
    const saml = sp('assertion-only', { decryptionPvk: spKeys.privateKeyPem });
    expect(await outcome(saml, message)).toBe(`accepted: ${VICTIM}`);
    expect(await outcome(saml, toMessage(tampered))).toMatch(/^rejected: /);
  });

  it('builds logout requests that node-saml accepts', async () => {
    const redirect = idp.logoutRequestRedirect({
      destination: 'https://brevet.example.test/auth/saml/acme/slo',
      nameId: VICTIM,
      sessionIndex: '_s-1',
      relayState: 'r',
    });
    const query = Object.fromEntries(new URLSearchParams(redirect.queryString));
    const result = await sp('strict', { idpIssuer: idp.entityId }).validateRedirectAsync(
      query,
      redirect.queryString,
    );
    expect(result).toMatchObject({ loggedOut: true, profile: { nameID: VICTIM, sessionIndex: '_s-1' } });
    const post = idp.logoutRequestPost({ destination: 'https://brevet.example.test/x', nameId: VICTIM });
    await expect(sp().validatePostRequestAsync({ SAMLRequest: post.base64 })).resolves.toMatchObject({
      profile: { nameID: VICTIM },
    });
  });
});

describe('signature wrapping XSW1–XSW8 (S11)', () => {
  const rows: Array<[XswVariant, SignMode, SpMode, RegExp]> = [
    ['xsw1', 'both', 'strict', /^rejected: Invalid signature, too many transforms$/],
    [
      'xsw1',
      'response',
      'response-only',
      /^rejected: .*Referenced node does not refer to it's parent element$/,
    ],
    ['xsw2', 'both', 'strict', /^rejected: .*Referenced node does not refer to it's parent element$/],
    [
      'xsw2',
      'response',
      'response-only',
      /^rejected: .*Referenced node does not refer to it's parent element$/,
    ],
    ['xsw3', 'both', 'strict', /^rejected: Invalid document signature$/],
    ['xsw3', 'assertion', 'assertion-only', /^rejected: Invalid signature: multiple assertions$/],
    ['xsw4', 'both', 'strict', /^rejected: Invalid document signature$/],
    ['xsw4', 'assertion', 'assertion-only', /^rejected: Invalid signature$/],
    ['xsw5', 'both', 'strict', /^rejected: Invalid document signature$/],
    ['xsw5', 'assertion', 'assertion-only', /^rejected: Invalid signature: multiple assertions$/],
    ['xsw6', 'both', 'strict', /^rejected: Invalid document signature$/],
    [
      'xsw6',
      'assertion',
      'assertion-only',
      /^rejected: .*Referenced node does not refer to it's parent element$/,
    ],
    ['xsw7', 'both', 'strict', /^rejected: Invalid document signature$/],
    ['xsw7', 'assertion', 'assertion-only', /^rejected: .*ID cannot refer to more than one element$/],
    ['xsw8', 'both', 'strict', /^rejected: Invalid document signature$/],
    ['xsw8', 'assertion', 'assertion-only', /^rejected: .*ID cannot refer to more than one element$/],
  ];

  it.each(rows)('%s on a response signed %s, SP %s', async (variant, signed, mode, expected) => {
    const attack = XSW_VARIANTS[variant](victims[signed], EVIL);
    // The attack carries the evil NameID and the victim's untouched signature value.
    expect(attack.xml).toContain(`>${EVIL.nameId}</saml:NameID>`);
    const signatureValue = /<ds:SignatureValue>([^<]+)</.exec(victims[signed])?.[1] as string;
    expect(attack.xml).toContain(signatureValue);
    const result = await outcome(sp(mode), attack);
    expect(result).toMatch(expected);
    expect(result).not.toContain(EVIL.nameId);
  });

  it('XSW1–2 need a signed Response and XSW3–8 a signed Assertion', () => {
    expect(() => XSW_VARIANTS.xsw1(victims.assertion, EVIL)).toThrow('Response is not signed');
    expect(() => XSW_VARIANTS.xsw3(victims.response, EVIL)).toThrow('Assertion is not signed');
  });
});

describe('other hostile inputs (S11–S14, S19)', () => {
  it.each([
    ['after', 'both', 'strict', 'rejected: Invalid document signature'],
    ['before', 'both', 'strict', 'rejected: Invalid document signature'],
    ['after', 'assertion', 'assertion-only', 'rejected: Invalid signature: multiple assertions'],
    ['before', 'assertion', 'assertion-only', 'rejected: Invalid signature: multiple assertions'],
  ] as const)('two assertions (evil %s), signed %s, SP %s', async (position, signed, mode, expected) => {
    const attack = twoAssertions(victims[signed], EVIL, position);
    expect(attack.xml.match(/<saml:Assertion /g)).toHaveLength(2);
    expect(await outcome(sp(mode), attack)).toBe(expected);
  });

  it.each(['evil-first', 'signed-first'] as const)('multiple root elements (%s)', async (order) => {
    const attack = multipleRootElements(victims.both, EVIL, order);
    expect(attack.xml.match(/<samlp:Response /g)).toHaveLength(2);
    expect(await outcome(sp(), attack)).toMatch(/^rejected: .*Hierarchy request error/);
  });

  it("an attacker's key with its certificate in KeyInfo", async () => {
    const attacker = attackerKeyPair();
    const forged = await idp.response(options({ nameId: EVIL.nameId, signWith: attacker }));
    expect(forged.xml).toContain(`<ds:X509Certificate>${bareCertificate(attacker.certificatePem)}<`);
    expect(await outcome(sp(), forged)).toBe('rejected: Invalid document signature');
    const assertionOnly = await idp.response(
      options({ nameId: EVIL.nameId, signWith: attacker, sign: 'assertion' }),
    );
    expect(await outcome(sp('assertion-only'), assertionOnly)).toBe('rejected: Invalid signature');
  });

  it.each([
    ['both', 'strict'],
    ['assertion', 'assertion-only'],
  ] as const)('several SignedInfo (signed %s, SP %s)', async (signed, mode) => {
    const attack = severalSignedInfo(victims[signed], EVIL);
    expect(attack.xml.match(/<ds:SignedInfo>/g)).toHaveLength(signed === 'both' ? 4 : 2);
    expect(await outcome(sp(mode), attack)).toBe('rejected: Invalid signature, too many transforms');
  });

  it.each([
    ['both', 'strict', 'rejected: Invalid document signature'],
    ['assertion', 'assertion-only', 'rejected: Invalid signature'],
  ] as const)('comment inside DigestValue (signed %s, SP %s)', async (signed, mode, expected) => {
    const attack = commentInDigestValue(victims[signed], EVIL);
    expect(attack.xml).toMatch(
      /<ds:DigestValue><!--[A-Za-z0-9+/=]{44}-->[A-Za-z0-9+/=]{44}<\/ds:DigestValue>/,
    );
    expect(await outcome(sp(mode), attack)).toBe(expected);
  });

  it('comment inside NameID: the signature holds and node-saml reads the whole NameID', async () => {
    const message = await idp.response(
      options({ nameId: 'admin@corp.example.evil.test', mutate: commentInNameId('admin@corp.example') }),
    );
    expect(message.xml).toContain('>admin@corp.example<!---->.evil.test</saml:NameID>');
    expect(await outcome(sp(), message)).toBe('accepted: admin@corp.example.evil.test');
  });

  it('DOCTYPE with an external entity and an entity-expansion bomb are not expanded by node-saml', async () => {
    const xxe = doctypeExternalEntity(victims.both, '/etc/hostname');
    expect(xxe.xml).toMatch(
      /^<\?xml version="1.0"\?>\n<!DOCTYPE Response \[<!ENTITY xxe SYSTEM "file:\/\/\/etc\/hostname">\]>/,
    );
    expect(xxe.xml).toContain('>&xxe;</saml:NameID>');
    expect(await outcome(sp(), xxe)).toMatch(/^rejected: .*entity not found:&xxe;/);
    const bomb = entityExpansionBomb(victims.both);
    expect(bomb.xml).toContain('<!ENTITY lol9 "&lol8;&lol8;');
    expect(bomb.xml.length).toBeLessThan(victims.both.length + 2_000);
    expect(await outcome(sp(), bomb)).toMatch(/^rejected: .*entity not found/);
  });

  it('an oversized deflated redirect parameter is small on the wire and huge inflated', () => {
    const { SAMLRequest, inflatedBytes } = oversizedDeflatedRedirect();
    expect(SAMLRequest.length).toBeLessThan(16_000);
    expect(inflatedBytes).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    const inflated = inflateRawSync(Buffer.from(SAMLRequest, 'base64'));
    expect(inflated.length).toBe(inflatedBytes);
    expect(inflated.subarray(0, 30).toString()).toBe('<samlp:LogoutRequest xmlns:sam');
  });
});
