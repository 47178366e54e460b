// What Brevet checks in SAML messages itself, on top of @node-saml/node-saml: DOCTYPE and size before any
// parsing, and after node-saml has verified a Response, the values it does not check (Destination, Recipient,
// Issuer, exactly one assertion, encryption required), read from the XML whose signature was verified.
// Pure functions, no Nest.
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { inflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';

export const SAML_NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

export const SAML_LIMITS = {
  /** A POSTed `SAMLResponse`/`SAMLRequest` (base64 characters): responses with many groups stay far below. */
  postMessageChars: 100_000,
  /** A redirect-binding parameter before inflating (base64 characters); browsers cap URLs near 8 KB anyway. */
  redirectParamChars: 16_384,
  /** A redirect-binding message after inflating: logout messages are a few hundred bytes. */
  redirectInflatedBytes: 64 * 1024,
} as const;

/** Signature and digest algorithms accepted from identity providers (no SHA-1). */
const ACCEPTED_SIGNATURE_METHODS = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
]);
const ACCEPTED_DIGEST_METHODS = new Set([
  'http://www.w3.org/2001/04/xmlenc#sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512',
]);
export const REDIRECT_SIG_ALG_RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

/** A message refused before anything parsed it: 400 (malformed, DOCTYPE) or 413 (too large). Safe to show. */
export class SamlMessageRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A verified message that breaks one of our rules. `reason` is short, specific and safe to log. */
export class SamlCheckFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Refuses a document type declaration (XXE, entity expansion) before any parser sees the text. */
export function assertNoDoctype(xml: string): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
    throw new SamlMessageRefused(400, 'DOCTYPE is not allowed in SAML messages');
}

/**
 * A POST-binding parameter (`SAMLResponse`/`SAMLRequest`), decoded exactly as node-saml decodes it, so that
 * the DOCTYPE check sees the very text node-saml would parse. Refuses a missing, oversized or non-base64 value.
 */
export function decodePostMessage(value: unknown, name = 'SAMLResponse'): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new SamlMessageRefused(400, `${name} is missing`);
  if (value.length > SAML_LIMITS.postMessageChars)
    throw new SamlMessageRefused(413, `${name} is larger than ${SAML_LIMITS.postMessageChars} characters`);
  if (!/^[A-Za-z0-9+/=\s]+$/.test(value)) throw new SamlMessageRefused(400, `${name} is not base64`);
  const xml = Buffer.from(value, 'base64').toString('utf8');
  assertNoDoctype(xml);
  return xml;
}

/**
 * A redirect-binding parameter: base64 of raw DEFLATE. Inflates with a hard output limit (a small parameter
 * can inflate to megabytes), then refuses a DOCTYPE. Returns the XML.
 */
export function decodeRedirectMessage(value: unknown, name = 'SAMLRequest'): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new SamlMessageRefused(400, `${name} is missing`);
  if (value.length > SAML_LIMITS.redirectParamChars)
    throw new SamlMessageRefused(413, `${name} is longer than ${SAML_LIMITS.redirectParamChars} characters`);
  if (!/^[A-Za-z0-9+/=\s]+$/.test(value)) throw new SamlMessageRefused(400, `${name} is not base64`);
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(Buffer.from(value, 'base64'), {
      maxOutputLength: SAML_LIMITS.redirectInflatedBytes,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new SamlMessageRefused(
        413,
        `${name} inflates to more than ${SAML_LIMITS.redirectInflatedBytes} bytes`,
      );
    throw new SamlMessageRefused(400, `${name} is not DEFLATE-compressed`);
  }
  const xml = inflated.toString('utf8');
  assertNoDoctype(xml);
  return xml;
}

/** Parses strictly: no DOCTYPE, and any parser warning or error refuses the document. */
export function parseSamlXml(xml: string): Document {
  assertNoDoctype(xml);
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: {
      warning: (m: string) => problems.push(m),
      error: (m: string) => problems.push(m),
      fatalError: (m: string) => problems.push(m),
    },
  }).parseFromString(xml, 'text/xml');
  if (problems.length > 0 || !doc?.documentElement) throw new SamlMessageRefused(400, 'not well-formed XML');
  return doc;
}

