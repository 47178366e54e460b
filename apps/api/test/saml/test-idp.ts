// Test-only identity provider and hostile SAML inputs for the SP's attack tests (SECURITY-TESTS.md S1–S19).
// Each hostile helper starts from what a real IdP signed for a victim and changes it after signing, the way
// an attacker holding that victim's (or their own) valid response would.
import { XMLSerializer } from '@xmldom/xmldom';
import { createHash, createPublicKey } from 'node:crypto';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { ExclusiveCanonicalization } from 'xml-crypto';
import * as xmlenc from 'xml-encryption';
import {
  buildIdpMetadata,
  buildLogoutRequest,
  buildLogoutRequestPost,
  buildSamlResponse,
  childElements,
  createIdpKeyPair,
  parseXml,
  SAML_NS,
  signLogoutRequestRedirect,
  signSamlResponse,
  type IdpKeyPair,
  type LogoutRequestOptions,
  type RedirectBindingMessage,
  type SamlResponseOptions,
} from '../../src/sso/demo-idp/saml-idp.util';

/** A SAML message as XML and as the base64 a browser would POST (`SAMLResponse`/`SAMLRequest`). */
export interface SamlMessage {
  xml: string;
  base64: string;
}

export type SignMode = 'both' | 'assertion' | 'response' | 'none';

export const ENCRYPTION = {
  'aes256-gcm': 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
  'aes256-cbc': 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
} as const;

export interface TestResponseOptions extends Omit<SamlResponseOptions, 'issuer'> {
  /** Default: the IdP's entity ID. */
  issuer?: string;
  /** Which signatures to make. Default: `both` (assertion first, then response). */
  sign?: SignMode;
  /** Encrypt the Assertion for this SP certificate (EncryptedAssertion, RSA-OAEP key transport). */
  encryptFor?: string;
  /** Default: aes256-gcm. */
  encryption?: keyof typeof ENCRYPTION;
  /** Sign with another key, whose certificate goes into KeyInfo (an attacker's, or a rotated-out one). */
  signWith?: IdpKeyPair;
  /** Applied after signing (and encrypting): the attacks work on the signed document. */
  mutate?: (doc: Document) => void;
}

export function toMessage(xml: string): SamlMessage {
  return { xml, base64: Buffer.from(xml, 'utf8').toString('base64') };
}

const encrypt = promisify(xmlenc.encrypt) as (
  content: string,
  options: xmlenc.EncryptOptions,
) => Promise<string>;

/**
 * An in-process identity provider with a throwaway key and certificate per instance. `rotate()` adds a new
 * signing key and keeps the old ones (for certificate-rotation tests).
 */
export class TestIdp {
  private readonly keyPairs: IdpKeyPair[];

  private constructor(
    readonly entityId: string,
    first: IdpKeyPair,
  ) {
    this.keyPairs = [first];
  }

  static create(options: { entityId: string; commonName?: string }): TestIdp {
    return new TestIdp(
      options.entityId,
      createIdpKeyPair({ commonName: options.commonName ?? 'Test IdP', days: 2 }),
    );
  }

  /** The key the IdP signs with now (the newest). */
  get currentKey(): IdpKeyPair {
    return this.keyPairs[this.keyPairs.length - 1];
  }

  /** Every key so far, oldest first. */
  get keys(): readonly IdpKeyPair[] {
    return [...this.keyPairs];
  }

  get certificatePem(): string {
    return this.currentKey.certificatePem;
  }

  /** Every certificate so far, oldest first. */
  get certificatesPem(): string[] {
    return this.keyPairs.map((k) => k.certificatePem);
  }

  /** A new signing key; the old ones stay available in {@link keys}. Returns the new certificate. */
  rotate(): string {
    this.keyPairs.push(createIdpKeyPair({ commonName: `Test IdP ${this.keyPairs.length + 1}`, days: 2 }));
    return this.certificatePem;
  }

