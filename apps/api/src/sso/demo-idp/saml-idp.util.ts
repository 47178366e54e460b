// The identity-provider side of SAML 2.0, as pure functions: key pairs, Responses with one Assertion, enveloped
// XML signatures (assertion first, then response), LogoutRequests for both bindings, AuthnRequest parsing and
// IdP metadata. Used by the demo identity provider (`npm start` only) and by the SAML tests. No Nest here.
import { DOMParser } from '@xmldom/xmldom';
import * as forge from 'node-forge';
import { createPrivateKey, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';

export const SAML_NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export const SAML_BINDING = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
} as const;

export const NAME_ID_FORMAT = {
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  emailAddress: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
} as const;

/** The only algorithms this module signs with: RSA-SHA256 over exclusive c14n, SHA-256 digests. */
export const SIGNATURE_ALGORITHM = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  exclusiveC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  envelopedSignature: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
} as const;

const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const PASSWORD_PROTECTED_TRANSPORT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';

/** An AuthnRequest is a few hundred bytes; anything that inflates beyond this is refused. */
export const MAX_INFLATED_REQUEST_BYTES = 64 * 1024;

/** A SAML message this module cannot use (bad encoding, not XML, wrong element, DOCTYPE…). Safe to show. */
export class SamlMessageError extends Error {}

export interface IdpKeyPair {
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** X.509 PEM, self-signed. */
  certificatePem: string;
}

/** A fresh random SAML ID: `_` and 40 hex digits (an NCName, as xs:ID requires). */
export function samlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

