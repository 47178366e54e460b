import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';

/** JOSE algorithms Brevet signs with: Ed25519 (default) or RSA 3072 with SHA-256 (1EdTech's minimum). */
export type SigningAlg = 'EdDSA' | 'RS256';

/** A public key as published in the JWKS: never has `d` or any other private member. */
export interface PublicJwk {
  kty: 'OKP' | 'RSA';
  crv?: 'Ed25519';
  x?: string;
  n?: string;
  e?: string;
  kid: string;
  alg: SigningAlg;
  use: 'sig';
}

/** What `app_setting['open-badges.keys']` holds per key. The private key is only ever stored encrypted. */
export interface StoredSigningKey {
  /** RFC 7638 JWK thumbprint; the published `kid` is `<issuer>/keys/<id>`. */
  id: string;
  alg: SigningAlg;
  publicJwk: Omit<PublicJwk, 'kid'>;
  /** AES-256-GCM over the PKCS#8 DER private key: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  encryptedPrivateKey: string;
  createdAt: string;
  retiredAt: string | null;
}

/** A key ready to sign with (decrypted in memory for one operation). */
export interface SigningKey {
  kid: string;
  alg: SigningAlg;
  privateKey: KeyObject;
}

export class KeyDecryptionError extends Error {}

export function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Derives a 32-byte key for `purpose` from the installation secret (HKDF-SHA256, domain-separated). */
export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'brevet.open-badges', purpose, 32));
}

/** RFC 7638 thumbprint of a public JWK (SHA-256 over the required members in lexicographic order). */
export function jwkThumbprint(jwk: Pick<PublicJwk, 'kty' | 'crv' | 'x' | 'n' | 'e'>): string {
  const canonical =
    jwk.kty === 'OKP'
      ? JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })
      : JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return base64url(createHash('sha256').update(canonical).digest());
}

function publicMembers(jwk: JsonWebKey, alg: SigningAlg): Omit<PublicJwk, 'kid'> {
  if (alg === 'EdDSA') {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
      throw new Error('not an Ed25519 public key');
    return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, alg, use: 'sig' };
  }
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string')
    throw new Error('not an RSA public key');
  return { kty: 'RSA', n: jwk.n, e: jwk.e, alg, use: 'sig' };
}

function encrypt(plain: Buffer, kek: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return ['v1', base64url(iv), base64url(cipher.getAuthTag()), base64url(ciphertext)].join('.');
}

function decrypt(sealed: string, kek: Buffer, aad: string): Buffer {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new KeyDecryptionError('unknown key format');
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  } catch {
    // Never include key material or the secret in the message.
    throw new KeyDecryptionError(
      'a signing key cannot be decrypted: KEY_ENCRYPTION_SECRET (or DATA_DIR/secret.key) is not the one it was stored with',
    );
  }
}

/** The key-encryption key: what `deriveKey(secret, …)` returns for private keys. */
export function keyEncryptionKey(secret: string): Buffer {
  return deriveKey(secret, 'signing-key-encryption/v1');
}

/**
 * Generates a key pair (Ed25519, or RSA 3072 for RS256) and returns the record to store, with the private
 * key encrypted under `kek`; the ciphertext is bound to the key's id (AES-GCM additional data).
 */
export function generateStoredKey(alg: SigningAlg, kek: Buffer, now: Date): StoredSigningKey {
  const pair =
    alg === 'EdDSA'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('rsa', { modulusLength: 3072, publicExponent: 0x10001 });
  return storedKey(pair, alg, kek, now);
}

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * {@link generateStoredKey} on libuv's thread pool: an RSA 3072 key takes a second or more of CPU, which must
 * not block the event loop of a process serving requests (several keys are generated in parallel).
 */
export async function generateStoredKeyAsync(
  alg: SigningAlg,
  kek: Buffer,
  now: Date,
): Promise<StoredSigningKey> {
  const pair =
    alg === 'EdDSA'
      ? await generateKeyPairAsync('ed25519')
      : await generateKeyPairAsync('rsa', { modulusLength: 3072, publicExponent: 0x10001 });
  return storedKey(pair, alg, kek, now);
}

function storedKey(
  { publicKey, privateKey }: { publicKey: KeyObject; privateKey: KeyObject },
  alg: SigningAlg,
  kek: Buffer,
  now: Date,
): StoredSigningKey {
  const publicJwk = publicMembers(publicKey.export({ format: 'jwk' }), alg);
  const id = jwkThumbprint(publicJwk);
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return {
    id,
    alg,
    publicJwk,
    encryptedPrivateKey: encrypt(der, kek, id),
    createdAt: now.toISOString(),
    retiredAt: null,
  };
}

/** Decrypts a stored private key; throws {@link KeyDecryptionError} with a safe message. */
export function unsealPrivateKey(stored: StoredSigningKey, kek: Buffer): KeyObject {
  const der = decrypt(stored.encryptedPrivateKey, kek, stored.id);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** A public key object from a published JWK (for verification). */
export function publicKeyFromJwk(jwk: PublicJwk): KeyObject {
  const { kty, crv, x, n, e } = jwk;
  const members = kty === 'OKP' ? { kty, crv, x } : { kty, n, e };
  return createPublicKey({ key: members as JsonWebKey, format: 'jwk' });
}

/** Validates the shape of what was read from the settings table (it is jsonb, so anything could be there). */
export function isStoredSigningKey(value: unknown): value is StoredSigningKey {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['id'] === 'string' &&
    (v['alg'] === 'EdDSA' || v['alg'] === 'RS256') &&
    typeof v['publicJwk'] === 'object' &&
    v['publicJwk'] !== null &&
    typeof v['encryptedPrivateKey'] === 'string' &&
    typeof v['createdAt'] === 'string' &&
    (v['retiredAt'] === null || typeof v['retiredAt'] === 'string')
  );
}
