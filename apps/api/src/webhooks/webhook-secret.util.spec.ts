import { createHmac, randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret, newWebhookSecret, signWebhook } from './webhook-secret.util';

describe('webhook secrets', () => {
  const kek = randomBytes(32);

  it('round-trips a secret bound to its endpoint', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const sealed = encryptSecret(secret, kek, 'endpoint-a');
    expect(sealed).not.toContain(secret.slice(6));
    expect(decryptSecret(sealed, kek, 'endpoint-a')).toBe(secret);
  });

  it('refuses a ciphertext moved to another endpoint or read with another key', () => {
    const sealed = encryptSecret(newWebhookSecret(), kek, 'endpoint-a');
    expect(() => decryptSecret(sealed, kek, 'endpoint-b')).toThrow(/cannot be decrypted/);
    expect(() => decryptSecret(sealed, randomBytes(32), 'endpoint-a')).toThrow(/cannot be decrypted/);
  });

  it('signs timestamp and body with HMAC-SHA256', () => {
    const body = '{"type":"webhook.test"}';
    const expected = createHmac('sha256', 'whsec_x').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('whsec_x', 1700000000, body)).toBe(`v1=${expected}`);
    expect(signWebhook('whsec_x', 1700000001, body)).not.toBe(`v1=${expected}`);
  });
});
