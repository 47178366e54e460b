// node-saml options for one identity provider, with every setting SECURITY-TESTS.md asks for.
import { ValidateInResponseTo, type CacheProvider, type SamlConfig } from '@node-saml/node-saml';
import { decryptXml } from '@node-saml/node-saml/lib/xml';
import type { ServiceProviderUrls } from '@brevet/contracts';
import type { IdentityProviderEntity } from './identity-provider.entity';
import { SAML_REQUEST_TTL_MS } from './saml-request-cache';
import { encryptedAssertionOf } from './saml-xml.util';
import type { SpKeyMaterial } from './sp-keyring';

/** Clock skew tolerated on NotBefore/NotOnOrAfter (never -1, which switches the check off). */
export const ACCEPTED_CLOCK_SKEW_MS = 60_000;

export interface SamlOptionsInput {
  idp: Pick<
    IdentityProviderEntity,
    'entityId' | 'ssoUrl' | 'sloUrl' | 'signingCertificates' | 'nameIdFormat'
  >;
  urls: ServiceProviderUrls;
  keys: SpKeyMaterial;
  /** Which of our encryption keys decrypts this message (see {@link pickDecryptionKey}). */
  decryptionKeyPem: string;
  cache: CacheProvider;
  /**
   * `always` for sign-in: a response must answer a request we sent. Logout messages use `ifPresent`: an
   * IdP-initiated LogoutRequest answers nothing, and a LogoutResponse's InResponseTo is checked when present.
   */
  inResponseTo: 'always' | 'ifPresent';
}

export function samlOptionsFor(input: SamlOptionsInput): SamlConfig {
  const { idp, urls, keys } = input;
  return {
    entryPoint: idp.ssoUrl,
    logoutUrl: idp.sloUrl ?? idp.ssoUrl,
    issuer: urls.entityId,
    audience: urls.entityId,
    callbackUrl: urls.acsUrl,
    logoutCallbackUrl: urls.sloUrl,
    idpCert: [...idp.signingCertificates],
    idpIssuer: idp.entityId,
    privateKey: keys.signingKeyPem,
    publicCert: keys.signingCertificatePem,
    decryptionPvk: input.decryptionKeyPem,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    acceptedClockSkewMs: ACCEPTED_CLOCK_SKEW_MS,
    validateInResponseTo:
      input.inResponseTo === 'always' ? ValidateInResponseTo.always : ValidateInResponseTo.ifPresent,
    requestIdExpirationPeriodMs: SAML_REQUEST_TTL_MS,
    cacheProvider: input.cache,
    identifierFormat: idp.nameIdFormat,
    allowCreate: true,
    // A fixed "PasswordProtectedTransport, exact" makes Entra ID and AD FS refuse MFA and Windows sign-in.
    disableRequestedAuthnContext: true,
    authnRequestBinding: 'HTTP-Redirect',
  };
}

/**
 * Which of our encryption keys opens the response's EncryptedAssertion (during a key rotation the identity
 * provider may use either certificate). Only chooses the key: node-saml then decrypts and verifies. The
 * current key when nothing is encrypted or nothing fits.
 */
export async function pickDecryptionKey(xml: string, keysPem: readonly string[]): Promise<string> {
  if (keysPem.length <= 1) return keysPem[0];
  const encrypted = encryptedAssertionOf(xml);
  if (!encrypted) return keysPem[0];
  for (const key of keysPem) {
    try {
      await decryptXml(encrypted, key);
      return key;
    } catch {
      // not this key
    }
  }
  return keysPem[0];
}
