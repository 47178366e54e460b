// X.509 certificates for SAML: reading the identity provider's (Node's X509Certificate) and making Brevet's
// own self-signed ones (node-forge). Private keys are generated and sealed by the Open Badges key functions.
// Pure functions, no Nest.
import type { CertificateInfo } from '@brevet/contracts';
import * as forge from 'node-forge';
import { randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { generateStoredKeyAsync, unsealPrivateKey } from '../open-badges/signing-key.util';
import type { StoredSpKey, StoredSpKeySet } from './identity-provider.entity';

export class CertificateError extends Error {}

/** A PEM certificate from base64 DER (as in `<ds:X509Certificate>`) or PEM, normalised to 64-character lines. */
export function toPem(certificate: string): string {
  const body = certificate
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '')
    .trim();
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) throw new CertificateError('not a base64 certificate');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Parses one X.509 certificate (PEM or bare base64); throws {@link CertificateError} with a plain message. */
export function readCertificate(certificate: string): CertificateInfo {
  const trimmed = certificate.trim();
  if ((trimmed.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length > 1)
    throw new CertificateError('paste one certificate at a time');
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(trimmed))
    throw new CertificateError('this is a private key, not a certificate: never share it');
  const pem = toPem(trimmed);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(pem);
  } catch {
    throw new CertificateError('not a valid X.509 certificate');
  }
  if (x509.publicKey.asymmetricKeyType !== 'rsa')
    throw new CertificateError('only RSA certificates are supported for SAML signatures');
  return {
    fingerprint: x509.fingerprint256,
    subject: x509.subject.replace(/\n/g, ', '),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    pem,
  };
}

/** How long Brevet's own certificates are valid (SAML does not rely on their expiry, but many IdPs show it). */
export const SP_CERTIFICATE_YEARS = 10;

/** A self-signed certificate (SHA-256) for an RSA private key. */
export function selfSignedCertificate(privateKey: KeyObject, commonName: string, now: Date): string {
  const forgePrivate = forge.pki.privateKeyFromPem(
    privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
  ) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgePrivate.n, forgePrivate.e);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + SP_CERTIFICATE_YEARS);
  const name = [{ name: 'commonName', value: commonName.slice(0, 64) }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
  ]);
  cert.sign(forgePrivate, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
}

/** One of Brevet's key pairs: RSA (sealed under `kek`, like Open Badges keys) and its certificate. */
export async function generateSpKey(kek: Buffer, commonName: string, now: Date): Promise<StoredSpKey> {
  const key = await generateStoredKeyAsync('RS256', kek, now);
  return { key, certificatePem: selfSignedCertificate(unsealPrivateKey(key, kek), commonName, now) };
}

/** A signing key and an encryption key, generated together and in parallel (a rotation step renews both). */
export async function generateSpKeySet(kek: Buffer, entityId: string, now: Date): Promise<StoredSpKeySet> {
  const [signing, encryption] = await Promise.all([
    generateSpKey(kek, `Brevet SAML signing ${entityId}`, now),
    generateSpKey(kek, `Brevet SAML encryption ${entityId}`, now),
  ]);
  return { signing, encryption, createdAt: now.toISOString() };
}

/** The private key as PKCS#8 PEM, for node-saml (decrypted in memory for one request). */
export function spPrivateKeyPem(stored: StoredSpKey, kek: Buffer): string {
  return unsealPrivateKey(stored.key, kek).export({ format: 'pem', type: 'pkcs8' }).toString();
}