  /** A Response for `opts`, signed as asked, optionally encrypted, then mutated. */
  async response(opts: TestResponseOptions): Promise<SamlMessage> {
    const { sign = 'both', encryptFor, encryption = 'aes256-gcm', signWith, mutate, ...rest } = opts;
    const keys = signWith ?? this.currentKey;
    let xml = buildSamlResponse({ ...rest, issuer: rest.issuer ?? this.entityId });
    if (sign === 'both' || sign === 'assertion')
      xml = signSamlResponse(xml, { ...keys, signAssertion: true, signResponse: false });
    if (encryptFor) xml = await encryptAssertion(xml, encryptFor, encryption);
    if (sign === 'both' || sign === 'response')
      xml = signSamlResponse(xml, { ...keys, signAssertion: false, signResponse: true });
    if (mutate) xml = edit(xml, mutate);
    return toMessage(xml);
  }

  metadata(options: { ssoUrl: string; sloUrl?: string }): string {
    return buildIdpMetadata({ entityId: this.entityId, certificatesPem: this.certificatesPem, ...options });
  }

  /** An IdP-initiated LogoutRequest over HTTP-Redirect, signed with the current key (or `signWith`). */
  logoutRequestRedirect(
    options: Omit<LogoutRequestOptions, 'issuer'> & {
      issuer?: string;
      relayState?: string;
      signWith?: IdpKeyPair;
    },
  ): RedirectBindingMessage {
    const { relayState, signWith, ...rest } = options;
    return signLogoutRequestRedirect(buildLogoutRequest({ ...rest, issuer: rest.issuer ?? this.entityId }), {
      privateKeyPem: (signWith ?? this.currentKey).privateKeyPem,
      relayState,
    });
  }

  /** An IdP-initiated LogoutRequest over HTTP-POST (enveloped signature). */
  logoutRequestPost(
    options: Omit<LogoutRequestOptions, 'issuer'> & { issuer?: string; signWith?: IdpKeyPair },
  ): SamlMessage {
    const { signWith, ...rest } = options;
    return toMessage(
      buildLogoutRequestPost({ ...rest, issuer: rest.issuer ?? this.entityId }, signWith ?? this.currentKey),
    );
  }
}

async function encryptAssertion(
  xml: string,
  spCertificatePem: string,
  algorithm: keyof typeof ENCRYPTION,
): Promise<string> {
  const doc = parseXml(xml);
  const assertion = theAssertion(doc);
  const encrypted = await encrypt(new XMLSerializer().serializeToString(assertion), {
    rsa_pub: createPublicKey(spCertificatePem).export({ type: 'spki', format: 'pem' }).toString(),
    pem: spCertificatePem,
    encryptionAlgorithm: ENCRYPTION[algorithm],
    keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
    disallowEncryptionWithInsecureAlgorithm: true,
    warnInsecureAlgorithm: false,
  });
  const wrapper = parseXml(
    `<saml:EncryptedAssertion xmlns:saml="${SAML_NS.assertion}">${encrypted}</saml:EncryptedAssertion>`,
  ).documentElement as Element;
  assertion.parentNode?.replaceChild(doc.importNode(wrapper, true), assertion);
  return serialize(doc);
}

// ---------------------------------------------------------------------------------------------------------
// DOM helpers

function serialize(doc: Document): string {
  return new XMLSerializer().serializeToString(doc);
}

/** Parses `xml`, lets `change` edit the document, and serializes it again. */
export function edit(xml: string, change: (doc: Document) => void): string {
  const doc = parseXml(xml);
  change(doc);
  return serialize(doc);
}

function all(root: Document | Element, localName: string, ns: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, localName) as unknown as ArrayLike<Element>);
}

/** The first Assertion in document order, as SAML Raider picks it. */
function theAssertion(doc: Document): Element {
  const assertion = all(doc, 'Assertion', SAML_NS.assertion)[0];
  if (!assertion) throw new Error('the message has no Assertion');
  return assertion;
}

/** The enveloped signature that is a direct child of `element`. */
function ownSignature(element: Element): Element {
  const signature = childElements(element, 'Signature', SAML_NS.dsig)[0];
  if (!signature) throw new Error(`the ${element.localName} is not signed: sign the victim's response first`);
  return signature;
}

function setText(element: Element, value: string): void {
  while (element.firstChild) element.removeChild(element.firstChild);
  element.appendChild(element.ownerDocument.createTextNode(value));
}

/** What the attacker wants the SP to believe. */
export interface EvilClaims {
  nameId: string;
}

