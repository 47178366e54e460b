import type { CredentialInput } from '@brevet/contracts';
import { buildOpenBadgeCredential, jwtPayloadFor } from './credential-builder.util';
import { checkStatusListEntry, verifyOpenBadgeJwt, type StatusCheck } from './credential-verifier.util';
import { signJws } from './jws.util';
import {
  generateStoredKey,
  keyEncryptionKey,
  unsealPrivateKey,
  type PublicJwk,
  type SigningAlg,
  type SigningKey,
} from './signing-key.util';
import { buildStatusListCredential } from './status-list.util';
import { credentialInput } from './testing/credential-input.fixture';

const PUBLIC_URL = 'https://brevet.example';
const ISSUER = `${PUBLIC_URL}/issuer`;
const LIST_URL = `${PUBLIC_URL}/status/revocation/1`;
const kek = keyEncryptionKey('unit-test-secret-unit-test-secret-0123456789');
const during = new Date('2027-01-01T12:00:00Z');

function key(alg: SigningAlg = 'EdDSA'): { signing: SigningKey; jwk: PublicJwk } {
  const stored = generateStoredKey(alg, kek, during);
  const kid = `${ISSUER}/keys/${stored.id}`;
  return {
    signing: { kid, alg, privateKey: unsealPrivateKey(stored, kek) },
    jwk: { ...stored.publicJwk, kid },
  };
}

function issue(signing: SigningKey, input: CredentialInput = credentialInput()): string {
  const vc = buildOpenBadgeCredential(input, {
    publicUrl: PUBLIC_URL,
    issuerName: 'Nordwind',
    pseudonymKey: Buffer.alloc(32),
  });
  return signJws(jwtPayloadFor(vc), signing);
}

function signedList(signing: SigningKey, revoked: number[], now = during): string {
  const vc = buildStatusListCredential({ url: LIST_URL, issuer: ISSUER, revoked, now });
  return signJws({ ...vc, iss: ISSUER, jti: vc.id }, signing);
}

const notRevoked: StatusCheck = () => Promise.resolve({ outcome: 'ok' });

