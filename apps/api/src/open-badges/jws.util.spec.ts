import { generateKeyPairSync } from 'node:crypto';
import { signJws, verifyJws } from './jws.util';
import {
  base64url,
  generateStoredKey,
  jwkThumbprint,
  keyEncryptionKey,
  KeyDecryptionError,
  unsealPrivateKey,
  type PublicJwk,
  type SigningAlg,
  type SigningKey,
  type StoredSigningKey,
} from './signing-key.util';

const NOW = new Date('2026-03-12T10:00:00Z');
const kek = keyEncryptionKey('unit-test-secret-unit-test-secret-0123456789');

function keyPair(
  alg: SigningAlg,
  id = 'k',
): { stored: StoredSigningKey; signing: SigningKey; jwk: PublicJwk } {
  const stored = generateStoredKey(alg, kek, NOW);
  const kid = `https://brevet.example/issuer/keys/${stored.id}-${id}`;
  return {
    stored,
    signing: { kid, alg, privateKey: unsealPrivateKey(stored, kek) },
    jwk: { ...stored.publicJwk, kid },
  };
}

/** Replaces the character at `i` with another base64url character. */
function flip(token: string, i: number): string {
  const c = token[i];
  const replacement = c === 'A' ? 'B' : c === '.' ? 'x' : 'A';
  return token.slice(0, i) + replacement + token.slice(i + 1);
}

describe('signing keys', () => {
  it('computes the RFC 7638 thumbprint (RFC 8037 Ed25519 example)', () => {
    expect(
      jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }),
    ).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it.each<SigningAlg>(['EdDSA', 'RS256'])(
    'stores a %s private key only encrypted, and publishes no private member',
    (alg) => {
      const { stored } = keyPair(alg);
      const pkcs8 = unsealPrivateKey(stored, kek).export({ format: 'der', type: 'pkcs8' });
      expect(stored.encryptedPrivateKey).not.toContain(base64url(pkcs8).slice(0, 40));
      expect(stored.encryptedPrivateKey).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(Object.keys(stored.publicJwk).sort()).toEqual(
        alg === 'EdDSA' ? ['alg', 'crv', 'kty', 'use', 'x'] : ['alg', 'e', 'kty', 'n', 'use'],
      );
      expect(JSON.stringify(stored.publicJwk)).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
      expect(stored.id).toBe(jwkThumbprint(stored.publicJwk));
    },
  );

  it('refuses to decrypt with another secret, or a ciphertext moved to another key id', () => {
    const { stored } = keyPair('EdDSA');
    expect(() =>
      unsealPrivateKey(stored, keyEncryptionKey('another-secret-another-secret-0123456789')),
    ).toThrow(KeyDecryptionError);
    expect(() => unsealPrivateKey({ ...stored, id: 'someone-else' }, kek)).toThrow(KeyDecryptionError);
    const [v, iv, tag, ct] = stored.encryptedPrivateKey.split('.');
    const tampered = `${v}.${iv}.${tag}.${ct.slice(0, -2)}${ct.endsWith('AA') ? 'BA' : 'AA'}`;
    expect(() => unsealPrivateKey({ ...stored, encryptedPrivateKey: tampered }, kek)).toThrow(
      KeyDecryptionError,
    );
  });
});

describe('compact JWS', () => {
  const payload = { iss: 'https://brevet.example/issuer', name: 'Gabelstaplerführung Łódź', n: 1 };

  it.each<SigningAlg>(['EdDSA', 'RS256'])(
    'signs and verifies with %s; the header is exactly alg, kid, typ',
    (alg) => {
      const { signing, jwk } = keyPair(alg);
      const token = signJws(payload, signing);
      const result = verifyJws(token, [jwk]);
      expect(result).toEqual({ ok: true, header: { alg, kid: jwk.kid, typ: 'JWT' }, payload });
      const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as object;
      expect(header).toEqual({ alg, kid: jwk.kid, typ: 'JWT' });
    },
  );

  it('fails when any single character of the token is changed (header, payload and signature)', () => {
    const { signing, jwk } = keyPair('EdDSA');
    const token = signJws(payload, signing);
    let checked = 0;
    for (let i = 0; i < token.length; i++) {
      const result = verifyJws(flip(token, i), [jwk]);
      expect({ i, ok: result.ok }).toEqual({ i, ok: false });
      checked++;
    }
    expect(checked).toBe(token.length);
  });

  it('fails when a byte of the decoded payload changes and the token is re-encoded', () => {
    const { signing, jwk } = keyPair('EdDSA');
    const [h, p, s] = signJws(payload, signing).split('.');
    const bytes = Buffer.from(p, 'base64url');
    for (const i of [0, Math.floor(bytes.length / 2), bytes.length - 2]) {
      const copy = Buffer.from(bytes);
      copy[i] ^= 0x01;
      const result = verifyJws(`${h}.${copy.toString('base64url')}.${s}`, [jwk]);
      expect(result.ok).toBe(false);
    }
  });

  it('fails with the wrong key, an unknown kid, or a header whose algorithm does not match the key', () => {
    const a = keyPair('EdDSA', 'a');
    const b = keyPair('EdDSA', 'b');
    const token = signJws(payload, a.signing);
    expect(verifyJws(token, [{ ...b.jwk, kid: a.jwk.kid }])).toMatchObject({
      ok: false,
      reason: 'signature_invalid',
    });
    expect(verifyJws(token, [b.jwk])).toMatchObject({ ok: false, reason: 'unknown_key' });
    expect(verifyJws(token, [{ ...a.jwk, alg: 'RS256' }])).toMatchObject({
      ok: false,
      reason: 'algorithm_mismatch',
    });
  });

  it('keeps verifying with a retired key that is still published', () => {
    const old = keyPair('EdDSA', 'old');
    const current = keyPair('RS256', 'new');
    const oldToken = signJws(payload, old.signing);
    expect(verifyJws(oldToken, [old.jwk, current.jwk]).ok).toBe(true);
    expect(verifyJws(signJws(payload, current.signing), [old.jwk, current.jwk]).ok).toBe(true);
  });

  it('rejects alg none, extra JOSE headers and non-canonical base64url', () => {
    const { signing, jwk } = keyPair('EdDSA');
    const [, p, s] = signJws(payload, signing).split('.');
    const header = (h: object) => base64url(JSON.stringify(h));
    expect(verifyJws(`${header({ alg: 'none', kid: jwk.kid })}.${p}.`, [jwk]).ok).toBe(false);
    expect(verifyJws(`${header({ alg: 'none', kid: jwk.kid })}.${p}.${s}`, [jwk])).toMatchObject({
      reason: 'header_invalid',
    });
    expect(
      verifyJws(`${header({ alg: 'EdDSA', kid: jwk.kid, typ: 'JWT', jku: 'https://evil' })}.${p}.${s}`, [
        jwk,
      ]),
    ).toMatchObject({ reason: 'header_invalid' });
    expect(
      verifyJws(`${header({ alg: 'EdDSA', kid: jwk.kid, typ: 'JWT' })}.${p}.${s}=`, [jwk]),
    ).toMatchObject({
      reason: 'malformed',
    });
  });

  it('verifies with a key generated outside the key store, imported from its public JWK', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const x = publicKey.export({ format: 'jwk' }).x as string;
    const jwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x, kid: 'k1', alg: 'EdDSA', use: 'sig' };
    const token = signJws(payload, { kid: 'k1', alg: 'EdDSA', privateKey });
    expect(verifyJws(token, [jwk]).ok).toBe(true);
  });
});