/** Rewrites the NameID inside `within` (an Assertion, or a Response holding one). */
function applyEvil(within: Element, evil: EvilClaims): void {
  const nameIds = all(within, 'NameID', SAML_NS.assertion);
  if (nameIds.length === 0) throw new Error('no NameID to replace');
  for (const nameId of nameIds) setText(nameId, evil.nameId);
}

function withoutOwnSignature(element: Element): Element {
  const copy = element.cloneNode(true) as Element;
  copy.removeChild(ownSignature(copy));
  return copy;
}

/**
 * The digest xml-crypto expects for `element` under our transforms: enveloped signature (its own Signature
 * removed), then exclusive c14n without comments, SHA-256, base64.
 */
function digestOf(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  const signature = childElements(copy, 'Signature', SAML_NS.dsig)[0];
  if (signature) copy.removeChild(signature);
  const canonical = new ExclusiveCanonicalization().process(copy, {
    inclusiveNamespacesPrefixList: [],
    ancestorNamespaces: [],
  });
  return createHash('sha256').update(canonical.toString()).digest('base64');
}

function digestValueOf(signature: Element): Element {
  const digest = all(signature, 'DigestValue', SAML_NS.dsig)[0];
  if (!digest) throw new Error('signature without DigestValue');
  return digest;
}

