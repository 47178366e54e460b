import { DOMParser } from '@xmldom/xmldom';
import { buildIdpMetadata, createIdpKeyPair, type IdpKeyPair } from './demo-idp/saml-idp.util';
import {
  buildSpMetadata,
  MetadataError,
  parseIdpMetadata,
  preferredNameIdFormat,
  SAML_BINDINGS,
} from './saml-metadata.util';

const NOW = new Date();
let a: IdpKeyPair;
let b: IdpKeyPair;
beforeAll(() => {
  a = createIdpKeyPair({ commonName: 'a', days: 2 });
  b = createIdpKeyPair({ commonName: 'b', days: 2 });
});

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof MetadataError) return error.message;
    throw error;
  }
  throw new Error('expected a MetadataError');
}

describe('parseIdpMetadata', () => {
  it('reads entity ID, endpoints and every signing certificate', () => {
    const xml = buildIdpMetadata({
      entityId: 'https://idp.test',
      ssoUrl: 'https://idp.test/sso',
      sloUrl: 'https://idp.test/slo',
      certificatesPem: [a.certificatePem, b.certificatePem],
    });
    const parsed = parseIdpMetadata(xml, NOW);
    expect(parsed).toMatchObject({
      entityId: 'https://idp.test',
      ssoUrl: 'https://idp.test/sso',
      sloUrl: 'https://idp.test/slo',
      warnings: [],
    });
    expect(parsed.signingCertificates.map((c) => c.pem.replace(/\s/g, ''))).toEqual(
      [a.certificatePem, b.certificatePem].map((p) => p.replace(/\s/g, '')),
    );
    expect(parsed.signingCertificates[0].fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('reads the identity provider out of an EntitiesDescriptor, and warns without single logout', () => {
    const one = buildIdpMetadata({
      entityId: 'https://one.test',
      ssoUrl: 'https://one.test/sso',
      certificatesPem: [a.certificatePem],
    }).replace(/^<\?xml[^>]*>\s*/, '');
    const xml = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${one}</md:EntitiesDescriptor>`;
    const parsed = parseIdpMetadata(xml, NOW);
    expect(parsed.entityId).toBe('https://one.test');
    expect(parsed.sloUrl).toBeNull();
    expect(parsed.warnings).toEqual([
      'the metadata has no SingleLogoutService: signing out of Brevet will not sign out of the identity provider',
    ]);
  });

  it('warns about an expired certificate', () => {
    const xml = buildIdpMetadata({
      entityId: 'https://x.test',
      ssoUrl: 'https://x.test/sso',
      sloUrl: 'https://x.test/slo',
      certificatesPem: [a.certificatePem],
    });
    const later = new Date(NOW.getTime() + 3 * 86_400_000);
    expect(parseIdpMetadata(xml, later).warnings[0]).toMatch(/has expired$/);
  });

  it.each([
    [
      'a DOCTYPE',
      '<!DOCTYPE x><x/>',
      'the metadata contains a DOCTYPE, which Brevet refuses for security reasons',
    ],
    ['broken XML', '<x', 'the metadata is not well-formed XML (is it the metadata file?)'],
    ['no EntityDescriptor', '<x/>', 'this is not SAML 2.0 metadata (no md:EntityDescriptor)'],
  ])('refuses %s', (_label, xml, text) => {
    expect(message(() => parseIdpMetadata(xml, NOW))).toBe(text);
  });

  it('refuses POST-only sign-in, a plain http sign-on URL and missing certificates', () => {
    const base = buildIdpMetadata({
      entityId: 'https://x.test',
      ssoUrl: 'https://x.test/sso',
      certificatesPem: [a.certificatePem],
    });
    expect(
      message(() => parseIdpMetadata(base.replace(SAML_BINDINGS.redirect, SAML_BINDINGS.post), NOW)),
    ).toBe(
      'the identity provider offers sign-in only over HTTP-POST; Brevet sends requests over HTTP-Redirect',
    );
    expect(
      message(() => parseIdpMetadata(base.replace('https://x.test/sso', 'http://x.test/sso'), NOW)),
    ).toBe('the single sign-on URL must be an https:// URL');
    expect(
      message(() => parseIdpMetadata(base.replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, ''), NOW)),
    ).toBe('the metadata has no signing certificate');
  });

  it('prefers the persistent NameID format', () => {
    expect(preferredNameIdFormat([])).toBe('urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
    expect(preferredNameIdFormat(['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'])).toBe(
      'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    );
  });
});

describe('buildSpMetadata', () => {
  it('lists every certificate and the endpoints, and parses as XML', () => {
    const xml = buildSpMetadata({
      entityId: 'https://brevet.test/auth/saml/x/metadata',
      acsUrl: 'https://brevet.test/auth/saml/x/acs',
      sloUrl: 'https://brevet.test/auth/saml/x/slo',
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      signingCertificatesPem: [a.certificatePem, b.certificatePem],
      encryptionCertificatesPem: [b.certificatePem],
    });
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const keys = Array.from(
      doc.getElementsByTagNameNS(
        'urn:oasis:names:tc:SAML:2.0:metadata',
        'KeyDescriptor',
      ) as unknown as Element[],
    );
    expect(keys.map((k) => k.getAttribute('use'))).toEqual(['signing', 'signing', 'encryption']);
    expect(doc.documentElement?.getAttribute('entityID')).toBe('https://brevet.test/auth/saml/x/metadata');
  });
});
