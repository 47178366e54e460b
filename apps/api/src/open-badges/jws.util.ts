import { sign, verify } from 'node:crypto';
import {
  base64url,
  publicKeyFromJwk,
  type PublicJwk,
  type SigningAlg,
  type SigningKey,
} from './signing-key.util';

/** The only JOSE header Brevet writes and accepts (OB 3.0 §8.2.3: no other headers are allowed). */
export interface JoseHeader {
  alg: SigningAlg;
  kid: string;
  typ: 'JWT';
}

export type JwsFailure =
  | 'malformed'
  | 'header_invalid'
  | 'payload_invalid'
  | 'unknown_key'
  | 'algorithm_mismatch'
  | 'signature_invalid';

export type JwsVerification =
  | { ok: true; header: JoseHeader; payload: Record<string, unknown> }
  | {
      ok: false;
      reason: JwsFailure;
      /** Whatever could be decoded, for display; never trusted. */
      header?: Record<string, unknown>;
      payload?: Record<string, unknown>;
    };

const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ALGS: readonly SigningAlg[] = ['EdDSA', 'RS256'];

function signingInput(header: JoseHeader, payload: object): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
}

function hashFor(alg: SigningAlg): string | null {
  return alg === 'EdDSA' ? null : 'sha256';
}

/** Compact JWS (RFC 7515 §7.1) over the JSON payload with the given key. */
export function signJws(payload: object, key: SigningKey): string {
  const input = signingInput({ alg: key.alg, kid: key.kid, typ: 'JWT' }, payload);
  const signature = sign(hashFor(key.alg), Buffer.from(input, 'ascii'), key.privateKey);
  return `${input}.${base64url(signature)}`;
}

/** Strict base64url: decodes, and refuses anything that does not re-encode to the same text. */
function decodeSegment(segment: string): Buffer | null {
  const bytes = Buffer.from(segment, 'base64url');
  return base64url(bytes) === segment ? bytes : null;
}

function parseJsonObject(bytes: Buffer | null): Record<string, unknown> | undefined {
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function isJoseHeader(h: Record<string, unknown>): h is Record<string, unknown> & JoseHeader {
  const keys = Object.keys(h).sort();
  const allowed = keys.every((k) => k === 'alg' || k === 'kid' || k === 'typ');
  return (
    allowed &&
    ALGS.includes(h['alg'] as SigningAlg) &&
    typeof h['kid'] === 'string' &&
    (h['typ'] === undefined || h['typ'] === 'JWT')
  );
}

/**
 * Verifies a compact JWS: strict syntax, an allowed header, a key found by `kid` among `keys` whose `alg`
 * matches the header (no algorithm substitution, no `none`), and the signature over the exact segments.
 */
export function verifyJws(token: string, keys: readonly PublicJwk[]): JwsVerification {
  const trimmed = token.trim();
  if (!COMPACT.test(trimmed)) return { ok: false, reason: 'malformed' };
  const [h, p, s] = trimmed.split('.') as [string, string, string];
  const header = parseJsonObject(decodeSegment(h));
  const payload = parseJsonObject(decodeSegment(p));
  const signature = decodeSegment(s);
  if (!header || !isJoseHeader(header)) return { ok: false, reason: 'header_invalid', header, payload };
  if (!payload) return { ok: false, reason: 'payload_invalid', header };
  if (!signature) return { ok: false, reason: 'malformed', header, payload };
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk) return { ok: false, reason: 'unknown_key', header, payload };
  if (jwk.alg !== header.alg) return { ok: false, reason: 'algorithm_mismatch', header, payload };
  let valid = false;
  try {
    valid = verify(hashFor(jwk.alg), Buffer.from(`${h}.${p}`, 'ascii'), publicKeyFromJwk(jwk), signature);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'signature_invalid', header, payload };
  return { ok: true, header: { alg: header.alg, kid: header.kid, typ: 'JWT' }, payload };
}