/** The root element's local name and namespace (e.g. `LogoutRequest` in the protocol namespace). */
export function rootElement(xml: string): { localName: string; namespace: string | null } {
  const root = parseSamlXml(xml).documentElement as Element;
  return { localName: root.localName ?? root.nodeName, namespace: root.namespaceURI };
}

/** Direct element children of `parent` with this local name and namespace. */
export function childElements(parent: Node, localName: string, namespace: string): Element[] {
  const found: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    if (e.localName === localName && e.namespaceURI === namespace) found.push(e);
  }
  return found;
}

function descendants(root: Document | Element, localName: string, namespace: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(namespace, localName) as unknown as ArrayLike<Element>);
}

/** An element's text as the DOM defines it: every text node, comments left out. */
function text(element: Element | undefined): string | null {
  if (!element) return null;
  return element.textContent ?? '';
}

/**
 * The Response as its signature covers it: the canonical XML of the root element's own enveloped signature,
 * verified against the identity provider's certificates (the same rules node-saml applies). Null when the
 * root carries no valid signature by one of them. Values read from this cannot have been moved in by an attacker.
 */
export function verifiedResponseXml(xml: string, certificatesPem: readonly string[]): string | null {
  const normalized = xml.replace(/\r\n?/g, '\n');
  const doc = parseSamlXml(normalized);
  const root = doc.documentElement as Element;
  const signatures = childElements(root, 'Signature', SAML_NS.dsig);
  if (signatures.length !== 1) return null;
  const id = root.getAttribute('ID');
  if (!id || !/^[A-Za-z_][\w.-]*$/.test(id)) return null;
  const sameId = Array.from(doc.getElementsByTagName('*') as unknown as ArrayLike<Element>).filter(
    (e) => e.getAttribute('ID') === id,
  );
  if (sameId.length !== 1) return null;
  for (const pem of certificatesPem) {
    const sig = new SignedXml({ publicCert: pem });
    sig.loadSignature(signatures[0]);
    const refs = sig.getReferences();
    if (refs.length !== 1 || refs[0].uri !== `#${id}`) return null;
    try {
      if (!sig.checkSignature(normalized)) continue;
    } catch {
      continue;
    }
    const signed = sig.getSignedReferences();
    if (signed.length === 1) return signed[0];
  }
  return null;
}

export interface ExpectedResponse {
  /** Our assertion consumer service URL for this identity provider. */
  acsUrl: string;
  /** The configured identity provider entity ID. */
  idpEntityId: string;
  /** A plaintext Assertion is refused. */
  requireEncrypted: boolean;
}

/** What Brevet uses from a verified assertion. */
export interface CheckedAssertion {
  assertionId: string;
  /** The whole NameID text (comments cannot split it). */
  nameId: string;
  nameIdFormat: string | null;
  sessionIndex: string | null;
  /** The latest NotOnOrAfter of the assertion (Conditions, SubjectConfirmationData): replay guard lifetime. */
  notOnOrAfter: Date | null;
  /** Every attribute, every value, as received (not yet validated or encoded). */
  attributes: Array<{ name: string; values: string[] }>;
}

function assertSignatureAlgorithms(element: Element, what: string): void {
  for (const signature of childElements(element, 'Signature', SAML_NS.dsig)) {
    for (const method of descendants(signature, 'SignatureMethod', SAML_NS.dsig)) {
      if (!ACCEPTED_SIGNATURE_METHODS.has(method.getAttribute('Algorithm') ?? ''))
        throw new SamlCheckFailed(`${what} is signed with a weak or unknown algorithm`);
    }
    for (const method of descendants(signature, 'DigestMethod', SAML_NS.dsig)) {
      if (!ACCEPTED_DIGEST_METHODS.has(method.getAttribute('Algorithm') ?? ''))
        throw new SamlCheckFailed(`${what} uses a weak or unknown digest algorithm`);
    }
  }
}

