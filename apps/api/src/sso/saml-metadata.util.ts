// SAML 2.0 metadata: reading an identity provider's (entity ID, endpoints, signing certificates) and writing
// Brevet's own service provider metadata. Pure functions, no Nest.
import { NAME_ID_FORMATS, type CertificateInfo, type ParsedIdpMetadata } from '@brevet/contracts';
import { CertificateError, readCertificate } from './certificate.util';
import { childElements, parseSamlXml, SAML_NS, SamlMessageRefused } from './saml-xml.util';

export const SAML_BINDINGS = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
} as const;

/** Metadata Brevet cannot use; the message says why in words an admin can act on. */
export class MetadataError extends Error {}

function parseMetadataXml(xml: string): Document {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
    throw new MetadataError('the metadata contains a DOCTYPE, which Brevet refuses for security reasons');
  try {
    return parseSamlXml(xml.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof SamlMessageRefused)
      throw new MetadataError('the metadata is not well-formed XML (is it the metadata file?)');
    throw error;
  }
}

/** The EntityDescriptor with an IDPSSODescriptor, from a single EntityDescriptor or an EntitiesDescriptor. */
function identityProviderEntity(doc: Document): Element {
  const root = doc.documentElement as Element;
  const isMd = (e: Element, name: string) => e.localName === name && e.namespaceURI === SAML_NS.metadata;
  let candidates: Element[];
  if (isMd(root, 'EntityDescriptor')) candidates = [root];
  else if (isMd(root, 'EntitiesDescriptor'))
    candidates = childElements(root, 'EntityDescriptor', SAML_NS.metadata);
  else throw new MetadataError('this is not SAML 2.0 metadata (no md:EntityDescriptor)');
  const idps = candidates.filter((e) => childElements(e, 'IDPSSODescriptor', SAML_NS.metadata).length > 0);
  if (idps.length === 0)
    throw new MetadataError('the metadata describes no identity provider (IDPSSODescriptor)');
  if (idps.length > 1)
    throw new MetadataError('the metadata describes several identity providers; use the one for Brevet');
  return idps[0];
}

function endpoint(descriptor: Element, name: string): { redirect: string | null; post: string | null } {
  const services = childElements(descriptor, name, SAML_NS.metadata);
  const location = (binding: string) =>
    services
      .find((s) => s.getAttribute('Binding') === binding)
      ?.getAttribute('Location')
      ?.trim() || null;
  return { redirect: location(SAML_BINDINGS.redirect), post: location(SAML_BINDINGS.post) };
}

/** An identity provider endpoint must be an absolute https URL (http only for a local test IdP). */
export function isAcceptableIdpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLocalHost(url.hostname);
}

export function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname === '::1';
}

/**
 * Reads what Brevet needs from identity provider metadata: entity ID, SingleSignOnService (HTTP-Redirect,
 * which Brevet uses), SingleLogoutService (HTTP-Redirect preferred), every signing certificate. Throws
 * {@link MetadataError} with a message for people. `now` decides which certificates count as expired.
 */