/** The signed elements of a Response, innermost first: the Assertion (if signed), then the Response (if signed). */
function signedElements(doc: Document): Element[] {
  const response = doc.documentElement as Element;
  const assertion = childElements(response, 'Assertion', SAML_NS.assertion)[0];
  return [assertion, response].filter(
    (e): e is Element => e !== undefined && childElements(e, 'Signature', SAML_NS.dsig).length > 0,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Signature wrapping (S11), as SAML Raider defines XSW1–XSW8. XSW1–2 need a signed Response; XSW3–8 a signed
// Assertion (a response signature, if any, is left as it is and no longer matches).

/** XSW1: the Response becomes the evil one (new ID); an unsigned copy of the original goes inside its Signature. */
export function xsw1(signedXml: string, evil: EvilClaims): SamlMessage {
  return toMessage(
    edit(signedXml, (doc) => {
      const response = doc.documentElement as Element;
      const original = withoutOwnSignature(response);
      applyEvil(response, evil);
      ownSignature(response).appendChild(original);
      response.setAttribute('ID', '_evil_response_ID');
    }),
  );
}

/** XSW2: like XSW1, but the unsigned copy of the original Response goes right before the Signature (detached). */
export function xsw2(signedXml: string, evil: EvilClaims): SamlMessage {
  return toMessage(
    edit(signedXml, (doc) => {
      const response = doc.documentElement as Element;
      const original = withoutOwnSignature(response);
      applyEvil(response, evil);
      const signature = ownSignature(response);
      response.insertBefore(original, signature);
      response.setAttribute('ID', '_evil_response_ID');
    }),
  );
}

/** XSW3: an unsigned evil copy of the Assertion (new ID) is inserted before the signed original. */
export function xsw3(signedXml: string, evil: EvilClaims): SamlMessage {
  return toMessage(
    edit(signedXml, (doc) => {
      const assertion = theAssertion(doc);
      const evilAssertion = withoutOwnSignature(assertion);
      applyEvil(evilAssertion, evil);
      evilAssertion.setAttribute('ID', '_evil_assertion_ID');
      assertion.parentNode?.insertBefore(evilAssertion, assertion);
    }),
  );
}

/** XSW4: an unsigned evil copy of the Assertion (new ID) replaces it, with the signed original moved inside it. */
export function xsw4(signedXml: string, evil: EvilClaims): SamlMessage {
  return toMessage(
    edit(signedXml, (doc) => {
      const assertion = theAssertion(doc);
      const evilAssertion = withoutOwnSignature(assertion);
      applyEvil(evilAssertion, evil);
      evilAssertion.setAttribute('ID', '_evil_assertion_ID');
      (doc.documentElement as Element).appendChild(evilAssertion);
      evilAssertion.appendChild(assertion);
    }),
  );
}

/** XSW5: the signed Assertion is changed in place (new ID, signature kept); an unsigned original copy is appended to the Response. */
export function xsw5(signedXml: string, evil: EvilClaims): SamlMessage {
  return toMessage(
    edit(signedXml, (doc) => {
      const assertion = theAssertion(doc);
      const original = withoutOwnSignature(assertion);
      applyEvil(assertion, evil);
      (doc.documentElement as Element).appendChild(original);
      assertion.setAttribute('ID', '_evil_assertion_ID');
    }),
  );
}

/** XSW6: like XSW5, but the unsigned original copy goes inside the evil Assertion's own Signature. */
export function xsw6(signedXml: string, evil: EvilClaims): SamlMessage {
  return toMessage(
    edit(signedXml, (doc) => {
      const assertion = theAssertion(doc);
      const signature = ownSignature(assertion);
      const original = withoutOwnSignature(assertion);
      applyEvil(assertion, evil);
      signature.appendChild(original);
      assertion.setAttribute('ID', '_evil_assertion_ID');
    }),
  );
}

/** XSW7: an `Extensions` element before the Assertion holds an unsigned evil copy with the same ID. */
export function xsw7(signedXml: string, evil: EvilClaims): SamlMessage {
  return toMessage(
    edit(signedXml, (doc) => {
      const assertion = theAssertion(doc);
      const extensions = doc.createElement('Extensions');
      assertion.parentNode?.insertBefore(extensions, assertion);
      const evilAssertion = withoutOwnSignature(assertion);
      applyEvil(evilAssertion, evil);
      extensions.appendChild(evilAssertion);
    }),
  );
}

/** XSW8: the signed Assertion is changed in place (same ID); an `Object` in its Signature holds the unsigned original. */
export function xsw8(signedXml: string, evil: EvilClaims): SamlMessage {
  return toMessage(
    edit(signedXml, (doc) => {
      const assertion = theAssertion(doc);
      const signature = ownSignature(assertion);
      const original = withoutOwnSignature(assertion);
      applyEvil(assertion, evil);
      const object = doc.createElement('Object');
      signature.appendChild(object);
      object.appendChild(original);
    }),
  );
}

/** XSW1–XSW8 by name, for table-driven tests. */
export const XSW_VARIANTS = { xsw1, xsw2, xsw3, xsw4, xsw5, xsw6, xsw7, xsw8 } as const;
export type XswVariant = keyof typeof XSW_VARIANTS;

// ---------------------------------------------------------------------------------------------------------
// Other structural attacks (S11)

/** Two assertions: the signed one and an unsigned evil copy (new ID), before or after it. */
export function twoAssertions(
  signedXml: string,
  evil: EvilClaims,
  position: 'before' | 'after' = 'after',
): SamlMessage {
  return toMessage(
    edit(signedXml, (doc) => {
      const assertion = theAssertion(doc);
      const evilAssertion = withoutOwnSignature(assertion);
      applyEvil(evilAssertion, evil);
      evilAssertion.setAttribute('ID', '_evil_second_assertion_ID');
      assertion.parentNode?.insertBefore(
        evilAssertion,
        position === 'before' ? assertion : assertion.nextSibling,
      );
    }),
  );
}

/** Multiple root elements: an unsigned evil copy of the whole Response next to the signed one. */
export function multipleRootElements(
  signedXml: string,
  evil: EvilClaims,
  order: 'evil-first' | 'signed-first' = 'evil-first',
): SamlMessage {
  const signed = signedXml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const evilXml = edit(signed, (doc) => {
    const response = doc.documentElement as Element;
    for (const signature of all(response, 'Signature', SAML_NS.dsig))
      signature.parentNode?.removeChild(signature);
    applyEvil(response, evil);
  });
  return toMessage(order === 'evil-first' ? `${evilXml}${signed}` : `${signed}${evilXml}`);
}

// ---------------------------------------------------------------------------------------------------------
// Signature crypto (S12)

/**
 * Several SignedInfo: the NameID is changed, and each signature gets a forged SignedInfo (first) whose
 * digest matches the changed content, next to the original SignedInfo that the SignatureValue signs.
 */
export function severalSignedInfo(signedXml: string, evil: EvilClaims): SamlMessage {
  return toMessage(
    edit(signedXml, (doc) => {
      applyEvil(doc.documentElement as Element, evil);
      for (const element of signedElements(doc)) {
        const signature = ownSignature(element);
        const signedInfo = childElements(signature, 'SignedInfo', SAML_NS.dsig)[0];
        const forged = signedInfo.cloneNode(true) as Element;
        setText(digestValueOf(forged), digestOf(element));
        signature.insertBefore(forged, signedInfo);
      }
    }),
  );
}

/**
 * Comment inside DigestValue (the xml-crypto CVE-2025-29775 shape): the NameID is changed, and the digest
 * of the changed content is put in a comment before the original DigestValue text. The SignedInfo still
 * canonicalizes (comments dropped) to what was signed; a verifier that reads the first child node of
 * DigestValue compares against the forged digest.
 */
export function commentInDigestValue(signedXml: string, evil: EvilClaims): SamlMessage {
  return toMessage(
    edit(signedXml, (doc) => {
      applyEvil(doc.documentElement as Element, evil);
      for (const element of signedElements(doc)) {
        const digestValue = digestValueOf(ownSignature(element));
        digestValue.insertBefore(doc.createComment(digestOf(element)), digestValue.firstChild);
      }
    }),
  );
}

/**
 * Comment inside NameID (S13): a mutate step that splits the NameID text after `prefix` with an empty comment,
 * e.g. signed `admin@corp.example.evil.test` becomes `admin@corp.example<!---->.evil.test`. The signature
 * still verifies (c14n drops comments); a reader that takes the first text node sees `admin@corp.example`.
 */
export function commentInNameId(prefix: string): (doc: Document) => void {
  return (doc) => {
    for (const nameId of all(doc, 'NameID', SAML_NS.assertion)) {
      const value = nameId.textContent ?? '';
      if (!value.startsWith(prefix)) throw new Error(`NameID "${value}" does not start with "${prefix}"`);
      setText(nameId, prefix);
      nameId.appendChild(doc.createComment(''));
      nameId.appendChild(doc.createTextNode(value.slice(prefix.length)));
    }
  };
}

// ---------------------------------------------------------------------------------------------------------
// XML parser attacks (S14). The DOCTYPE is put in front of the signed XML: an SP must refuse it before parsing.

/** DOCTYPE with an external entity (XXE) whose value is used as the NameID: `file` is what it tries to read. */
export function doctypeExternalEntity(signedXml: string, file = '/etc/hostname'): SamlMessage {
  const body = signedXml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const withEntity = body.replace(/(<saml:NameID[^>]*>)[^<]*(<\/saml:NameID>)/, '$1&xxe;$2');
  return toMessage(
    `<?xml version="1.0"?>\n<!DOCTYPE Response [<!ENTITY xxe SYSTEM "file://${file}">]>\n${withEntity}`,
  );
}

/** Entity expansion bomb ("billion laughs"): ten levels of ten references, 10^9 copies when expanded. */
export function entityExpansionBomb(signedXml: string): SamlMessage {
  const body = signedXml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  const withBomb = body.replace(/(<saml:NameID[^>]*>)[^<]*(<\/saml:NameID>)/, '$1&lol9;$2');
  return toMessage(`<?xml version="1.0"?>\n<!DOCTYPE Response [\n${levels.join('\n')}\n]>\n${withBomb}`);
}

// ---------------------------------------------------------------------------------------------------------
// Redirect binding (S19)

/**
 * An oversized deflated redirect parameter: a LogoutRequest padded with whitespace so that it inflates to
 * `inflatedBytes` (default 8 MiB) while its base64 stays small enough for a URL (about 1/1000 of that).
 */
export function oversizedDeflatedRedirect(
  options: { inflatedBytes?: number; issuer?: string; destination?: string } = {},
): { SAMLRequest: string; inflatedBytes: number } {
  const inflatedBytes = options.inflatedBytes ?? 8 * 1024 * 1024;
  const head = buildLogoutRequest({
    issuer: options.issuer ?? 'https://idp.example.test',
    destination: options.destination ?? 'https://sp.example.test/slo',
    nameId: 'someone',
  });
  const close = '</samlp:LogoutRequest>';
  const open = head.slice(0, head.length - close.length);
  const padding = ' '.repeat(Math.max(0, inflatedBytes - head.length));
  const xml = `${open}${padding}${close}`;
  return {
    SAMLRequest: deflateRawSync(Buffer.from(xml, 'utf8'), { level: 9 }).toString('base64'),
    inflatedBytes: xml.length,
  };
}

/** A separate key pair, e.g. an attacker's, for `signWith`. */
export function attackerKeyPair(commonName = 'Attacker'): IdpKeyPair {
  return createIdpKeyPair({ commonName, days: 2 });
}