/**
 * The checks node-saml leaves to us (SECURITY-TESTS.md, "Settings node-saml does not enforce"), on the XML
 * whose signatures were verified: `responseXml` from {@link verifiedResponseXml}, `assertionXml` from
 * node-saml's `profile.getAssertionXml()` (the signed, decrypted assertion). Throws {@link SamlCheckFailed}.
 */
export function checkVerifiedResponse(
  responseXml: string,
  assertionXml: string,
  expected: ExpectedResponse,
): CheckedAssertion {
  const response = parseSamlXml(responseXml).documentElement as Element;
  if (response.localName !== 'Response' || response.namespaceURI !== SAML_NS.protocol)
    throw new SamlCheckFailed('the signed message is not a SAML Response');
  const destination = response.getAttribute('Destination');
  if (!destination) throw new SamlCheckFailed('the Response has no Destination');
  if (destination !== expected.acsUrl)
    throw new SamlCheckFailed('the Response Destination is not this assertion consumer service');
  const responseIssuer = childElements(response, 'Issuer', SAML_NS.assertion);
  if (responseIssuer.length > 1) throw new SamlCheckFailed('the Response has several Issuers');
  if (responseIssuer.length === 1 && text(responseIssuer[0])?.trim() !== expected.idpEntityId)
    throw new SamlCheckFailed('the Response Issuer is not the configured identity provider');
  assertSignatureAlgorithms(response, 'the Response');

  const plain = childElements(response, 'Assertion', SAML_NS.assertion);
  const encrypted = childElements(response, 'EncryptedAssertion', SAML_NS.assertion);
  if (plain.length + encrypted.length !== 1)
    throw new SamlCheckFailed('the Response does not hold exactly one assertion');
  if (descendants(response, 'Assertion', SAML_NS.assertion).length > plain.length)
    throw new SamlCheckFailed('the Response holds an assertion outside its assertion slot');
  if (expected.requireEncrypted && encrypted.length !== 1)
    throw new SamlCheckFailed('the assertion is not encrypted, but this identity provider must encrypt');

  const assertion = parseSamlXml(assertionXml).documentElement as Element;
  if (assertion.localName !== 'Assertion' || assertion.namespaceURI !== SAML_NS.assertion)
    throw new SamlCheckFailed('the signed content is not a SAML Assertion');
  const assertionId = assertion.getAttribute('ID');
  if (!assertionId || assertionId.length > 200) throw new SamlCheckFailed('the Assertion has no usable ID');
  if (plain.length === 1 && plain[0].getAttribute('ID') !== assertionId)
    throw new SamlCheckFailed('the verified assertion is not the one in the Response');
  const issuers = childElements(assertion, 'Issuer', SAML_NS.assertion);
  if (issuers.length !== 1) throw new SamlCheckFailed('the Assertion has no single Issuer');
  if (text(issuers[0])?.trim() !== expected.idpEntityId)
    throw new SamlCheckFailed('the Assertion Issuer is not the configured identity provider');
  assertSignatureAlgorithms(assertion, 'the Assertion');

  const subjects = childElements(assertion, 'Subject', SAML_NS.assertion);
  if (subjects.length !== 1) throw new SamlCheckFailed('the Assertion has no single Subject');
  const nameIds = childElements(subjects[0], 'NameID', SAML_NS.assertion);
  if (nameIds.length !== 1) throw new SamlCheckFailed('the Subject has no single NameID');
  const nameId = text(nameIds[0]) ?? '';
  if (nameId.trim().length === 0) throw new SamlCheckFailed('the NameID is empty');
  if (nameId.length > 512) throw new SamlCheckFailed('the NameID is longer than 512 characters');

  const confirmations = childElements(subjects[0], 'SubjectConfirmation', SAML_NS.assertion);
  const confirmationData = confirmations.flatMap((c) =>
    childElements(c, 'SubjectConfirmationData', SAML_NS.assertion),
  );
  if (confirmationData.length === 0) throw new SamlCheckFailed('the Subject has no SubjectConfirmationData');
  for (const data of confirmationData) {
    const recipient = data.getAttribute('Recipient');
    if (!recipient) throw new SamlCheckFailed('a SubjectConfirmationData has no Recipient');
    if (recipient !== expected.acsUrl)
      throw new SamlCheckFailed('a SubjectConfirmationData Recipient is not this assertion consumer service');
  }

  const instants = [
    ...confirmationData.map((d) => d.getAttribute('NotOnOrAfter')),
    ...childElements(assertion, 'Conditions', SAML_NS.assertion).map((c) => c.getAttribute('NotOnOrAfter')),
  ]
    .filter((v): v is string => !!v)
    .map((v) => Date.parse(v))
    .filter((ms) => Number.isFinite(ms));
  const authn = childElements(assertion, 'AuthnStatement', SAML_NS.assertion)[0];

  return {
    assertionId,
    nameId,
    nameIdFormat: nameIds[0].getAttribute('Format') || null,
    sessionIndex: authn?.getAttribute('SessionIndex') || null,
    notOnOrAfter: instants.length > 0 ? new Date(Math.max(...instants)) : null,
    attributes: readAttributes(assertion),
  };
}