/** A self-signed X.509 certificate (SHA-256) for `privateKeyPem`'s RSA key, valid from a minute ago. */
export function selfSignedCertificate(
  privateKeyPem: string,
  options: { commonName: string; days: number; now?: Date },
): string {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error('an RSA private key is required');
  const forgePrivate = forge.pki.privateKeyFromPem(key.export({ format: 'pem', type: 'pkcs1' }).toString());
  const forgePublic = forge.pki.setRsaPublicKey(
    (forgePrivate as forge.pki.rsa.PrivateKey).n,
    (forgePrivate as forge.pki.rsa.PrivateKey).e,
  );
  const now = options.now ?? new Date();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forgePublic;
  // A positive serial number: 0x01 followed by 15 random bytes.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + options.days * 86_400_000);
  const name = [{ name: 'commonName', value: options.commonName }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(forgePrivate, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
}

/** A throwaway identity-provider key pair: RSA 2048 and a self-signed SHA-256 certificate. */
export function createIdpKeyPair(options: { commonName: string; days: number; now?: Date }): IdpKeyPair {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { privateKeyPem, certificatePem: selfSignedCertificate(privateKeyPem, options) };
}

/** The base64 body of a PEM certificate, without armour or line breaks (as in `<ds:X509Certificate>`). */
export function bareCertificate(certificatePem: string): string {
  return certificatePem
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------
// XML writing

/** Escapes character data (text content). */
export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (double-quoted); whitespace characters survive attribute normalisation. */
export function xmlAttr(value: string): string {
  return xmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

type Attributes = Record<string, string | null | undefined>;

/** One element as a string; attributes that are null or undefined are left out. Children are serialized XML. */
function el(name: string, attributes: Attributes, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(v)}"`)
    .join('');
  return children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${children.join('')}</${name}>`;
}

function instant(date: Date): string {
  return date.toISOString();
}

// ---------------------------------------------------------------------------------------------------------
// Responses

export interface SamlResponseOptions {
  /** The identity provider's entity ID (Issuer of the Response and, unless `assertionIssuer`, the Assertion). */
  issuer: string;
  /** The Assertion's Issuer when it must differ from the Response's (tests of issuer checks). */
  assertionIssuer?: string;
  /** The SP's assertion consumer service URL. `null` leaves the attribute out (tests). */
  destination: string | null;
  /** The AuthnRequest's ID; absent for an IdP-initiated (unsolicited) response. */
  inResponseTo?: string | null;
  /** The SP's entity ID. `null` leaves out the AudienceRestriction (tests). */
  audience: string | null;
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string;
  attributes?: Record<string, string | string[]>;
  /** Base for every default instant. Default: now. */
  now?: Date;
  /** Conditions@NotBefore. Default: now - 1 min. */
  notBefore?: Date;
  /** Conditions@NotOnOrAfter. Default: now + 5 min. */
  notOnOrAfter?: Date;
  /** SubjectConfirmationData@NotOnOrAfter. Default: now + 5 min. */
  subjectNotOnOrAfter?: Date;
  /** SubjectConfirmationData@Recipient. Default: `destination`; `null` leaves it out (tests). */
  recipient?: string | null;
  /** AuthnStatement@AuthnInstant. Default: now. */
  authnInstant?: Date;
  /** Response and Assertion IDs. Default: random. */
  ids?: { response?: string; assertion?: string };
}

/** A SAML 2.0 Response (status Success) with one unsigned, unencrypted Assertion. Sign it with {@link signSamlResponse}. */
export function buildSamlResponse(options: SamlResponseOptions): string {
  const now = options.now ?? new Date();
  const minute = 60_000;
  const notBefore = options.notBefore ?? new Date(now.getTime() - minute);
  const notOnOrAfter = options.notOnOrAfter ?? new Date(now.getTime() + 5 * minute);
  const subjectNotOnOrAfter = options.subjectNotOnOrAfter ?? new Date(now.getTime() + 5 * minute);
  const recipient = options.recipient === undefined ? options.destination : options.recipient;
  const responseId = options.ids?.response ?? samlId();
  const assertionId = options.ids?.assertion ?? samlId();
  const inResponseTo = options.inResponseTo ?? null;

  const attributes = Object.entries(options.attributes ?? {}).map(([name, value]) =>
    el(
      'saml:Attribute',
      { Name: name, NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic' },
      ...(Array.isArray(value) ? value : [value]).map((v) =>
        el('saml:AttributeValue', { 'xsi:type': 'xs:string' }, xmlText(v)),
      ),
    ),
  );

  const assertion = el(
    'saml:Assertion',
    {
      'xmlns:saml': SAML_NS.assertion,
      'xmlns:xs': SAML_NS.xs,
      'xmlns:xsi': SAML_NS.xsi,
      ID: assertionId,
      Version: '2.0',
      IssueInstant: instant(now),
    },
    el('saml:Issuer', {}, xmlText(options.assertionIssuer ?? options.issuer)),
    el(
      'saml:Subject',
      {},
      el(
        'saml:NameID',
        { Format: options.nameIdFormat ?? NAME_ID_FORMAT.unspecified },
        xmlText(options.nameId),
      ),
      el(
        'saml:SubjectConfirmation',
        { Method: BEARER },
        el('saml:SubjectConfirmationData', {
          InResponseTo: inResponseTo,
          NotOnOrAfter: instant(subjectNotOnOrAfter),
          Recipient: recipient,
        }),
      ),
    ),
    el(
      'saml:Conditions',
      { NotBefore: instant(notBefore), NotOnOrAfter: instant(notOnOrAfter) },
      ...(options.audience === null
        ? []
        : [el('saml:AudienceRestriction', {}, el('saml:Audience', {}, xmlText(options.audience)))]),
    ),
    el(
      'saml:AuthnStatement',
      { AuthnInstant: instant(options.authnInstant ?? now), SessionIndex: options.sessionIndex ?? null },
      el('saml:AuthnContext', {}, el('saml:AuthnContextClassRef', {}, PASSWORD_PROTECTED_TRANSPORT)),
    ),
    ...(attributes.length > 0 ? [el('saml:AttributeStatement', {}, ...attributes)] : []),
  );

  return el(
    'samlp:Response',
    {
      'xmlns:samlp': SAML_NS.protocol,
      'xmlns:saml': SAML_NS.assertion,
      ID: responseId,
      Version: '2.0',
      IssueInstant: instant(now),
      Destination: options.destination,
      InResponseTo: inResponseTo,
    },
    el('saml:Issuer', {}, xmlText(options.issuer)),
    el('samlp:Status', {}, el('samlp:StatusCode', { Value: STATUS_SUCCESS })),
    assertion,
  );
}

export interface SigningOptions extends IdpKeyPair {
  signAssertion?: boolean;
  signResponse?: boolean;
}

/**
 * Signs a Response built by {@link buildSamlResponse}: first the Assertion (its signature placed right after
 * its Issuer), then the Response (right after the Response's Issuer), so the response signature covers the
 * assertion's. RSA-SHA256, SHA-256 digests, exclusive c14n, the certificate in KeyInfo.
 */
export function signSamlResponse(xml: string, options: SigningOptions): string {
  const { signAssertion = true, signResponse = true } = options;
  const doc = parseXml(xml);
  const root = doc.documentElement;
  if (!root || root.localName !== 'Response' || root.namespaceURI !== SAML_NS.protocol)
    throw new SamlMessageError('not a SAML Response');
  let signed = xml;
  if (signAssertion) {
    const assertions = childElements(root, 'Assertion', SAML_NS.assertion);
    if (assertions.length !== 1) throw new SamlMessageError('the Response has no single Assertion to sign');
    signed = signEnveloped(signed, elementXPath('Assertion', requiredId(assertions[0])), options);
  }
  if (signResponse) signed = signEnveloped(signed, elementXPath('Response', requiredId(root)), options);
  return signed;
}

function requiredId(element: Element): string {
  const id = element.getAttribute('ID');
  if (!id || !/^[A-Za-z_][\w.-]*$/.test(id))
    throw new SamlMessageError(`${element.localName} has no usable ID`);
  return id;
}

function elementXPath(localName: string, id: string): string {
  return `//*[local-name(.)='${localName}' and @ID='${id}']`;
}

/**
 * An enveloped signature over the element at `xpath` (an element with an ID and an Issuer child), inserted
 * right after that Issuer, where the SAML schema wants it.
 */
function signEnveloped(xml: string, xpath: string, keys: IdpKeyPair): string {
  const sig = new SignedXml({
    privateKey: keys.privateKeyPem,
    publicCert: keys.certificatePem,
    signatureAlgorithm: SIGNATURE_ALGORITHM.rsaSha256,
    canonicalizationAlgorithm: SIGNATURE_ALGORITHM.exclusiveC14n,
  });
  sig.addReference({
    xpath,
    transforms: [SIGNATURE_ALGORITHM.envelopedSignature, SIGNATURE_ALGORITHM.exclusiveC14n],
    digestAlgorithm: SIGNATURE_ALGORITHM.sha256,
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `${xpath}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

// ---------------------------------------------------------------------------------------------------------
// Logout

export interface LogoutRequestOptions {
  issuer: string;
  /** The SP's single logout URL. */
  destination: string;
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string | string[];
  id?: string;
  now?: Date;
  /** LogoutRequest@NotOnOrAfter. Default: now + 5 min; `null` leaves it out. */
  notOnOrAfter?: Date | null;
}

/** An unsigned IdP-initiated LogoutRequest for a NameID and its session index(es). */
export function buildLogoutRequest(options: LogoutRequestOptions): string {
  const now = options.now ?? new Date();
  const notOnOrAfter =
    options.notOnOrAfter === undefined ? new Date(now.getTime() + 5 * 60_000) : options.notOnOrAfter;
  const sessionIndexes =
    options.sessionIndex === undefined
      ? []
      : Array.isArray(options.sessionIndex)
        ? options.sessionIndex
        : [options.sessionIndex];
  return el(
    'samlp:LogoutRequest',
    {
      'xmlns:samlp': SAML_NS.protocol,
      'xmlns:saml': SAML_NS.assertion,
      ID: options.id ?? samlId(),
      Version: '2.0',
      IssueInstant: instant(now),
      Destination: options.destination,
      NotOnOrAfter: notOnOrAfter ? instant(notOnOrAfter) : null,
    },
    el('saml:Issuer', {}, xmlText(options.issuer)),
    el(
      'saml:NameID',
      { Format: options.nameIdFormat ?? NAME_ID_FORMAT.unspecified },
      xmlText(options.nameId),
    ),
    ...sessionIndexes.map((s) => el('samlp:SessionIndex', {}, xmlText(s))),
  );
}

/** A LogoutRequest for the HTTP-POST binding: built and signed (enveloped, after its Issuer). */
export function buildLogoutRequestPost(options: LogoutRequestOptions, keys: IdpKeyPair): string {
  const xml = buildLogoutRequest(options);
  const root = parseXml(xml).documentElement;
  if (!root) throw new SamlMessageError('no LogoutRequest');
  return signEnveloped(xml, elementXPath('LogoutRequest', requiredId(root)), keys);
}

export interface RedirectBindingMessage {
  SAMLRequest: string;
  RelayState?: string;
  SigAlg: string;
  Signature: string;
  /** The whole query string, ready to append to the SP's URL after `?`. */
  queryString: string;
}

/**
 * HTTP-Redirect binding (SAML bindings 3.4.4.1): the message is DEFLATEd and base64-encoded, and the
 * signature is RSA-SHA256 over `SAMLRequest=…&RelayState=…&SigAlg=…` exactly as the URL-encoded query has it.
 */
export function signLogoutRequestRedirect(
  xml: string,
  options: { privateKeyPem: string; relayState?: string },
): RedirectBindingMessage {
  const SAMLRequest = deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
  const SigAlg = SIGNATURE_ALGORITHM.rsaSha256;
  const parts = [`SAMLRequest=${encodeURIComponent(SAMLRequest)}`];
  if (options.relayState !== undefined) parts.push(`RelayState=${encodeURIComponent(options.relayState)}`);
  parts.push(`SigAlg=${encodeURIComponent(SigAlg)}`);
  const signedPart = parts.join('&');
  const Signature = createSign('RSA-SHA256').update(signedPart).sign(options.privateKeyPem, 'base64');
  return {
    SAMLRequest,
    ...(options.relayState !== undefined ? { RelayState: options.relayState } : {}),
    SigAlg,
    Signature,
    queryString: `${signedPart}&Signature=${encodeURIComponent(Signature)}`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// AuthnRequest

export interface ParsedAuthnRequest {
  id: string;
  /** The SP's entity ID. */
  issuer: string | null;
  /** AssertionConsumerServiceURL, when the SP sent one. */
  acsUrl: string | null;
  destination: string | null;
}

/**
 * Decodes the `SAMLRequest` parameter of the HTTP-Redirect binding (base64 of raw DEFLATE) and returns what
 * an IdP needs to answer. Refuses oversized input, anything that inflates beyond {@link MAX_INFLATED_REQUEST_BYTES},
 * a DOCTYPE, and anything that is not one `samlp:AuthnRequest` with a usable ID. Signatures are not checked.
 */
export function parseAuthnRequest(samlRequestParam: string): ParsedAuthnRequest {
  const compact = samlRequestParam.replace(/\s+/g, '');
  if (
    compact.length === 0 ||
    compact.length > MAX_INFLATED_REQUEST_BYTES ||
    !/^[A-Za-z0-9+/]+=*$/.test(compact)
  )
    throw new SamlMessageError('SAMLRequest is not base64');
  let xml: string;
  try {
    xml = inflateRawSync(Buffer.from(compact, 'base64'), {
      maxOutputLength: MAX_INFLATED_REQUEST_BYTES,
    }).toString('utf8');
  } catch {
    throw new SamlMessageError('SAMLRequest is not a DEFLATE-compressed message of acceptable size');
  }
  const root = parseXml(xml).documentElement;
  if (!root || root.localName !== 'AuthnRequest' || root.namespaceURI !== SAML_NS.protocol)
    throw new SamlMessageError('SAMLRequest is not an AuthnRequest');
  const id = requiredId(root);
  const issuer = childElements(root, 'Issuer', SAML_NS.assertion)[0]?.textContent?.trim() || null;
  return {
    id,
    issuer,
    acsUrl: root.getAttribute('AssertionConsumerServiceURL') || null,
    destination: root.getAttribute('Destination') || null,
  };
}

/** An AuthnRequest as an SP sends it over HTTP-Redirect (for tests of the IdP side). */
export function encodeRedirectMessage(xml: string): string {
  return deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
}

// ---------------------------------------------------------------------------------------------------------
// Metadata

export interface IdpMetadataOptions {
  entityId: string;
  /** SingleSignOnService for the HTTP-Redirect binding. */
  ssoUrl: string;
  /** SingleLogoutService (HTTP-Redirect and HTTP-POST), if the IdP has one. */
  sloUrl?: string;
  /** Signing certificates, PEM; several during a rotation. */
  certificatesPem: string[];
  nameIdFormats?: string[];
}

/** SAML 2.0 metadata of an identity provider (an EntityDescriptor with one IDPSSODescriptor), unsigned. */
export function buildIdpMetadata(options: IdpMetadataOptions): string {
  if (options.certificatesPem.length === 0) throw new Error('at least one signing certificate is required');
  const keyDescriptors = options.certificatesPem.map((pem) =>
    el(
      'md:KeyDescriptor',
      { use: 'signing' },
      el('ds:KeyInfo', {}, el('ds:X509Data', {}, el('ds:X509Certificate', {}, bareCertificate(pem)))),
    ),
  );
  const slo = options.sloUrl
    ? [
        el('md:SingleLogoutService', { Binding: SAML_BINDING.redirect, Location: options.sloUrl }),
        el('md:SingleLogoutService', { Binding: SAML_BINDING.post, Location: options.sloUrl }),
      ]
    : [];
  const formats = (options.nameIdFormats ?? [NAME_ID_FORMAT.persistent, NAME_ID_FORMAT.emailAddress]).map(
    (f) => el('md:NameIDFormat', {}, xmlText(f)),
  );
  const body = el(
    'md:EntityDescriptor',
    { 'xmlns:md': SAML_NS.metadata, 'xmlns:ds': SAML_NS.dsig, entityID: options.entityId },
    el(
      'md:IDPSSODescriptor',
      { WantAuthnRequestsSigned: 'false', protocolSupportEnumeration: SAML_NS.protocol },
      ...keyDescriptors,
      ...slo,
      ...formats,
      el('md:SingleSignOnService', { Binding: SAML_BINDING.redirect, Location: options.ssoUrl }),
    ),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** Parses XML strictly: a DOCTYPE or any parser error or warning is a {@link SamlMessageError}. */
export function parseXml(xml: string): Document {
  if (/<!DOCTYPE/i.test(xml)) throw new SamlMessageError('DOCTYPE is not allowed in SAML messages');
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: {
      warning: (m: string) => problems.push(m),
      error: (m: string) => problems.push(m),
      fatalError: (m: string) => problems.push(m),
    },
  }).parseFromString(xml, 'text/xml');
  if (problems.length > 0 || !doc || !doc.documentElement) throw new SamlMessageError('not well-formed XML');
  return doc;
}

/** Direct element children of `parent` with this local name (and namespace, when given). */
export function childElements(parent: Node, localName: string, namespace?: string): Element[] {
  const found: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    if (e.localName === localName && (namespace === undefined || e.namespaceURI === namespace)) found.push(e);
  }
  return found;
}