export function parseIdpMetadata(xml: string, now: Date): ParsedIdpMetadata {
  const entity = identityProviderEntity(parseMetadataXml(xml));
  const entityId = entity.getAttribute('entityID')?.trim();
  if (!entityId) throw new MetadataError('the EntityDescriptor has no entityID');
  if (entityId.length > 1000) throw new MetadataError('the entityID is longer than 1000 characters');
  const descriptor = childElements(entity, 'IDPSSODescriptor', SAML_NS.metadata)[0];
  const warnings: string[] = [];

  const sso = endpoint(descriptor, 'SingleSignOnService');
  if (!sso.redirect)
    throw new MetadataError(
      sso.post
        ? 'the identity provider offers sign-in only over HTTP-POST; Brevet sends requests over HTTP-Redirect'
        : 'the metadata has no SingleSignOnService',
    );
  if (!isAcceptableIdpUrl(sso.redirect))
    throw new MetadataError('the single sign-on URL must be an https:// URL');

  const slo = endpoint(descriptor, 'SingleLogoutService');
  let sloUrl = slo.redirect;
  if (!sloUrl) {
    warnings.push(
      slo.post
        ? 'single logout is offered only over HTTP-POST; Brevet sends logout requests over HTTP-Redirect, so signing out of Brevet will not sign out of the identity provider'
        : 'the metadata has no SingleLogoutService: signing out of Brevet will not sign out of the identity provider',
    );
  } else if (!isAcceptableIdpUrl(sloUrl)) {
    warnings.push('the single logout URL is not an https:// URL and was left out');
    sloUrl = null;
  }

  const signingCertificates: CertificateInfo[] = [];
  for (const keyDescriptor of childElements(descriptor, 'KeyDescriptor', SAML_NS.metadata)) {
    const use = keyDescriptor.getAttribute('use');
    if (use && use !== 'signing') continue;
    const certificates = Array.from(
      keyDescriptor.getElementsByTagNameNS(SAML_NS.dsig, 'X509Certificate') as unknown as ArrayLike<Element>,
    );
    for (const element of certificates) {
      try {
        const info = readCertificate(element.textContent ?? '');
        if (!signingCertificates.some((c) => c.fingerprint === info.fingerprint))
          signingCertificates.push(info);
      } catch (error) {
        if (error instanceof CertificateError)
          throw new MetadataError(`a signing certificate cannot be read: ${error.message}`);
        throw error;
      }
    }
  }
  if (signingCertificates.length === 0) throw new MetadataError('the metadata has no signing certificate');
  for (const certificate of signingCertificates) {
    if (new Date(certificate.notAfter) <= now)
      warnings.push(`the signing certificate ${certificate.fingerprint.slice(0, 23)}… has expired`);
  }

  const nameIdFormats = childElements(descriptor, 'NameIDFormat', SAML_NS.metadata)
    .map((e) => e.textContent?.trim() ?? '')
    .filter((f) => f.length > 0 && f.length <= 200);
  return { entityId, ssoUrl: sso.redirect, sloUrl, signingCertificates, nameIdFormats, warnings };
}

/** The NameID format to ask for: persistent when offered (or when nothing is said), else the first offered. */
export function preferredNameIdFormat(offered: readonly string[]): string {
  if (offered.length === 0 || offered.includes(NAME_ID_FORMATS.persistent)) return NAME_ID_FORMATS.persistent;
  return offered[0];
}

// ---------------------------------------------------------------------------------------------------------
// Service provider metadata

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function bareCertificate(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

export interface SpMetadataOptions {
  entityId: string;
  acsUrl: string;
  sloUrl: string;
  nameIdFormat: string;
  /** Current first, then the next (or previous) one during a rotation. */
  signingCertificatesPem: string[];
  encryptionCertificatesPem: string[];
}

/**
 * Brevet's service provider metadata for one identity provider: AuthnRequests signed, assertions wanted
 * signed, every signing and encryption certificate (both during a key rotation), ACS (HTTP-POST) and single
 * logout (HTTP-Redirect and HTTP-POST).
 */
export function buildSpMetadata(options: SpMetadataOptions): string {
  const keyDescriptor = (use: 'signing' | 'encryption', pem: string, extra = '') =>
    `    <md:KeyDescriptor use="${use}">\n` +
    `      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${bareCertificate(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n` +
    extra +
    `    </md:KeyDescriptor>\n`;
  const encryptionMethods = [
    'http://www.w3.org/2009/xmlenc11#aes256-gcm',
    'http://www.w3.org/2009/xmlenc11#aes128-gcm',
    'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
    'http://www.w3.org/2001/04/xmlenc#aes128-cbc',
  ]
    .map((a) => `      <md:EncryptionMethod Algorithm="${a}"/>\n`)
    .join('');
  const sloUrl = escapeXml(options.sloUrl);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<md:EntityDescriptor xmlns:md="${SAML_NS.metadata}" xmlns:ds="${SAML_NS.dsig}" entityID="${escapeXml(options.entityId)}">\n` +
    `  <md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="${SAML_NS.protocol}">\n` +
    options.signingCertificatesPem.map((pem) => keyDescriptor('signing', pem)).join('') +
    options.encryptionCertificatesPem
      .map((pem) => keyDescriptor('encryption', pem, encryptionMethods))
      .join('') +
    `    <md:SingleLogoutService Binding="${SAML_BINDINGS.redirect}" Location="${sloUrl}"/>\n` +
    `    <md:SingleLogoutService Binding="${SAML_BINDINGS.post}" Location="${sloUrl}"/>\n` +
    `    <md:NameIDFormat>${escapeXml(options.nameIdFormat)}</md:NameIDFormat>\n` +
    `    <md:AssertionConsumerService Binding="${SAML_BINDINGS.post}" Location="${escapeXml(options.acsUrl)}" index="0" isDefault="true"/>\n` +
    `  </md:SPSSODescriptor>\n` +
    `</md:EntityDescriptor>\n`
  );
}
