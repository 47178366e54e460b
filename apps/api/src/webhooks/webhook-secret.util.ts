import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Endpoint secrets. A secret must be usable to sign (HMAC), so it is stored encrypted, not hashed: AES-256-GCM
 * under a key derived from the installation secret (`KEY_ENCRYPTION_SECRET`, as Open Badges keys), with the
 * endpoint's ID as additional data so a ciphertext cannot be moved to another endpoint.
 */

/** A new secret: `whsec_` and 32 random bytes (base64url). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function encryptSecret(secret: string, kek: Buffer, endpointId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`webhook:${endpointId}`, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function decryptSecret(sealed: string, kek: Buffer, endpointId: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new Error('unknown webhook secret format');
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`webhook:${endpointId}`, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new Error(
      'a webhook secret cannot be decrypted: KEY_ENCRYPTION_SECRET (or DATA_DIR/secret.key) is not the one it was stored with',
    );
  }
}

/**
 * The signature header's value: `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the secret. Receivers
 * recompute it (docs/webhooks.md) and compare in constant time.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}