describe('verifying an OpenBadgeCredential VC-JWT', () => {
  const k = key();
  const verify = (token: unknown, statusCheck = notRevoked, now = during, keys = [k.jwk]) =>
    verifyOpenBadgeJwt(token, { keys, issuerId: ISSUER, now, statusCheck });

  it('accepts a freshly signed credential: every check ok', async () => {
    const result = await verify(issue(k.signing));
    expect(result).toMatchObject({
      valid: true,
      status: 'valid',
      checks: {
        format: 'ok',
        signature: 'ok',
        claims: 'ok',
        validFrom: 'ok',
        validUntil: 'ok',
        revocation: 'ok',
      },
      errors: [],
    });
    expect(result.credential).not.toHaveProperty('iss');
    expect(result.credential).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'] });
  });

  it('signs, verifies, flips one byte, and fails', async () => {
    const token = issue(k.signing);
    expect((await verify(token)).valid).toBe(true);
    for (const i of [5, Math.floor(token.length / 2), token.length - 5]) {
      const flipped = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
      const result = await verify(flipped);
      expect(result).toMatchObject({ valid: false, status: 'invalid' });
      expect(result.checks.signature).toBe('failed');
    }
  });

  it('fails with a key the issuer did not publish', async () => {
    const result = await verify(issue(key().signing));
    expect(result).toMatchObject({ valid: false, status: 'invalid', checks: { signature: 'failed' } });
    expect(result.errors).toContain('signature: signed with a key this issuer has not published');
  });

  it('still verifies a credential signed with a retired key that stays published', async () => {
    const old = key();
    const current = key('RS256');
    expect((await verify(issue(old.signing), notRevoked, during, [old.jwk, current.jwk])).valid).toBe(true);
  });

  it('reports expired after validUntil and not yet valid before validFrom', async () => {
    const token = issue(k.signing);
    expect(await verify(token, notRevoked, new Date('2028-03-31T21:59:59Z'))).toMatchObject({
      status: 'valid',
    });
    expect(await verify(token, notRevoked, new Date('2028-03-31T22:00:00Z'))).toMatchObject({
      valid: false,
      status: 'expired',
      checks: { validUntil: 'failed', signature: 'ok' },
    });
    expect(await verify(token, notRevoked, new Date('2026-03-11T22:59:59Z'))).toMatchObject({
      valid: false,
      status: 'not_yet_valid',
      checks: { validFrom: 'failed' },
    });
  });

  it('reports revoked when the bit is set in the signed status list', async () => {
    const token = issue(k.signing);
    const check =
      (revoked: number[]): StatusCheck =>
      (entry) =>
        Promise.resolve(checkStatusListEntry(entry, signedList(k.signing, revoked), [k.jwk], during));
    expect((await verify(token, check([1, 2, 3]))).status).toBe('valid');
    const revoked = await verify(token, check([94_567]));
    expect(revoked).toMatchObject({
      valid: false,
      status: 'revoked',
      checks: { revocation: 'failed', signature: 'ok' },
    });
  });

  it('does not trust a status list with a bad signature, the wrong id or an expired one', () => {
    const entry = { statusListCredential: LIST_URL, statusListIndex: '94567', statusPurpose: 'revocation' };
    expect(checkStatusListEntry(entry, signedList(key().signing, [94_567]), [k.jwk], during).outcome).toBe(
      'unknown',
    );
    expect(
      checkStatusListEntry(
        { ...entry, statusListCredential: `${LIST_URL}x` },
        signedList(k.signing, []),
        [k.jwk],
        during,
      ).outcome,
    ).toBe('unknown');
    const old = signedList(k.signing, [], new Date('2026-01-01T00:00:00Z'));
    expect(checkStatusListEntry(entry, old, [k.jwk], during).outcome).toBe('unknown');
    expect(
      checkStatusListEntry(
        { ...entry, statusPurpose: 'suspension' },
        signedList(k.signing, []),
        [k.jwk],
        during,
      ).outcome,
    ).toBe('unknown');
  });

  it('is not valid when revocation cannot be checked, and does not look it up for a forged credential', async () => {
    const lookups: string[] = [];
    const unknown: StatusCheck = (entry) => {
      lookups.push(entry.statusListCredential);
      return Promise.resolve({ outcome: 'unknown', reason: 'offline' });
    };
    expect(await verify(issue(k.signing), unknown)).toMatchObject({ valid: false, status: 'invalid' });
    await verify(issue(key().signing), unknown);
    expect(lookups).toHaveLength(1);
  });

  it('rejects a validly signed token whose claims disagree with the credential, or from another issuer', async () => {
    const vc = buildOpenBadgeCredential(credentialInput(), {
      publicUrl: PUBLIC_URL,
      issuerName: 'N',
      pseudonymKey: Buffer.alloc(32),
    });
    const wrongNbf = signJws({ ...jwtPayloadFor(vc), nbf: 0 }, k.signing);
    expect((await verify(wrongNbf)).errors).toContain('claims: nbf does not match validFrom');
    const other = buildOpenBadgeCredential(credentialInput(), {
      publicUrl: 'https://other.example',
      issuerName: 'N',
      pseudonymKey: Buffer.alloc(32),
    });
    const result = await verify(signJws(jwtPayloadFor(other), k.signing));
    expect(result).toMatchObject({ status: 'invalid', checks: { claims: 'failed' } });
  });

  it('rejects a signed payload that is not an OpenBadgeCredential', async () => {
    const result = await verify(signJws({ iss: ISSUER, hello: 'world' }, k.signing));
    expect(result).toMatchObject({
      valid: false,
      status: 'invalid',
      checks: { format: 'failed', signature: 'ok' },
    });
  });

  it('accepts an EnvelopedVerifiableCredential and refuses plain JSON without a proof', async () => {
    const token = issue(k.signing);
    const envelope = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `data:application/vc+jwt,${token}`,
      type: 'EnvelopedVerifiableCredential',
    };
    expect((await verify(envelope)).valid).toBe(true);
    const plain = await verify({ type: ['VerifiableCredential', 'OpenBadgeCredential'] });
    expect(plain).toMatchObject({
      valid: false,
      status: 'invalid',
      checks: { format: 'failed', signature: 'failed' },
    });
  });
});