/** Every `Attribute` of the assertion's AttributeStatements; values as DOM text (comments cannot split them). */
export function readAttributes(assertion: Element): Array<{ name: string; values: string[] }> {
  const attributes: Array<{ name: string; values: string[] }> = [];
  for (const statement of childElements(assertion, 'AttributeStatement', SAML_NS.assertion)) {
    for (const attribute of childElements(statement, 'Attribute', SAML_NS.assertion)) {
      const name = attribute.getAttribute('Name');
      if (!name) continue;
      const values = childElements(attribute, 'AttributeValue', SAML_NS.assertion).map((v) => text(v) ?? '');
      attributes.push({ name, values });
    }
  }
  return attributes;
}

/** The EncryptedAssertion of a Response, serialized, or null (used only to pick which of our keys decrypts it). */
export function encryptedAssertionOf(xml: string): string | null {
  const root = parseSamlXml(xml).documentElement as Element;
  const encrypted = childElements(root, 'EncryptedAssertion', SAML_NS.assertion);
  return encrypted.length === 1 ? new XMLSerializer().serializeToString(encrypted[0]) : null;
}

/**
 * A redirect-binding message must be signed with RSA-SHA256: node-saml accepts an unsigned one and any hash
 * the runtime knows (SHA-1 included).
 */
export function assertRedirectSignaturePresent(query: Record<string, unknown>): void {
  if (typeof query['Signature'] !== 'string' || query['Signature'].length === 0)
    throw new SamlCheckFailed('the message is not signed');
  if (query['SigAlg'] !== REDIRECT_SIG_ALG_RSA_SHA256)
    throw new SamlCheckFailed('the message is not signed with RSA-SHA256');
}

/** Paths a sign-in may return to must not be ours to serve as API or SAML endpoints. */
const RETURN_PATH_DENIED = /^\/(api|auth|scim)(\/|$|\?|#)/i;

/**
 * RelayState / return path allow-list: a relative path of the admin UI (`/staff/12?tab=awards`), never a URL
 * to another site (`https://…`, `//host`, `/\host`), never an API or sign-in endpoint. Null when not allowed.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) return null;
  if (!/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*$/.test(value)) return null;
  if (value.startsWith('//') || value.includes('\\')) return null;
  let parsed: URL;
  try {
    parsed = new URL(value, 'https://brevet.invalid');
  } catch {
    return null;
  }
  if (parsed.origin !== 'https://brevet.invalid') return null;
  if (RETURN_PATH_DENIED.test(parsed.pathname)) return null;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
