import type { CheckOutcome, VerificationResult, VerificationStatus } from '@brevet/contracts';
import { verifyJws, type JwsFailure } from './jws.util';
import { openBadgeCredentialProblems } from './ob3-rules.util';
import type { PublicJwk } from './signing-key.util';
import { bitAt, decodeBitstring } from './status-list.util';

export interface StatusEntry {
  statusListCredential: string;
  statusListIndex: string;
  statusPurpose: string;
}

/** Looks up a credential's status entry: `ok`, `revoked`, or `unknown` with a reason. */
export type StatusCheck = (entry: StatusEntry) => Promise<{ outcome: CheckOutcome; reason?: string }>;

export interface VerifyOptions {
  /** The issuer's published keys, retired ones included. */
  keys: readonly PublicJwk[];
  /** The issuer id a credential must carry (`iss` and `issuer.id`). */
  issuerId: string;
  now: Date;
  statusCheck: StatusCheck;
}

const JWS_REASONS: Record<JwsFailure, string> = {
  malformed: 'not a compact JWS (three base64url parts)',
  header_invalid: 'the JOSE header is not {alg: EdDSA|RS256, kid, typ: JWT}',
  payload_invalid: 'the payload is not a JSON object',
  unknown_key: 'signed with a key this issuer has not published',
  algorithm_mismatch: 'the header algorithm does not match the key',
  signature_invalid: 'the signature does not match the content (tampered or wrong key)',
};

const REGISTERED_CLAIMS = ['iss', 'jti', 'sub', 'nbf', 'exp', 'iat', 'aud'];
const ENVELOPE_PREFIX = 'data:application/vc+jwt,';

/** The compact JWS in a request: the string itself, or an EnvelopedVerifiableCredential carrying one. */
export function extractJwt(credential: unknown): string | null {
  if (typeof credential === 'string') return credential.trim();
  if (typeof credential === 'object' && credential !== null) {
    const c = credential as Record<string, unknown>;
    const types = Array.isArray(c['type']) ? c['type'] : [c['type']];
    if (
      types.includes('EnvelopedVerifiableCredential') &&
      typeof c['id'] === 'string' &&
      c['id'].startsWith(ENVELOPE_PREFIX)
    )
      return c['id'].slice(ENVELOPE_PREFIX.length);
  }
  return null;
}

const seconds = (dateTime: unknown) =>
  typeof dateTime === 'string' ? Math.floor(Date.parse(dateTime) / 1000) : NaN;

function claimProblems(
  payload: Record<string, unknown>,
  credential: Record<string, unknown>,
  issuerId: string,
): string[] {
  const problems: string[] = [];
  const issuer = credential['issuer'];
  const credentialIssuer = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  const subject = credential['credentialSubject'] as { id?: unknown } | undefined;
  if (payload['iss'] !== credentialIssuer) problems.push('iss does not match issuer.id');
  if (credentialIssuer !== issuerId) problems.push(`the issuer is not ${issuerId}`);
  if (payload['jti'] !== credential['id']) problems.push('jti does not match id');
  if (payload['sub'] !== subject?.id) problems.push('sub does not match credentialSubject.id');
  if (payload['nbf'] !== seconds(credential['validFrom'])) problems.push('nbf does not match validFrom');
  if (credential['validUntil'] !== undefined || payload['exp'] !== undefined) {
    if (payload['exp'] !== seconds(credential['validUntil'])) problems.push('exp does not match validUntil');
  }
  return problems;
}

function statusOf(checks: VerificationResult['checks']): VerificationStatus {
  if (checks.format === 'failed' || checks.signature === 'failed' || checks.claims === 'failed')
    return 'invalid';
  if (checks.revocation === 'failed') return 'revoked';
  if (checks.validUntil === 'failed') return 'expired';
  if (checks.validFrom === 'failed') return 'not_yet_valid';
  return Object.values(checks).every((c) => c === 'ok') ? 'valid' : 'invalid';
}

/**
 * Verifies a VC-JWT OpenBadgeCredential (OB 3.0 §8.2.6): signature with a published key, the registered
 * claims against the credential, the data model rules, the validity period at `now`, and the revocation bit.
 * Revocation is only looked up for a credential whose signature holds (an untrusted status entry is ignored).
 */
export async function verifyOpenBadgeJwt(
  input: unknown,
  options: VerifyOptions,
): Promise<VerificationResult> {
  const checks: VerificationResult['checks'] = {
    format: 'unknown',
    signature: 'unknown',
    claims: 'unknown',
    validFrom: 'unknown',
    validUntil: 'unknown',
    revocation: 'unknown',
  };
  const errors: string[] = [];
  const result = (credential: Record<string, unknown> | null): VerificationResult => ({
    valid: Object.values(checks).every((c) => c === 'ok'),
    status: statusOf(checks),
    checks,
    errors,
    credential,
    checkedAt: options.now.toISOString(),
  });

  const token = extractJwt(input);
  if (!token) {
    checks.format = 'failed';
    checks.signature = 'failed';
    errors.push(
      'format: only VC-JWT credentials (a compact JWS, or an EnvelopedVerifiableCredential) can be verified',
    );
    return result(null);
  }
  const jws = verifyJws(token, options.keys);
  const payload = jws.payload;
  checks.signature = jws.ok ? 'ok' : 'failed';
  if (!jws.ok) errors.push(`signature: ${JWS_REASONS[jws.reason]}`);
  if (!payload) {
    checks.format = 'failed';
    errors.push('format: the payload cannot be decoded');
    return result(null);
  }
  const credential = Object.fromEntries(
    Object.entries(payload).filter(([k]) => !REGISTERED_CLAIMS.includes(k)),
  );

  const problems = openBadgeCredentialProblems(credential);
  checks.format = problems.length === 0 ? 'ok' : 'failed';
  errors.push(...problems.map((p) => `format: ${p}`));

  const claims = claimProblems(payload, credential, options.issuerId);
  checks.claims = claims.length === 0 ? 'ok' : 'failed';
  errors.push(...claims.map((p) => `claims: ${p}`));

  const now = options.now.getTime();
  const validFrom = Date.parse(String(credential['validFrom']));
  checks.validFrom = Number.isNaN(validFrom) ? 'failed' : now >= validFrom ? 'ok' : 'failed';
  if (checks.validFrom === 'failed') errors.push('validFrom: the credential is not valid yet');
  const validUntil =
    credential['validUntil'] === undefined ? null : Date.parse(String(credential['validUntil']));
  checks.validUntil =
    validUntil === null ? 'ok' : !Number.isNaN(validUntil) && now <= validUntil ? 'ok' : 'failed';
  if (checks.validUntil === 'failed') errors.push('validUntil: the credential has expired');

  const status = credential['credentialStatus'] as (Partial<StatusEntry> & { type?: unknown }) | undefined;
  if (!jws.ok) {
    errors.push('revocation: not checked, because the signature does not hold');
  } else if (status === undefined) {
    checks.revocation = 'ok';
  } else if (
    status.type !== 'BitstringStatusListEntry' ||
    typeof status.statusListCredential !== 'string' ||
    typeof status.statusListIndex !== 'string' ||
    typeof status.statusPurpose !== 'string'
  ) {
    errors.push('revocation: unsupported credentialStatus');
  } else {
    const outcome = await options.statusCheck({
      statusListCredential: status.statusListCredential,
      statusListIndex: status.statusListIndex,
      statusPurpose: status.statusPurpose,
    });
    checks.revocation = outcome.outcome;
    if (outcome.outcome === 'failed') errors.push('revocation: the credential has been revoked');
    else if (outcome.outcome === 'unknown')
      errors.push(`revocation: ${outcome.reason ?? 'status unavailable'}`);
  }
  return result(credential);
}

/**
 * The Bitstring Status List validate algorithm (§3.2) on a status list VC-JWT we already hold: its
 * signature, type, purpose and validity, then the bit. `failed` means revoked.
 */
export function checkStatusListEntry(
  entry: StatusEntry,
  statusListJwt: string,
  keys: readonly PublicJwk[],
  now: Date,
): { outcome: CheckOutcome; reason?: string } {
  const jws = verifyJws(statusListJwt, keys);
  if (!jws.ok) return { outcome: 'unknown', reason: 'the status list signature does not verify' };
  const list = jws.payload;
  const types = Array.isArray(list['type']) ? list['type'] : [];
  const subject = list['credentialSubject'] as Record<string, unknown> | undefined;
  if (!types.includes('BitstringStatusListCredential') || subject?.['type'] !== 'BitstringStatusList')
    return { outcome: 'unknown', reason: 'not a BitstringStatusListCredential' };
  if (list['id'] !== entry.statusListCredential)
    return { outcome: 'unknown', reason: 'status list id mismatch' };
  const purposes = Array.isArray(subject['statusPurpose'])
    ? subject['statusPurpose']
    : [subject['statusPurpose']];
  if (!purposes.includes(entry.statusPurpose))
    return { outcome: 'unknown', reason: 'status purpose mismatch' };
  const validUntil = typeof list['validUntil'] === 'string' ? Date.parse(list['validUntil']) : null;
  if (validUntil !== null && now.getTime() > validUntil)
    return { outcome: 'unknown', reason: 'the status list has expired' };
  try {
    const bits = decodeBitstring(String(subject['encodedList']));
    return { outcome: bitAt(bits, Number(entry.statusListIndex)) === 1 ? 'failed' : 'ok' };
  } catch (error) {
    return { outcome: 'unknown', reason: error instanceof Error ? error.message : 'status list unreadable' };
  }
}
